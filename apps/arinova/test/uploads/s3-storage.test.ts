import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createLogger } from "@rt/kit";
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { agents, messages } from "../../src/db/schema/index.ts";
import { createUploadStorage } from "../../src/uploads/create-storage.ts";
import type { UserEnv } from "../../src/uploads/deps.ts";
import { uploadRoutes } from "../../src/uploads/routes.ts";
import { S3Storage } from "../../src/uploads/s3-storage.ts";
import { backendsUnderTest } from "../support/backends.ts";
import {
  type Harness,
  openHarness,
  type Served,
  serve,
  sessionCookieAuth,
  type TestUser,
} from "./harness.ts";
import { form, PNG } from "./samples.ts";
import { type S3Stub, startS3Stub } from "./sigv4-stub.ts";

const SLOW = 60_000;
const ACCESS_KEY = "AKIDTESTKEY";
const SECRET = "test-secret-key";
const PUBLIC_URL = "https://cdn.example.test";

for (const { name, factory } of await backendsUnderTest()) {
  describe(name, () => {
    let h: Harness;
    let stub: S3Stub;
    let alice: TestUser;
    let agentId: string;
    let chat: string;
    let uploadDir: string;
    const servers: Served[] = [];

    function serveWith(secretAccessKey: string): Served {
      const storage = createUploadStorage({
        dir: uploadDir,
        baseUrl: "http://api.example.test",
        r2: {
          endpoint: stub.endpoint,
          accessKeyId: ACCESS_KEY,
          secretAccessKey,
          bucket: "arinova-uploads",
          publicUrl: PUBLIC_URL,
        },
      });
      const app = new Hono<UserEnv>();
      app.route(
        "/",
        uploadRoutes({
          db: h.db,
          storage,
          uploadDir,
          requireUser: sessionCookieAuth(h.db),
          logger: createLogger({ level: "silent" }),
        }),
      );
      const served = serve(app);
      servers.push(served);
      return served;
    }

    beforeAll(async () => {
      h = await openHarness(factory);
      uploadDir = join(h.dir, "uploads");
      stub = startS3Stub(ACCESS_KEY, SECRET);
      alice = await h.createUser("Alice");
      agentId = await h.createAgent(alice.id);
      chat = await h.createConversation(alice.id, agentId);
    }, SLOW);

    afterAll(async () => {
      for (const served of servers) await served.stop();
      await stub?.stop();
      await h?.close();
    });

    describe("uploads in an S3-compatible bucket", () => {
      test("a chat upload is a signed PutObject at the bucket root, linked by its public URL", async () => {
        const { url } = serveWith(SECRET);
        const response = await fetch(`${url}/api/conversations/${chat}/upload`, {
          method: "POST",
          body: form({ bytes: PNG, type: "image/png", name: "pixel.png" }, "look"),
          headers: { cookie: alice.cookie },
        });
        expect(response.status).toBe(200);
        const { message } = (await response.json()) as {
          message: { content: string; attachments: { id: string; url: string }[] };
        };
        const attachment = message.attachments[0]!;
        const key = attachment.url.slice(`${PUBLIC_URL}/`.length);
        expect(attachment.url).toMatch(/^https:\/\/cdn\.example\.test\/[0-9a-f-]{36}\.png$/);
        expect(message.content).toBe(`look\n\n![pixel.png](${attachment.url})`);

        const stored = stub.objects.get(`arinova-uploads/${key}`);
        expect(stored).toBeDefined();
        expect(Buffer.from(stored!.body).equals(Buffer.from(PNG))).toBe(true);
        expect(stored!.contentType).toBe("image/png");
        expect(stored!.scope).toMatch(/^\d{8}\/auto\/s3\/aws4_request$/);
        expect(stored!.signedHeaders).toEqual(
          expect.arrayContaining(["host", "x-amz-content-sha256", "x-amz-date"]),
        );
        // requestChecksumCalculation WHEN_REQUIRED: no CRC32 header for stores that refuse it.
        expect(Object.keys(stored!.headers).filter((name) => name.startsWith("x-amz-checksum"))).toEqual([]);
        expect(stub.rejections).toEqual([]);
        expect(existsSync(uploadDir)).toBe(false);

        const read = await fetch(`${url}/api/attachments/${attachment.id}`, {
          headers: { cookie: alice.cookie },
        });
        expect(((await read.json()) as { url: string }).url).toBe(attachment.url);
      });

      test("an avatar goes under avatars/ and its absolute URL is stored", async () => {
        const { url } = serveWith(SECRET);
        const response = await fetch(`${url}/api/agents/${agentId}/avatar`, {
          method: "POST",
          body: form({ bytes: PNG, type: "image/png", name: "me.png" }),
          headers: { cookie: alice.cookie },
        });
        const { avatarUrl } = (await response.json()) as { avatarUrl: string };
        expect(avatarUrl).toMatch(new RegExp(`^${PUBLIC_URL}/avatars/avatar_${agentId}_\\d+\\.png$`));
        expect(stub.objects.has(`arinova-uploads/${avatarUrl.slice(PUBLIC_URL.length + 1)}`)).toBe(true);
        const [agent] = await h.db.select().from(agents).where(eq(agents.id, agentId));
        expect(agent!.avatarUrl).toBe(avatarUrl);
      });

      test("a badly signed request is refused by the store; the upload fails and records nothing", async () => {
        const { url } = serveWith("wrong-secret");
        const before = (await h.db.select().from(messages).where(eq(messages.conversationId, chat))).length;
        const objects = stub.objects.size;
        const response = await fetch(`${url}/api/conversations/${chat}/upload`, {
          method: "POST",
          body: form({ bytes: PNG, type: "image/png", name: "pixel.png" }),
          headers: { cookie: alice.cookie },
        });
        expect(response.status).toBe(500);
        expect(await response.json()).toEqual({ error: "Internal server error", code: "INTERNAL_ERROR" });
        expect(stub.rejections).toEqual(["signature mismatch"]);
        expect(stub.objects.size).toBe(objects);
        expect((await h.db.select().from(messages).where(eq(messages.conversationId, chat))).length).toBe(
          before,
        );
      });

      test("without a public URL, object URLs degrade to /<key> as in the original", () => {
        const storage = new S3Storage({
          endpoint: stub.endpoint,
          accessKeyId: "a",
          secretAccessKey: "b",
          bucket: "b",
          publicUrl: "",
        });
        expect(storage.url("x.png")).toBe("/x.png");
        storage.close();
      });
    });
  });
}
