/** Upload size limits (runtime.md §6, rest.md §1.6). */
export interface UploadLimits {
  /** MAX_FILE_SIZE: the largest file part accepted, in bytes; one byte more is a 413. */
  readonly maxFileSize: number;
  /** Agent avatars are further limited, with a handler-chosen 400. */
  readonly maxAvatarSize: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxFileSize: 10_485_760,
  maxAvatarSize: 2_097_152,
};

/**
 * Room in a multipart body beyond its file for the other fields and the part headers: the
 * original's parser allowed 1 MiB per field value. A body larger than file limit + this is
 * refused while it is still arriving, so nothing unbounded is ever buffered.
 */
export const MULTIPART_ENVELOPE_BYTES = 1_048_576 + 65_536;
