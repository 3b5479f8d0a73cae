import { attachedFiles } from "../models/attached-file.ts";
import type { Message } from "../models/message.ts";
import type { Room } from "../models/room.ts";
import type { User } from "../models/user.ts";
import type { FileStore } from "./file-store.ts";
import { imageTypeOf } from "./image-type.ts";

// Files posted as messages (no type allow-list, as in the original). Images are recognised by their
// bytes alone; a file that claims to be an image but isn't one is kept as plain bytes, so nothing
// the browser merely asserted is ever shown inline.
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

export async function postFile(
  store: FileStore,
  room: Room,
  creator: User,
  file: { name: string; type: string; bytes: Uint8Array },
  clientMessageId?: string,
): Promise<Message> {
  const key = attachedFiles.newKey();
  await store.write(key, file.bytes);
  const claimed = file.type.startsWith("image/") ? "" : file.type;
  const contentType = imageTypeOf(file.bytes) ?? (claimed || "application/octet-stream");
  // Path separators and control characters have no place in a name shown and sent back as a header.
  const filename = file.name.replace(/[\\/\p{Cc}]+/gu, "_").slice(0, 255) || "attachment";
  return room.messages.createWithAttachment({
    creator,
    file: { key, filename, contentType, bytes: file.bytes },
    clientMessageId,
  });
}
