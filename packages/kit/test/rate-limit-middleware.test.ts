import { afterAll, describe, expect, test } from "bun:test";
import {
  clientIp,
  createApp,
  createLogger,
  MemoryRateLimiter,
  peerAddress,
  rateLimit,
  trustedProxies,
} from "../src/index.ts";
import { serve } from "./serve.ts";

const proxies = trustedProxies(["10.0.0.0/8", "127.0.0.1", "fd00::/8"]);

describe("clientIp", () => {
  const req = (xff?: string) => new Request("http://x/", { headers: xff ? { "x-forwarded-for": xff } : {} });

  test("an untrusted peer is the client, whatever it claims", () => {
    expect(clientIp(req("1.2.3.4"), "203.0.113.9", proxies)).toBe("203.0.113.9");
  });

  test("behind trusted proxies, the nearest untrusted hop is the client", () => {
    expect(clientIp(req("198.51.100.1, 203.0.113.5, 10.1.1.1"), "10.0.0.2", proxies)).toBe("203.0.113.5");
    expect(clientIp(req("203.0.113.5:51234"), "127.0.0.1", proxies)).toBe("203.0.113.5");
    expect(clientIp(req("2001:db8::1, fd00::5"), "::ffff:127.0.0.1", proxies)).toBe("2001:db8::1");
  });

  test("no header, or a chain of only trusted hops, falls back sensibly", () => {
    expect(clientIp(req(), "10.0.0.2", proxies)).toBe("10.0.0.2");
    expect(clientIp(req("10.9.9.9, 10.0.0.3"), "10.0.0.2", proxies)).toBe("10.9.9.9");
    expect(clientIp(req("1.2.3.4"), undefined, proxies)).toBeUndefined();
  });

  test("a garbled hop stops the walk at the proxy", () => {
    expect(clientIp(req("1.2.3.4, not-an-ip"), "10.0.0.2", proxies)).toBe("10.0.0.2");
  });

  test("a typo in the trusted list fails at start-up", () => {
    expect(() => trustedProxies(["10.0.0.0/33"])).toThrow("not an IP address or CIDR range");
  });
});

describe("rateLimit middleware", () => {
  const app = createApp({ name: "rl", logger: createLogger({ level: "silent" }) });
  app.use(
    "/limited/*",
    rateLimit({
      limiter: new MemoryRateLimiter(),
      limit: 2,
      windowMs: 60_000,
      key: (c) => clientIp(c.req.raw, peerAddress(c), proxies),
    }),
  );
  app.get("/limited/ping", (c) => c.text("pong"));
  const server = serve(app);
  afterAll(() => server.stop());

  test("sets X-RateLimit headers and answers 429 with Retry-After through the mapper", async () => {
    const hit = (ip: string) => fetch(`${server.url}/limited/ping`, { headers: { "x-forwarded-for": ip } });
    const first = await hit("203.0.113.1");
    expect(first.status).toBe(200);
    expect(first.headers.get("x-ratelimit-limit")).toBe("2");
    expect(first.headers.get("x-ratelimit-remaining")).toBe("1");
    expect(first.headers.get("x-ratelimit-reset")).toBe("60");
    expect((await hit("203.0.113.1")).status).toBe(200);
    const refused = await hit("203.0.113.1");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(refused.headers.get("x-request-id")).toBeTruthy();
    expect(await refused.json()).toEqual({ error: "Too many requests" });
    // The peer (127.0.0.1) is a trusted proxy, so another forwarded client has its own budget.
    expect((await hit("203.0.113.2")).status).toBe(200);
  });
});
