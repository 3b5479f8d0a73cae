import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "@rt/kit";
import { Hono } from "hono";
import type { Database } from "../../src/db/client.ts";
import type { UserEnv } from "../../src/uploads/deps.ts";
import { LocalStorage } from "../../src/uploads/local-storage.ts";
import { uploadRoutes } from "../../src/uploads/routes.ts";
import { type Served, serve } from "./harness.ts";

// `/uploads/*` needs no database and no session.
const noDatabase = {} as Database;
let scratch: string;
let served: Served;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "arinova-static-"));
  const uploadDir = join(scratch, "uploads");
  mkdirSync(join(uploadDir, "avatars"), { recursive: true });
  writeFileSync(join(uploadDir, "data.csv"), "a,b\n1,2\n");
  writeFileSync(join(uploadDir, "page.html"), "<script>alert(1)</script>");
  writeFileSync(join(uploadDir, "avatars", "a b.png"), "png bytes");
  writeFileSync(join(uploadDir, ".env"), "SECRET=1");
  writeFileSync(join(scratch, "secret.txt"), "outside the uploads directory");
  const app = new Hono<UserEnv>();
  app.route(
    "/",
    uploadRoutes({
      db: noDatabase,
      storage: new LocalStorage({ dir: uploadDir, baseUrl: "http://x" }),
      uploadDir,
      requireUser: async (c) => c.body(null, 401),
      logger: createLogger({ level: "silent" }),
    }),
  );
  served = serve(app);
});

afterAll(async () => {
  await served?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** Sends the request line as written: fetch would normalize `..` segments away first. */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(served.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`);
    });
    let text = "";
    socket.on("data", (chunk) => {
      text += chunk.toString("latin1");
    });
    socket.on("end", () =>
      resolve({ status: Number(text.split(" ")[1]), body: text.split("\r\n\r\n")[1] ?? "" }),
    );
    socket.on("error", reject);
  });
}

describe("GET|HEAD /uploads/*", () => {
  test("serves a file with the original's headers", async () => {
    const response = await fetch(`${served.url}/uploads/data.csv`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("a,b\n1,2\n");
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect(response.headers.get("cache-control")).toBe("public, max-age=0");
    expect(response.headers.get("etag")).toMatch(/^W\/"8-[0-9a-f]+"$/);
    expect(Date.parse(response.headers.get("last-modified") ?? "")).not.toBeNaN();
    expect(response.headers.get("content-security-policy")).toBeNull();
  });

  test("HEAD has the headers and no body; ranges and revalidation work", async () => {
    const head = await fetch(`${served.url}/uploads/data.csv`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe("8");
    expect(await head.text()).toBe("");

    const range = await fetch(`${served.url}/uploads/data.csv`, { headers: { range: "bytes=2-4" } });
    expect(range.status).toBe(206);
    expect(range.headers.get("content-range")).toBe("bytes 2-4/8");
    expect(await range.text()).toBe("b\n1");
    const suffix = await fetch(`${served.url}/uploads/data.csv`, { headers: { range: "bytes=-2" } });
    expect(await suffix.text()).toBe("2\n");
    const beyond = await fetch(`${served.url}/uploads/data.csv`, { headers: { range: "bytes=50-" } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe("bytes */8");

    const etag = head.headers.get("etag") ?? "";
    const again = await fetch(`${served.url}/uploads/data.csv`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
  });

  test("serves subdirectories and encoded names", async () => {
    const response = await fetch(`${served.url}/uploads/avatars/a%20b.png`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(await response.text()).toBe("png bytes");
  });

  test("sandboxes types a browser would run, since a client picks the extension", async () => {
    const response = await fetch(`${served.url}/uploads/page.html`);
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  test("missing files, directories and dotfiles are the framework's 404", async () => {
    for (const path of ["/uploads/nope.png", "/uploads/avatars", "/uploads/avatars/", "/uploads/.env"]) {
      const response = await fetch(`${served.url}${path}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        message: `Route GET:${path} not found`,
        error: "Not Found",
        statusCode: 404,
      });
    }
  });

  test("never leaves the uploads directory", async () => {
    for (const path of [
      "/uploads/../secret.txt",
      "/uploads/%2e%2e/secret.txt",
      "/uploads/..%2fsecret.txt",
      "/uploads/avatars/..%2f..%2fsecret.txt",
      "/uploads/%2e%2e%5csecret.txt",
      "/uploads/avatars/%00",
    ]) {
      const { status, body } = await rawGet(path);
      expect(body).not.toContain("outside the uploads directory");
      expect(status).toBe(404);
    }
  });
});
