/** Picks the storage the original would use: the bucket when R2 is configured, else the directory. */
import { LocalStorage } from "./local-storage.ts";
import { S3Storage, type S3StorageOptions } from "./s3-storage.ts";
import type { UploadStorage } from "./storage.ts";

export interface UploadStorageConfig {
  /** UPLOAD_DIR. */
  dir: string;
  /** BETTER_AUTH_URL. */
  baseUrl: string;
  /** Present iff R2_ENDPOINT, R2_ACCESS_KEY_ID and R2_SECRET_ACCESS_KEY are all set. */
  r2?: S3StorageOptions;
}

export function createUploadStorage(config: UploadStorageConfig): UploadStorage {
  return config.r2
    ? new S3Storage(config.r2)
    : new LocalStorage({ dir: config.dir, baseUrl: config.baseUrl });
}
