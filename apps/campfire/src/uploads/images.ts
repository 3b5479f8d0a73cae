import type { Db } from "../db/database.ts";
import { type AttachedBlob, type AttachmentOwner, attachedFiles } from "../models/attached-file.ts";
import type { FileStore } from "./file-store.ts";
import { EXTENSIONS, imageTypeOf } from "./image-type.ts";

// Avatars and logos. Images are decoded, resized and re-encoded with Bun's built-in Bun.Image
// (libjpeg-turbo, libspng, libwebp linked into Bun itself: nothing to install or compile).
export interface Variant {
  name: string;
  size: number;
  format: "webp" | "png";
}

export const AVATAR_SQUARE: Variant = { name: "square", size: 512, format: "webp" };
export const LOGO_LARGE: Variant = { name: "large", size: 512, format: "png" };
export const LOGO_SMALL: Variant = { name: "small", size: 192, format: "png" };

// Uploads bigger than this are refused before anything decodes them.
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
// A small file claiming a gigantic canvas is refused before any pixels are allocated.
const MAX_PIXELS = 40_000_000;

export type StoreResult = { ok: true } | { ok: false; reason: string };

// Keeps an uploaded image in the owner's slot if its content is a PNG, JPEG, GIF or WebP that
// actually decodes; the type comes from the bytes, the name only lends its stem.
export async function storeImage(
  db: Db,
  store: FileStore,
  owner: AttachmentOwner,
  upload: File,
): Promise<StoreResult> {
  if (upload.size > MAX_IMAGE_BYTES) return { ok: false, reason: "That image is too big (10 MB at most)." };
  const bytes = new Uint8Array(await upload.arrayBuffer());
  const type = imageTypeOf(bytes);
  if (!type) return { ok: false, reason: "Please choose a PNG, JPEG, GIF or WebP image." };
  try {
    await new Bun.Image(bytes, { maxPixels: MAX_PIXELS }).metadata();
  } catch {
    return { ok: false, reason: "That image could not be read." };
  }
  const key = attachedFiles.newKey();
  await store.write(key, bytes);
  const stem = upload.name.replace(/\.[^.]*$/, "").replace(/[^\w.-]+/g, "_") || owner.name;
  const filename = `${stem}.${EXTENSIONS[type]}`;
  const replaced = attachedFiles.attach(db, owner, { key, filename, contentType: type, bytes });
  await Promise.all(replaced.map((old) => purge(store, old)));
  return { ok: true };
}

export async function removeImage(db: Db, store: FileStore, owner: AttachmentOwner): Promise<void> {
  await Promise.all(attachedFiles.detach(db, owner).map((key) => purge(store, key)));
}

// The resized copy, made on first request and kept beside the original; null when the stored file
// is not an image we process (e.g. a BMP in a database carried over from the original), so callers
// fall back to initials or the stock logo.
export async function variantOf(
  store: FileStore,
  blob: AttachedBlob,
  variant: Variant,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const variantKey = `${blob.key}-${variant.name}`;
  const cached = await store.read(variantKey);
  if (cached) return cached;
  const original = await store.read(blob.key);
  if (!original || !imageTypeOf(original)) return null;
  try {
    const image = new Bun.Image(original, { maxPixels: MAX_PIXELS }).resize(variant.size, variant.size, {
      fit: "inside",
      withoutEnlargement: true,
    });
    const bytes = new Uint8Array(
      await (variant.format === "webp" ? image.webp({ quality: 85 }) : image.png()).bytes(),
    );
    await store.write(variantKey, bytes);
    return bytes;
  } catch {
    return null;
  }
}

async function purge(store: FileStore, key: string): Promise<void> {
  await Promise.all([
    store.delete(key),
    ...[AVATAR_SQUARE, LOGO_LARGE, LOGO_SMALL].map((v) => store.delete(`${key}-${v.name}`)),
  ]);
}
