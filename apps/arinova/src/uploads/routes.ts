/**
 * Uploads & attachments (rest.md §9), agent avatars (§5) and the public `/uploads/*` files
 * (§1.7). Thin adapters: find the owned row, read the multipart body, check it, store, record.
 */
import { resolve } from "node:path";
import { type Context, Hono } from "hono";
import { attachmentOut } from "../chat/attachments.ts";
import { findOwnedAttachment, findOwnedConversation, postAttachment, uploadMarkdown } from "./attachments.ts";
import { ownsAgent, setAgentAvatar } from "./avatars.ts";
import { checkUploadContent } from "./content-check.ts";
import type { UploadDeps, UploadUser, UserEnv } from "./deps.ts";
import { AVATARS_DIR, avatarFileName, storedUploadName } from "./file-names.ts";
import { DEFAULT_UPLOAD_LIMITS } from "./limits.ts";
import { type MultipartBody, readMultipart } from "./multipart.ts";
import { fileTooLarge, handlerError, json, multipartError, notMultipart } from "./respond.ts";
import { serveUpload } from "./static-files.ts";

const MIB = 1_048_576;

// Hono cannot narrow a generic env's variables, but every E extends UserEnv.
const userOf = (c: Context): UploadUser => (c as Context<UserEnv>).get("user");

/** The multipart outcomes every upload route answers the same way, or undefined to go on. */
function refusedBody(c: Context, body: MultipartBody): Response | undefined {
  if (body.kind === "not_multipart") return notMultipart(c);
  if (body.kind === "too_large") return fileTooLarge(c);
  if (body.kind === "malformed") return multipartError(c, 400, "Malformed multipart body");
  return undefined;
}

export function uploadRoutes<E extends UserEnv>(deps: UploadDeps<E>): Hono<E> {
  const { db, storage, logger } = deps;
  const limits = { ...DEFAULT_UPLOAD_LIMITS, ...deps.limits };
  const root = resolve(deps.uploadDir);
  const app = new Hono<E>();

  app.post("/api/conversations/:conversationId/upload", deps.requireUser, async (c) => {
    const user = userOf(c);
    const conversation = await findOwnedConversation(db, user.id, c.req.param("conversationId"));
    if (conversation === undefined) return handlerError(c, 404, "Conversation not found");

    const body = await readMultipart(c.req.raw, limits.maxFileSize);
    const refused = refusedBody(c, body);
    if (refused !== undefined || body.kind !== "parsed") return refused ?? notMultipart(c);
    const { file } = body;
    if (file === undefined) return handlerError(c, 400, "No file uploaded");
    const verdict = await checkUploadContent(file.declaredType, file.bytes);
    if (verdict === "type_not_allowed")
      return handlerError(c, 400, `File type ${file.declaredType} is not allowed`);
    if (file.bytes.byteLength > limits.maxFileSize) return fileTooLarge(c);
    if (verdict === "content_mismatch")
      return handlerError(c, 400, "File content does not match declared type");

    const storedName = storedUploadName(file.name);
    await storage.put(storedName, file.bytes, file.declaredType);
    const caption = body.fields.get("caption");
    const content = uploadMarkdown(file.name, file.declaredType, storage.absoluteUrl(storedName), caption);
    const { message, attachment } = await postAttachment(db, conversation.id, content, {
      fileName: file.name,
      fileType: file.declaredType,
      fileSize: file.bytes.byteLength,
      storagePath: storedName,
    });

    if (conversation.type === "direct" && deps.triggerAgent) {
      deps.triggerAgent({ userId: user.id, conversation, message }).catch((error: unknown) => {
        logger.error("agent trigger after upload failed", { conversationId: conversation.id, error });
      });
    }
    // The response URL is the relative one while the markdown holds the absolute one (A7).
    return json(c, {
      message: { ...message, attachments: [attachmentOut(attachment, (key) => storage.url(key))] },
    });
  });

  app.get("/api/attachments/:id", deps.requireUser, async (c) => {
    const attachment = await findOwnedAttachment(db, userOf(c).id, c.req.param("id"));
    if (attachment === undefined) return handlerError(c, 404, "Attachment not found");
    return json(
      c,
      attachmentOut(attachment, (key) => storage.url(key)),
    );
  });

  app.post("/api/agents/:id/avatar", deps.requireUser, async (c) => {
    const agentId = c.req.param("id");
    if (!(await ownsAgent(db, userOf(c).id, agentId))) return handlerError(c, 404, "Agent not found");

    const body = await readMultipart(c.req.raw, limits.maxFileSize);
    const refused = refusedBody(c, body);
    if (refused !== undefined || body.kind !== "parsed") return refused ?? notMultipart(c);
    const { file } = body;
    if (file === undefined) return handlerError(c, 400, "No file uploaded");
    // Declared type only, no sniffing: the original accepted any image/* (SVG included).
    if (!file.declaredType.startsWith("image/")) return handlerError(c, 400, "Only image files are allowed");
    if (file.bytes.byteLength > limits.maxFileSize) return fileTooLarge(c);
    if (file.bytes.byteLength > limits.maxAvatarSize) {
      return handlerError(c, 400, `Avatar must be under ${Math.round(limits.maxAvatarSize / MIB)}MB`);
    }

    const key = `${AVATARS_DIR}/${avatarFileName(agentId, file.name)}`;
    await storage.put(key, file.bytes, file.declaredType);
    const avatarUrl = storage.url(key);
    await setAgentAvatar(db, agentId, avatarUrl);
    return json(c, { avatarUrl });
  });

  app.on(["GET", "HEAD"], "/uploads/*", (c) => serveUpload(c, root));

  return app;
}
