/**
 * Outbound webhook delivery: signed POST, retries with backoff, and a guard that keeps
 * user-supplied URLs off the server's own network.
 *
 * DNS rebinding: each attempt goes through guardedFetch, which resolves the host once, checks
 * every address and connects to a checked address itself (the name goes in the Host header and,
 * for https, in SNI and the certificate check), so a DNS server answering differently the second
 * time has no second time to answer. Redirects are not followed (a 3xx counts as a failure), so a
 * public server cannot bounce us inward either.
 */
import { BlockedAddressError, type Resolver } from "./address-guard.ts";
import { type BackoffPolicy, backoffDelay, sleep } from "./backoff.ts";
import { type Fetch, guardedFetch } from "./guarded-fetch.ts";
import { formatSignature, type SignatureFormat, signBody } from "./webhook-signature.ts";

export interface RetryPolicy extends BackoffPolicy {
  /** Retries after the first attempt: 0 means one attempt in all. */
  retries: number;
  /** Limit per attempt, covering name resolution, connection and response headers. */
  timeoutMs: number;
}

export interface WebhookDelivery {
  url: string;
  /** Sent as-is when a string; otherwise JSON-encoded. The signature covers these exact bytes. */
  body: string | object;
  /** When set, the body is signed with HMAC-SHA256 into `signatureHeader`. */
  secret?: string;
  headers?: Record<string, string>;
  signatureHeader?: string;
  signatureFormat?: SignatureFormat;
  retry: RetryPolicy;
  /** Allow loopback and private targets (tests, or an operator's own internal hooks). */
  allowPrivate?: boolean;
  /** Sends each pinned request (guardedFetch's transport); `fetch` by default. */
  fetch?: Fetch;
  resolve?: Resolver;
  /** Aborts the delivery, including a pending backoff sleep (used at shutdown). */
  signal?: AbortSignal;
  /**
   * Keep the final response's body (a bot's reply, say), reading at most `maxBytes`: a longer
   * body is cut there and marked `truncated`, so a hostile endpoint cannot exhaust memory.
   * Without it the body is discarded unread.
   */
  keepResponse?: { maxBytes: number };
}

export interface WebhookResponse {
  status: number;
  contentType: string | null;
  body: Uint8Array<ArrayBuffer>;
  truncated: boolean;
}

export interface WebhookAttempt {
  attempt: number;
  startedAt: string;
  durationMs: number;
  status?: number;
  error?: string;
}

export interface WebhookResult {
  ok: boolean;
  /** Status of the last response received, if any. */
  status?: number;
  /** Why the delivery finally failed. */
  error?: string;
  attempts: WebhookAttempt[];
  /** The response that ended the delivery, when `keepResponse` asked for it. */
  response?: WebhookResponse;
}

const retryableStatus = (status: number): boolean => status >= 500 || status === 429;

function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get("retry-after");
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof Error) {
    if (error.name === "TimeoutError") return `timeout after ${timeoutMs}ms`;
    return error.message || error.name;
  }
  return String(error);
}

function requestHeaders(delivery: WebhookDelivery, body: string): Headers {
  const headers = new Headers({ "content-type": "application/json" });
  for (const [name, value] of Object.entries(delivery.headers ?? {})) headers.set(name, value);
  if (delivery.secret !== undefined) {
    const signature = formatSignature(signBody(delivery.secret, body), delivery.signatureFormat);
    headers.set(delivery.signatureHeader ?? "X-Signature", signature);
  }
  return headers;
}

async function readBounded(response: Response, maxBytes: number): Promise<WebhookResponse> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  const reader = response.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - size));
      size = maxBytes;
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { status: response.status, contentType: response.headers.get("content-type"), body, truncated };
}

function targetOf(text: string): URL | string {
  if (!URL.canParse(text)) return `invalid URL: ${JSON.stringify(text)}`;
  const url = new URL(text);
  if (url.protocol !== "http:" && url.protocol !== "https:") return `unsupported scheme ${url.protocol}`;
  return url;
}

export async function deliverWebhook(delivery: WebhookDelivery): Promise<WebhookResult> {
  const target = targetOf(delivery.url);
  if (typeof target === "string") return { ok: false, error: target, attempts: [] };
  const body = typeof delivery.body === "string" ? delivery.body : JSON.stringify(delivery.body);
  const headers = requestHeaders(delivery, body);
  const guard = { allowPrivate: delivery.allowPrivate, resolve: delivery.resolve, fetch: delivery.fetch };
  const { retry } = delivery;
  const attempts: WebhookAttempt[] = [];
  let status: number | undefined;
  let nextDelayAtLeast = 0;

  for (let attempt = 1; attempt <= retry.retries + 1; attempt++) {
    if (attempt > 1) {
      const delay = Math.min(Math.max(backoffDelay(retry, attempt - 1), nextDelayAtLeast), retry.maxDelayMs);
      try {
        await sleep(delay, delivery.signal);
      } catch {
        return { ok: false, status, error: "aborted", attempts };
      }
    }
    const startedAt = new Date();
    const started = performance.now();
    const record = (result: { status?: number; error?: string }): void => {
      const durationMs = Math.round((performance.now() - started) * 100) / 100;
      attempts.push({ attempt, startedAt: startedAt.toISOString(), durationMs, ...result });
    };
    const timeout = AbortSignal.timeout(retry.timeoutMs);
    const signal = delivery.signal ? AbortSignal.any([timeout, delivery.signal]) : timeout;
    try {
      const response = await guardedFetch(target, { method: "POST", headers, body, signal }, guard);
      status = response.status;
      const final = (status >= 200 && status < 300) || !retryableStatus(status);
      const kept =
        final && delivery.keepResponse
          ? await readBounded(response, delivery.keepResponse.maxBytes)
          : undefined;
      if (!kept) await response.body?.cancel().catch(() => undefined);
      record({ status });
      if (status >= 200 && status < 300) return { ok: true, status, attempts, response: kept };
      if (!retryableStatus(status))
        return { ok: false, status, error: `HTTP ${status}`, attempts, response: kept };
      nextDelayAtLeast = retryAfterMs(response) ?? 0;
    } catch (error) {
      const message = describe(error, retry.timeoutMs);
      record({ error: message });
      if (error instanceof BlockedAddressError) return { ok: false, error: message, attempts };
      if (delivery.signal?.aborted) return { ok: false, status, error: "aborted", attempts };
      nextDelayAtLeast = 0;
    }
  }
  const last = attempts.at(-1);
  return { ok: false, status, error: last?.error ?? `HTTP ${last?.status}`, attempts };
}
