/**
 * Uploads in an S3-compatible bucket (Cloudflare R2 in the original): one PutObject per file,
 * objects never deleted. URLs are `<public URL>/<key>`; with no public URL configured they
 * degrade to `/<key>`, as the original's did.
 */
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { storedFileUrl } from "../chat/attachments.ts";
import type { UploadStorage } from "./storage.ts";

export interface S3StorageOptions {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  bucket: string;
  publicUrl: string;
  /** Defaults to "auto", what R2 expects. */
  region?: string;
}

export class S3Storage implements UploadStorage {
  readonly kind = "s3";
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #publicUrl: string;

  constructor(options: S3StorageOptions) {
    this.#bucket = options.bucket;
    this.#publicUrl = options.publicUrl;
    this.#client = new S3Client({
      region: options.region ?? "auto",
      endpoint: options.endpoint,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      // Path-style URLs need no per-bucket DNS name, which self-hosted stores rarely have.
      forcePathStyle: true,
      // The SDK's default CRC32 checksum headers are refused by some S3-compatible stores.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  async put(key: string, body: Uint8Array, contentType: string): Promise<void> {
    await this.#client.send(
      new PutObjectCommand({ Bucket: this.#bucket, Key: key, Body: body, ContentType: contentType }),
    );
  }

  url(key: string): string {
    return storedFileUrl(key, this.#publicUrl);
  }

  absoluteUrl(key: string): string {
    return this.url(key);
  }

  close(): void {
    this.#client.destroy();
  }
}
