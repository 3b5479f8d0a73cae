import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createLogger } from "@rt/kit";
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { agents, attachments, messages } from "../../src/db/schema/index.ts";
import type { UploadedMessage, UserEnv } from "../../src/uploads/deps.ts";
import { LocalStorage } from "../../src/uploads/local-storage.ts";
import { uploadRoutes } from "../../src/uploads/routes.ts";
import { MESSAGE_KEYS } from "../routes/helpers.ts";
import { backendsUnderTest } from "../support/backends.ts";
import {
  type Harness,
  openHarness,
  type Served,
  serve,
  sessionCookieAuth,
  type TestUser,
} from "./harness.ts";
import { ALLOWED_SAMPLES, form, PDF, PNG } from "./samples.ts";

const SLOW = 60_000;
const BASE_URL = "http://api.example.test";
const MAX = 10_485_760;
const UUID_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/;

for (const { name, factory } of await backendsUnderTest()) {
  describe(name, () => {
    let h: Harness;
    let served: Served;
    let uploadDir: string;
    let alice: TestUser;
    let bob: TestUser;
    let aliceAgent: string;
    let bobAgent: string;
    let aliceChat: string;
    let aliceGroup: string;
    let bobChat: string;
    const triggered: UploadedMessage[] = [];

    beforeAll(async () => {
      h = await openHarness(factory);
      uploadDir = join(h.dir, "uploads");
      alice = await h.createUser("Alice");
      bob = await h.createUser("Bob");
      aliceAgent = await h.createAgent(alice.id);
      bobAgent = await h.createAgent(bob.id);
      aliceChat = await h.createConversation(alice.id, aliceAgent);
      aliceGroup = await h.createConversation(alice.id, null, "group");
      bobChat = await h.createConversation(bob.id, bobAgent);
      const app = new Hono<UserEnv>();
      app.route(
        "/",
        uploadRoutes({
          db: h.db,
          storage: new LocalStorage({ dir: uploadDir, baseUrl: BASE_URL }),
          uploadDir,
          requireUser: sessionCookieAuth(h.db),
          logger: createLogger({ level: "silent" }),
          triggerAgent: async (upload) => {
            triggered.push(upload);
          },
        }),
      );
      served = serve(app);
    }, SLOW);

    afterAll(async () => {
      await served?.stop();
      await h?.close();
    });

    const post = (
      path: string,
      who: TestUser | undefined,
      body: BodyInit,
      headers: Record<string, string> = {},
    ) =>
      fetch(`${served.url}${path}`, {
        method: "POST",
        body,
        headers: { ...(who ? { cookie: who.cookie } : {}), ...headers },
      });

    const uploadPath = (conversationId: string) => `/api/conversations/${conversationId}/upload`;
    const storedFiles = (): string[] =>
      existsSync(uploadDir) ? readdirSync(uploadDir).filter((n) => n !== "avatars") : [];
    const messageCount = async (conversationId: string) =>
      (await h.db.select().from(messages).where(eq(messages.conversationId, conversationId))).length;

    /** Asserts a refused upload: exact status and body, and nothing stored or recorded. */
    async function expectRefused(
      response: Response,
      status: number,
      body: unknown,
      conversationId = aliceChat,
    ) {
      const before = storedFiles();
      const count = await messageCount(conversationId);
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(await response.json()).toEqual(body);
      expect(storedFiles()).toEqual(before);
      expect(await messageCount(conversationId)).toBe(count);
    }

    describe("POST /api/conversations/:conversationId/upload", () => {
      for (const sample of ALLOWED_SAMPLES) {
        test(`accepts ${sample.type}`, async () => {
          const response = await post(uploadPath(aliceChat), alice, form(sample));
          expect(response.status).toBe(200);
          const { message } = (await response.json()) as { message: Record<string, unknown> };
          expect(Object.keys(message)).toEqual(MESSAGE_KEYS);
          expect(message).toMatchObject({ conversationId: aliceChat, role: "user", status: "completed" });
          const [attachment] = message.attachments as Record<string, unknown>[];
          const url = attachment!.url as string;
          const storedName = url.slice("/uploads/".length);
          expect(storedName).toMatch(UUID_NAME);
          expect(storedName.endsWith(sample.name.slice(sample.name.lastIndexOf(".")))).toBe(true);
          expect(attachment).toEqual({
            id: expect.any(String),
            messageId: message.id,
            fileName: sample.name,
            fileType: sample.type,
            fileSize: sample.bytes.byteLength,
            url: `/uploads/${storedName}`,
            createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
          });
          const link = `[${sample.name}](${BASE_URL}/uploads/${storedName})`;
          expect(message.content).toBe(sample.type.startsWith("image/") ? `!${link}` : link);
          expect(
            Buffer.from(readFileSync(join(uploadDir, storedName))).equals(Buffer.from(sample.bytes)),
          ).toBe(true);
          const [row] = await h.db
            .select()
            .from(attachments)
            .where(eq(attachments.id, attachment!.id as string));
          expect(row).toMatchObject({
            fileType: sample.type,
            storagePath: storedName,
            fileSize: sample.bytes.byteLength,
          });
        });
      }

      test("numbers messages in order and puts the caption first, wherever the field is", async () => {
        const body = new FormData();
        body.append("caption", "my caption");
        body.append("file", new Blob(["a,b\n"], { type: "text/csv" }), "data.csv");
        const first = (await (await post(uploadPath(aliceChat), alice, body)).json()) as {
          message: { seq: number; content: string };
        };
        expect(first.message.content).toMatch(
          /^my caption\n\n\[data\.csv\]\(http:\/\/api\.example\.test\/uploads\/.+\.csv\)$/,
        );
        const second = (await (
          await post(uploadPath(aliceChat), alice, form(ALLOWED_SAMPLES[5]!, "after"))
        ).json()) as {
          message: { seq: number; content: string };
        };
        expect(second.message.seq).toBe(first.message.seq + 1);
        expect(second.message.content.startsWith("after\n\n[notes.txt](")).toBe(true);
      });

      test("asks the agent of a direct conversation to answer, not a group's", async () => {
        triggered.length = 0;
        await post(uploadPath(aliceChat), alice, form(ALLOWED_SAMPLES[5]!));
        await post(uploadPath(aliceGroup), alice, form(ALLOWED_SAMPLES[5]!));
        expect(triggered.map((t) => t.conversation.id)).toEqual([aliceChat]);
        expect(triggered[0]!.userId).toBe(alice.id);
      });

      test("accepts content of another allowed type than declared, recorded as declared", async () => {
        const response = await post(
          uploadPath(aliceChat),
          alice,
          form({ bytes: PNG, type: "image/jpeg", name: "x.jpg" }),
        );
        expect(response.status).toBe(200);
        const { message } = (await response.json()) as { message: { attachments: { fileType: string }[] } };
        expect(message.attachments[0]!.fileType).toBe("image/jpeg");
      });

      test("refuses content that is no allowed type: 400, nothing stored", async () => {
        const text = new TextEncoder().encode("just some text, not an image");
        await expectRefused(
          await post(
            uploadPath(aliceChat),
            alice,
            form({ bytes: text, type: "image/png", name: "fake.png" }),
          ),
          400,
          { error: "File content does not match declared type" },
        );
        const exe = Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]);
        await expectRefused(
          await post(
            uploadPath(aliceChat),
            alice,
            form({ bytes: exe, type: "application/pdf", name: "doc.pdf" }),
          ),
          400,
          { error: "File content does not match declared type" },
        );
      });

      test("refuses a declared type off the allow-list", async () => {
        await expectRefused(
          await post(
            uploadPath(aliceChat),
            alice,
            form({ bytes: PDF, type: "image/svg+xml", name: "x.svg" }),
          ),
          400,
          { error: "File type image/svg+xml is not allowed" },
        );
      });

      test(
        "takes a file of exactly MAX_FILE_SIZE and refuses one byte more with 413",
        async () => {
          const exact = new Uint8Array(MAX).fill(0x61);
          expect(
            (
              await post(
                uploadPath(aliceChat),
                alice,
                form({ bytes: exact, type: "text/plain", name: "big.txt" }),
              )
            ).status,
          ).toBe(200);
          const over = new Uint8Array(MAX + 1).fill(0x61);
          await expectRefused(
            await post(
              uploadPath(aliceChat),
              alice,
              form({ bytes: over, type: "text/plain", name: "big.txt" }),
            ),
            413,
            { error: "request file too large", code: "INTERNAL_ERROR" },
          );
        },
        SLOW,
      );

      test(
        "refuses a body far over the limit while it arrives",
        async () => {
          const huge = new Uint8Array(MAX + 4 * 1_048_576);
          await expectRefused(
            await post(
              uploadPath(aliceChat),
              alice,
              form({ bytes: huge, type: "text/plain", name: "huge.txt" }),
            ),
            413,
            { error: "request file too large", code: "INTERNAL_ERROR" },
          );
        },
        SLOW,
      );

      test("answers 406 when the body is not multipart", async () => {
        await expectRefused(
          await post(uploadPath(aliceChat), alice, JSON.stringify({ file: "x" }), {
            "content-type": "application/json",
          }),
          406,
          { error: "the request is not multipart", code: "INTERNAL_ERROR" },
        );
      });

      test("answers 400 when no file part was sent", async () => {
        await expectRefused(
          await post(uploadPath(aliceChat), alice, form(undefined, "only a caption")),
          400,
          {
            error: "No file uploaded",
          },
        );
      });

      test("another user's, a missing or a malformed conversation is 404 and nothing changes", async () => {
        for (const id of [bobChat, crypto.randomUUID(), "not-a-uuid"]) {
          await expectRefused(
            await post(uploadPath(id), alice, form(ALLOWED_SAMPLES[1]!)),
            404,
            {
              error: "Conversation not found",
            },
            bobChat,
          );
        }
      });

      test("needs a session", async () => {
        const response = await post(uploadPath(aliceChat), undefined, form(ALLOWED_SAMPLES[1]!));
        expect(response.status).toBe(401);
        expect(await response.json()).toEqual({ error: "Unauthorized" });
        const forged = await fetch(`${served.url}${uploadPath(aliceChat)}`, {
          method: "POST",
          body: form(ALLOWED_SAMPLES[1]!),
          headers: { cookie: "better-auth.session_token=forged.signature" },
        });
        expect(forged.status).toBe(401);
      });
    });

    describe("GET /api/attachments/:id", () => {
      test("answers the owner's attachment with its current URL; anyone else gets 404", async () => {
        const uploaded = (await (
          await post(uploadPath(aliceChat), alice, form(ALLOWED_SAMPLES[4]!))
        ).json()) as {
          message: { attachments: Record<string, unknown>[] };
        };
        const attachment = uploaded.message.attachments[0]!;
        const response = await fetch(`${served.url}/api/attachments/${attachment.id}`, {
          headers: { cookie: alice.cookie },
        });
        expect(response.status).toBe(200);
        expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
        expect(await response.json()).toEqual(attachment);

        for (const [who, id] of [
          [bob, attachment.id],
          [alice, crypto.randomUUID()],
          [alice, "nope"],
        ] as const) {
          const missing = await fetch(`${served.url}/api/attachments/${id}`, {
            headers: { cookie: who.cookie },
          });
          expect(missing.status).toBe(404);
          expect(await missing.json()).toEqual({ error: "Attachment not found" });
        }
      });
    });

    describe("POST /api/agents/:id/avatar", () => {
      const avatarPath = (id: string) => `/api/agents/${id}/avatar`;
      const avatarOf = async (id: string) => (await h.db.select().from(agents).where(eq(agents.id, id)))[0]!;

      test("stores the image under avatars/ and records its relative URL", async () => {
        const before = await avatarOf(aliceAgent);
        const started = Date.now();
        const response = await post(
          avatarPath(aliceAgent),
          alice,
          form({ bytes: PNG, type: "image/png", name: "me.png" }),
        );
        expect(response.status).toBe(200);
        const { avatarUrl } = (await response.json()) as { avatarUrl: string };
        const match = new RegExp(`^/uploads/avatars/avatar_${aliceAgent}_(\\d+)\\.png$`).exec(avatarUrl);
        expect(match).not.toBeNull();
        expect(Number(match![1])).toBeGreaterThanOrEqual(started);
        expect(
          Buffer.from(readFileSync(join(uploadDir, avatarUrl.slice("/uploads/".length)))).equals(
            Buffer.from(PNG),
          ),
        ).toBe(true);
        const after = await avatarOf(aliceAgent);
        expect(after.avatarUrl).toBe(avatarUrl);
        expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
        // Served back publicly.
        const served_ = await fetch(`${served.url}${avatarUrl}`);
        expect(served_.status).toBe(200);
        expect(served_.headers.get("content-type")).toBe("image/png");
      });

      test("takes any declared image type, the extension being the text after the last dot", async () => {
        const response = await post(
          avatarPath(aliceAgent),
          alice,
          form({ bytes: PDF, type: "image/svg+xml", name: "logo" }),
        );
        expect(response.status).toBe(200);
        const { avatarUrl } = (await response.json()) as { avatarUrl: string };
        expect(avatarUrl).toMatch(new RegExp(`^/uploads/avatars/avatar_${aliceAgent}_\\d+\\.logo$`));
      });

      test(
        "refuses non-images, avatars over 2 MiB, missing files and foreign agents, changing nothing",
        async () => {
          const unchanged = (await avatarOf(aliceAgent)).avatarUrl;
          const cases: [string, TestUser, FormData, number, unknown][] = [
            [
              aliceAgent,
              alice,
              form({ bytes: PDF, type: "application/pdf", name: "a.pdf" }),
              400,
              { error: "Only image files are allowed" },
            ],
            [
              aliceAgent,
              alice,
              form({ bytes: new Uint8Array(2_097_153), type: "image/png", name: "a.png" }),
              400,
              { error: "Avatar must be under 2MB" },
            ],
            [
              aliceAgent,
              alice,
              form({ bytes: new Uint8Array(MAX + 1), type: "image/png", name: "a.png" }),
              413,
              { error: "request file too large", code: "INTERNAL_ERROR" },
            ],
            [aliceAgent, alice, form(undefined, "x"), 400, { error: "No file uploaded" }],
            [
              bobAgent,
              alice,
              form({ bytes: PNG, type: "image/png", name: "a.png" }),
              404,
              { error: "Agent not found" },
            ],
            [
              "nope",
              alice,
              form({ bytes: PNG, type: "image/png", name: "a.png" }),
              404,
              { error: "Agent not found" },
            ],
          ];
          const avatarsBefore = readdirSync(join(uploadDir, "avatars")).length;
          for (const [agent, who, body, status, error] of cases) {
            const response = await post(avatarPath(agent), who, body);
            expect(response.status).toBe(status);
            expect(await response.json()).toEqual(error);
          }
          expect((await avatarOf(aliceAgent)).avatarUrl).toBe(unchanged);
          expect((await avatarOf(bobAgent)).avatarUrl).toBeNull();
          expect(readdirSync(join(uploadDir, "avatars")).length).toBe(avatarsBefore);
        },
        SLOW,
      );

      test("answers 406 without multipart", async () => {
        const response = await post(avatarPath(aliceAgent), alice, "{}", {
          "content-type": "application/json",
        });
        expect(response.status).toBe(406);
        expect(await response.json()).toEqual({
          error: "the request is not multipart",
          code: "INTERNAL_ERROR",
        });
      });
    });
  });
}
