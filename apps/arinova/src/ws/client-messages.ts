/**
 * Client → server frames on /ws (websocket.md §1, §2.4), parsed once here. Unknown keys are
 * stripped; ids use the original's permissive UUID shape (any version, nil included).
 */
import { z } from "zod";

export const looseUuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

export const MAX_CONTENT_LENGTH = 32_000;
/** Longer decoded frames are refused before parsing (JS string length, as the original measured). */
export const MAX_FRAME_LENGTH = 32_768;

export const clientMessage = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("send_message"),
    conversationId: looseUuid,
    content: z.string().min(1).max(MAX_CONTENT_LENGTH),
  }),
  z.object({ type: z.literal("cancel_stream"), conversationId: looseUuid, messageId: looseUuid }),
  z.object({ type: z.literal("sync"), conversations: z.record(looseUuid, z.number().int().min(0)) }),
  z.object({ type: z.literal("mark_read"), conversationId: looseUuid, seq: z.number().int().min(0) }),
  z.object({ type: z.literal("focus"), visible: z.boolean() }),
  z.object({ type: z.literal("ping") }),
]);

export type ClientMessage = z.infer<typeof clientMessage>;

export type ParsedFrame = { ok: true; message: ClientMessage } | { ok: false; error: string };

export function parseClientFrame(text: string): ParsedFrame {
  if (text.length > MAX_FRAME_LENGTH) return { ok: false, error: "Message too large" };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: "Invalid JSON" };
  }
  const parsed = clientMessage.safeParse(json);
  return parsed.success ? { ok: true, message: parsed.data } : { ok: false, error: "Invalid message format" };
}
