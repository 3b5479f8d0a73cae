import { afterAll, describe, expect, test } from "bun:test";
import { backoffDelay, deliverWebhook, type RetryPolicy, verifySignature } from "../src/index.ts";

const secret = "whsec_test";
const retry: RetryPolicy = {
  retries: 3,
  backoff: "exponential",
  initialDelayMs: 5,
  maxDelayMs: 20,
  timeoutMs: 1000,
};

/** A receiver that checks signatures and answers from a script of statuses (then 200). */
function receiver() {
  const seen: { path: string; valid: boolean; body: string; host: string | null }[] = [];
  const scripts = new Map<string, number[]>();
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(req) {
      const path = new URL(req.url).pathname;
      const body = await req.text();
      const valid = verifySignature(secret, body, req.headers.get("x-hook-signature"));
      seen.push({ path, valid, body, host: req.headers.get("host") });
      if (path === "/hang") await Bun.sleep(300);
      if (path === "/redirect") return Response.redirect("http://127.0.0.1:1/", 302);
      if (path === "/reply")
        return new Response("hello from the hook", { headers: { "content-type": "text/plain" } });
      if (path === "/flood") return new Response("x".repeat(100_000));
      const status = scripts.get(path)?.shift() ?? 200;
      return new Response(valid ? "ok" : "bad signature", { status: valid ? status : 401 });
    },
  });
  const base = `http://127.0.0.1:${server.port}`;
  return { base, seen, scripts, stop: () => server.stop(true) };
}

const hooks = receiver();
afterAll(() => hooks.stop());

const deliver = (path: string, overrides: Partial<Parameters<typeof deliverWebhook>[0]> = {}) =>
  deliverWebhook({
    url: `${hooks.base}${path}`,
    body: { event: "task.completed", path },
    secret,
    signatureHeader: "X-Hook-Signature",
    retry,
    allowPrivate: true,
    ...overrides,
  });

describe("deliverWebhook", () => {
  test("signs the body and retries 5xx until the receiver accepts", async () => {
    hooks.scripts.set("/flaky", [503, 500]);
    const result = await deliver("/flaky");
    expect(result.ok).toBe(true);
    expect(result.status).toBe(200);
    expect(result.attempts.map((a) => a.status)).toEqual([503, 500, 200]);
    expect(result.attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    for (const attempt of result.attempts) expect(attempt.durationMs).toBeGreaterThanOrEqual(0);
    const received = hooks.seen.filter((s) => s.path === "/flaky");
    expect(received).toHaveLength(3);
    expect(received.every((s) => s.valid)).toBe(true);
    expect(JSON.parse(received[0]!.body)).toEqual({ event: "task.completed", path: "/flaky" });
  });

  test("gives up after the configured retries", async () => {
    hooks.scripts.set("/down", [503, 503, 503]);
    const result = await deliver("/down", { retry: { ...retry, retries: 2 } });
    expect(result).toMatchObject({ ok: false, status: 503, error: "HTTP 503" });
    expect(result.attempts).toHaveLength(3);
  });

  test("retries 429 but not other 4xx", async () => {
    hooks.scripts.set("/busy", [429]);
    expect((await deliver("/busy")).attempts.map((a) => a.status)).toEqual([429, 200]);
    hooks.scripts.set("/gone", [410]);
    const gone = await deliver("/gone");
    expect(gone).toMatchObject({ ok: false, status: 410, error: "HTTP 410" });
    expect(gone.attempts).toHaveLength(1);
  });

  test("a wrong secret is visible to the receiver (and not retried)", async () => {
    const result = await deliver("/wrong-secret", { secret: "not-it" });
    expect(result).toMatchObject({ ok: false, status: 401 });
    expect(hooks.seen.find((s) => s.path === "/wrong-secret")?.valid).toBe(false);
  });

  test("times out each attempt and retries", async () => {
    const result = await deliver("/hang", { retry: { ...retry, retries: 1, timeoutMs: 50 } });
    expect(result.ok).toBe(false);
    expect(result.attempts.map((a) => a.error)).toEqual(["timeout after 50ms", "timeout after 50ms"]);
  });

  test("network errors are retried and reported", async () => {
    const closed = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response() });
    const url = `http://127.0.0.1:${closed.port}/`;
    await closed.stop(true);
    const result = await deliver("", { url, retry: { ...retry, retries: 1 } });
    expect(result.ok).toBe(false);
    expect(result.attempts).toHaveLength(2);
    expect(result.attempts[0]?.error).toBeTruthy();
  });

  test("redirects are not followed", async () => {
    const result = await deliver("/redirect");
    expect(result).toMatchObject({ ok: false, status: 302 });
    expect(result.attempts).toHaveLength(1);
  });

  test("an abort during backoff stops the delivery", async () => {
    hooks.scripts.set("/abort", [503, 503, 503, 503]);
    const controller = new AbortController();
    const pending = deliver("/abort", {
      retry: { ...retry, initialDelayMs: 200, maxDelayMs: 200 },
      signal: controller.signal,
    });
    await Bun.sleep(50);
    controller.abort();
    const result = await pending;
    expect(result).toMatchObject({ ok: false, error: "aborted" });
    expect(result.attempts).toHaveLength(1);
  });

  test("keepResponse returns the final response's body; without it nothing is kept", async () => {
    const kept = await deliver("/reply", { keepResponse: { maxBytes: 1024 } });
    expect(kept.response?.status).toBe(200);
    expect(kept.response?.contentType).toStartWith("text/plain");
    expect(new TextDecoder().decode(kept.response?.body)).toBe("hello from the hook");
    expect(kept.response?.truncated).toBe(false);
    expect((await deliver("/reply")).response).toBeUndefined();
  });

  test("keepResponse reads at most maxBytes of a larger body", async () => {
    const result = await deliver("/flood", { keepResponse: { maxBytes: 1000 } });
    expect(result.ok).toBe(true);
    expect(result.response?.body.byteLength).toBe(1000);
    expect(result.response?.truncated).toBe(true);
  });

  test("the default signature is X-Signature: sha256=<hex>", async () => {
    let header: string | null = null;
    const result = await deliverWebhook({
      url: "https://hooks.example/in",
      body: "raw body",
      secret,
      retry,
      resolve: async () => ["93.184.216.34"],
      fetch: async (_input, init) => {
        header = new Headers(init?.headers).get("x-signature");
        return new Response(null, { status: 204 });
      },
    });
    expect(result.ok).toBe(true);
    expect(header).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature(secret, "raw body", header)).toBe(true);
  });
  test("each attempt resolves the name once and connects to the address it checked", async () => {
    // rebind.test is made up: only the injected resolver's answer can reach the receiver.
    const calls: string[] = [];
    const resolve = async (hostname: string) => {
      calls.push(hostname);
      return ["127.0.0.1"];
    };
    hooks.scripts.set("/pinned", [503]);
    const port = new URL(hooks.base).port;
    const result = await deliver("/pinned", { url: `http://rebind.test:${port}/pinned`, resolve });
    expect(result.attempts.map((a) => a.status)).toEqual([503, 200]);
    expect(calls).toEqual(["rebind.test", "rebind.test"]);
    const received = hooks.seen.filter((s) => s.path === "/pinned");
    expect(received.map((s) => s.host)).toEqual([`rebind.test:${port}`, `rebind.test:${port}`]);
    expect(received.every((s) => s.valid)).toBe(true);
  });
});

describe("private-address guard", () => {
  const refusedFetch = async (): Promise<Response> => {
    throw new Error("fetch must not be called");
  };

  test("loopback targets are refused unless allowPrivate is set", async () => {
    const before = hooks.seen.length;
    for (const url of [
      `${hooks.base}/guarded`,
      "http://localhost:9/",
      "http://[::1]:9/",
      "http://[::ffff:127.0.0.1]/",
    ]) {
      const result = await deliverWebhook({ url, body: {}, retry });
      expect(result.ok).toBe(false);
      expect(result.error).toContain("non-public address");
      expect(result.attempts).toHaveLength(1);
    }
    expect(hooks.seen.length).toBe(before);
  });

  test("a rebinding resolver cannot turn the checked public address into loopback", async () => {
    let calls = 0;
    const targets: string[] = [];
    const result = await deliverWebhook({
      url: "https://hooks.example/in",
      body: {},
      retry: { ...retry, retries: 0 },
      resolve: async () => (++calls === 1 ? ["93.184.216.34"] : ["127.0.0.1"]),
      fetch: async (input) => {
        targets.push(String(input));
        return new Response(null, { status: 204 });
      },
    });
    expect(result.ok).toBe(true);
    expect(calls).toBe(1);
    expect(targets).toEqual(["https://93.184.216.34/in"]);
  });

  test("a name with any private address among its answers is refused", async () => {
    const result = await deliverWebhook({
      url: "https://hooks.example/in",
      body: {},
      retry,
      resolve: async () => ["93.184.216.34", "10.0.0.7"],
      fetch: refusedFetch,
    });
    expect(result).toMatchObject({ ok: false });
    expect(result.error).toContain("10.0.0.7");
  });

  test("private literals and metadata addresses are refused; bad schemes are rejected", async () => {
    for (const url of [
      "http://10.0.0.1/",
      "http://169.254.169.254/latest",
      "http://100.64.1.1/",
      "http://0.0.0.0/",
    ]) {
      expect((await deliverWebhook({ url, body: {}, retry, fetch: refusedFetch })).ok).toBe(false);
    }
    expect(await deliverWebhook({ url: "file:///etc/passwd", body: {}, retry })).toMatchObject({
      ok: false,
      error: "unsupported scheme file:",
      attempts: [],
    });
  });
});

test("backoffDelay", () => {
  const policy = { initialDelayMs: 100, maxDelayMs: 1000 } as const;
  expect([1, 2, 3].map((n) => backoffDelay({ ...policy, backoff: "fixed" }, n))).toEqual([100, 100, 100]);
  expect([1, 2, 3].map((n) => backoffDelay({ ...policy, backoff: "linear" }, n))).toEqual([100, 200, 300]);
  expect([1, 2, 3, 5].map((n) => backoffDelay({ ...policy, backoff: "exponential" }, n))).toEqual([
    100, 200, 400, 1000,
  ]);
  const jittered = { ...policy, backoff: "exponential", jitter: true } as const;
  expect(backoffDelay(jittered, 3, () => 0)).toBe(200);
  expect(backoffDelay(jittered, 3, () => 0.999)).toBeLessThanOrEqual(400);
});
