/**
 * Uploads in a local directory (UPLOAD_DIR), served back by `/uploads/*`. The directory and its
 * `avatars/` subdirectory are created on demand, as the original did.
 */
import { mkdir } from "node:fs/promises";
import { dirname, resolve, sep } from "node:path";
import { LOCAL_UPLOADS_PREFIX, storedFileUrl } from "../chat/attachments.ts";
import type { UploadStorage } from "./storage.ts";

export interface LocalStorageOptions {
  /** Resolved against the working directory, like the original's `path.resolve(UPLOAD_DIR)`. */
  dir: string;
  /** BETTER_AUTH_URL: the base of absolute URLs in message markdown. */
  baseUrl: string;
}

export class LocalStorage implements UploadStorage {
  readonly kind = "local";
  readonly root: string;
  readonly #baseUrl: string;

  constructor(options: LocalStorageOptions) {
    this.root = resolve(options.dir);
    this.#baseUrl = options.baseUrl;
  }

  async put(key: string, body: Uint8Array): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    await Bun.write(path, body);
  }

  url(key: string): string {
    return storedFileUrl(key);
  }

  absoluteUrl(key: string): string {
    return `${this.#baseUrl}${LOCAL_UPLOADS_PREFIX}${key}`;
  }

  /** Keys are built from client file names; refuse any that would leave the root. */
  pathOf(key: string): string {
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep))
      throw new Error(`upload key escapes the uploads directory: ${key}`);
    return path;
  }
}
