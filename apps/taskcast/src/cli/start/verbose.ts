/**
 * `start --verbose` (config-cli.md §4): one human line per request,
 * `[YYYY-MM-DD HH:MM:SS] METHOD PATH → STATUS Nms  (context)`, with the context read from the
 * route and the request body (bodies over 64 KiB are not read for it).
 */
type Fetch = (request: Request) => Response | Promise<Response>;

const MAX_LOGGED_BODY = 64 * 1024;

export function withRequestLog(
  fetch: Fetch,
  write: (line: string) => void,
  now: () => Date = () => new Date(),
): Fetch {
  return async (request) => {
    const started = performance.now();
    const body = await bodyOf(request);
    const response = await fetch(request);
    const sse = (response.headers.get("content-type") ?? "").startsWith("text/event-stream");
    const path = new URL(request.url).pathname;
    const status = sse ? "SSE" : String(response.status).padStart(3);
    const elapsed = Math.round(performance.now() - started);
    const context = contextOf(request.method, path, response.status, sse, body);
    const line = `[${stamp(now())}] ${request.method.padEnd(6)} ${path.padEnd(35)} → ${status} ${elapsed}ms`;
    write(context ? `${line}  (${context})` : line);
    return response;
  };
}

type Body = { kind: "none" } | { kind: "too-large" } | { kind: "json"; value: unknown };

async function bodyOf(request: Request): Promise<Body> {
  if (request.method === "GET" || request.method === "HEAD") return { kind: "none" };
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_LOGGED_BODY) return { kind: "too-large" };
  const text = await request.clone().text();
  if (text.length > MAX_LOGGED_BODY) return { kind: "too-large" };
  try {
    return { kind: "json", value: JSON.parse(text) };
  } catch {
    return { kind: "none" };
  }
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function contextOf(
  method: string,
  path: string,
  status: number,
  sse: boolean,
  body: Body,
): string | undefined {
  if (sse) return path === "/events" ? "global subscriber connected" : "subscriber connected";
  if (status >= 400) return undefined;
  if (body.kind === "too-large") return "body too large to log";
  const value = body.kind === "json" ? body.value : undefined;
  if (method === "POST" && path === "/tasks") return "task created";
  if (method === "PATCH" && path.endsWith("/status")) return `→ ${String(field(value, "status"))}`;
  if (method === "POST" && path.endsWith("/resolve")) return "resolve";
  if (method === "POST" && path.endsWith("/events")) {
    if (Array.isArray(value)) return `${value.length} events`;
    const type = field(value, "type");
    return typeof type === "string" ? `type: ${type}` : "event published";
  }
  return undefined;
}

function stamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  const day = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
  return `${day} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}
