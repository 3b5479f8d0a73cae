/**
 * Names derived from the client's file name. Like the original's multipart parser, any
 * directory part the client sent is dropped first, so a name can never carry a path.
 */
import { extname } from "node:path";

export function clientFileName(raw: string): string {
  const parts = raw.split(/[/\\]/);
  return parts[parts.length - 1] ?? "";
}

/** `<uuid v4><extension incl. the dot, or "">`, at the bucket root / uploads directory root. */
export function storedUploadName(fileName: string): string {
  return `${crypto.randomUUID()}${extname(fileName)}`;
}

/**
 * `avatar_<agentId>_<ms>.<ext>`, where ext is the text after the client name's last dot, or the
 * whole name when it has none (the original's rule, odd as it is).
 */
export function avatarFileName(agentId: string, fileName: string, now: number = Date.now()): string {
  const ext = fileName.slice(fileName.lastIndexOf(".") + 1);
  return `avatar_${agentId}_${now}.${ext}`;
}

export const AVATARS_DIR = "avatars";
