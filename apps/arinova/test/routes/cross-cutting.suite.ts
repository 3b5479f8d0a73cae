/** rest.md §1: health, unknown routes, body rules, auth order, CORS (HEAD: head.suite.ts). */
import { describe, expect, test } from "bun:test";
import Redis from "ioredis";
import { call, startServer, WEB_ORIGIN } from "../support/server.ts";
import type { SuiteContext } from "./context.ts";
import { ISO } from "./helpers.ts";

export function crossCuttingSuite(ctx: SuiteContext): void {
  describe("cross-cutting", () => {
    test("health: ok with the database's check", async () => {
      const reply = await ctx.as(undefined, "GET", "/health");
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ status: "ok", db: "ok", redis: "ok" });
      expect((reply.body as { timestamp: string }).timestamp).toMatch(ISO);
    });

    test("health: 503 degraded when Redis does not answer", async () => {
      const deadRedis = new Redis("redis://127.0.0.1:1", {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      // The refused connection is the point of the test, not an error to print.
      deadRedis.on("error", () => {});
      const server = await startServer(ctx.database, { redis: deadRedis });
      try {
        const reply = await call(server.url, "GET", "/health");
        expect(reply.status).toBe(503);
        expect(reply.body).toMatchObject({ status: "degraded", db: "ok", redis: "error" });
      } finally {
        await server.close();
        deadRedis.disconnect();
      }
    });

    test("unknown routes and methods: the framework's 404 body", async () => {
      const reply = await ctx.as(undefined, "GET", "/api/nope?x=1");
      expect(reply.status).toBe(404);
      expect(reply.body).toEqual({
        message: "Route GET:/api/nope?x=1 not found",
        error: "Not Found",
        statusCode: 404,
      });
      const patch = await ctx.as(undefined, "PATCH", "/api/agents");
      expect(patch.body).toEqual({
        message: "Route PATCH:/api/agents not found",
        error: "Not Found",
        statusCode: 404,
      });
    });

    test("401 for every protected route without a session; body errors come first", async () => {
      for (const [method, path] of [
        ["GET", "/api/agents"],
        ["GET", "/api/agents/health"],
        ["POST", "/api/conversations/group"],
        ["GET", "/api/messages/search"],
        ["GET", "/api/notifications/preferences"],
        ["DELETE", "/api/messages/x/reactions/y"],
      ]) {
        const reply = await ctx.as(undefined, method ?? "GET", path ?? "/");
        expect(reply.status).toBe(401);
        expect(reply.text).toBe('{"error":"Unauthorized"}');
      }
      const malformed = await ctx.as(undefined, "POST", "/api/agents", {
        raw: "{",
        headers: { "content-type": "application/json" },
      });
      expect(malformed.status).toBe(400);
      const invalid = await ctx.as(undefined, "POST", "/api/agents", { body: { name: 5 } });
      expect(invalid.status).toBe(401);
    });

    test("body rules: empty JSON 400, form 415, over 1 MiB 413, text/plain reaches validation", async () => {
      const alice = await ctx.signUp();
      await ctx.unchanged(async () => {
        const empty = await ctx.as(alice, "POST", "/api/agents", {
          raw: "",
          headers: { "content-type": "application/json" },
        });
        expect(empty.status).toBe(400);
        expect(empty.body).toEqual({
          error: "Body cannot be empty when content-type is set to 'application/json'",
          code: "INTERNAL_ERROR",
        });
        const form = await ctx.as(alice, "POST", "/api/agents", {
          raw: "name=x",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        });
        expect(form.status).toBe(415);
        expect(form.body).toEqual({
          error: "Unsupported Media Type: application/x-www-form-urlencoded",
          code: "INTERNAL_ERROR",
        });
        const big = await ctx.as(alice, "POST", "/api/agents", {
          body: { name: "x", description: "y".repeat(1_048_576) },
        });
        expect(big.status).toBe(413);
        expect(big.body).toEqual({ error: "Request body is too large", code: "INTERNAL_ERROR" });
        const text = await ctx.as(alice, "POST", "/api/agents", {
          raw: "name",
          headers: { "content-type": "text/plain" },
        });
        expect(text.status).toBe(400);
        expect(text.body).toMatchObject({ code: "VALIDATION_ERROR" });
        const authForm = await ctx.as(undefined, "POST", "/api/auth/sign-in/email", {
          raw: "email=a",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        });
        expect(authForm.status).toBe(415);
      });
      // A DELETE without a body reaches its handler; Fastify parsed DELETE bodies only when announced.
      const bodylessDelete = await ctx.as(alice, "DELETE", "/api/conversations/x");
      expect(bodylessDelete.status).toBe(404);
    });

    test("CORS: listed origins reflected with credentials; preflight 204; others get no allow-origin", async () => {
      const allowed = await ctx.as(undefined, "GET", "/health", { headers: { origin: WEB_ORIGIN } });
      expect(allowed.headers.get("access-control-allow-origin")).toBe(WEB_ORIGIN);
      expect(allowed.headers.get("access-control-allow-credentials")).toBe("true");
      expect(allowed.headers.get("vary")).toContain("Origin");
      const other = await ctx.as(undefined, "GET", "/health", { headers: { origin: "http://evil.example" } });
      expect(other.status).toBe(200);
      expect(other.headers.get("access-control-allow-origin")).toBeNull();
      const preflight = await ctx.as(undefined, "OPTIONS", "/api/agents", {
        headers: {
          origin: WEB_ORIGIN,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type",
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-origin")).toBe(WEB_ORIGIN);
      expect(preflight.headers.get("access-control-allow-methods")).toBe(
        "GET, HEAD, POST, PUT, DELETE, PATCH",
      );
      expect(preflight.headers.get("access-control-allow-headers")).toBe("content-type");
      expect(preflight.headers.get("x-ratelimit-limit")).toBeNull();
    });
  });
}
