/**
 * Where uploaded bytes go. Two adapters: the local uploads directory and an S3-compatible bucket
 * (Cloudflare R2 in the original). Keys are chosen by the caller: `<uuid><ext>` for chat
 * uploads, `avatars/<file>` for agent avatars (runtime.md §8).
 */
export interface UploadStorage {
  readonly kind: "local" | "s3";
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /**
   * The URL API responses carry and avatars store: `/uploads/<key>` (relative; the web app
   * prefixes its backend URL) for local files, `<public URL>/<key>` for the bucket.
   */
  url(key: string): string;
  /** An absolute URL, written into message markdown, which outlives the server's own address. */
  absoluteUrl(key: string): string;
}
