import type { Db } from "../db/database.ts";
import { toDbTime } from "../db/time.ts";
import { alphanumeric } from "./secure-random.ts";

// Active Storage's rows, kept as the original keeps them (data.md §1): a blob per stored file and an
// attachment naming which record's which slot (`avatar`, `logo`) holds it. The bytes themselves live
// in the FileStore under the blob's key.
export interface AttachedBlob {
  id: number;
  key: string;
  filename: string;
  contentType: string | null;
  byteSize: number;
}

export interface AttachmentOwner {
  recordType: "User" | "Account" | "Message";
  recordId: number;
  name: "avatar" | "logo" | "attachment";
}

interface BlobRow {
  id: number;
  key: string;
  filename: string;
  content_type: string | null;
  byte_size: number;
}

const toBlob = (row: BlobRow): AttachedBlob => ({
  id: row.id,
  key: row.key,
  filename: row.filename,
  contentType: row.content_type,
  byteSize: row.byte_size,
});

export const attachedFiles = {
  // Active Storage keys: 28 lowercase base-36 characters.
  newKey(): string {
    return alphanumeric(28).toLowerCase();
  },

  find(db: Db, owner: AttachmentOwner): AttachedBlob | null {
    const row = db
      .query<BlobRow, [string, number, string]>(
        `SELECT active_storage_blobs.* FROM active_storage_blobs
         JOIN active_storage_attachments ON active_storage_attachments.blob_id = active_storage_blobs.id
         WHERE record_type = ? AND record_id = ? AND name = ? ORDER BY active_storage_attachments.id DESC LIMIT 1`,
      )
      .get(owner.recordType, owner.recordId, owner.name);
    return row ? toBlob(row) : null;
  },

  // Puts a stored file in the slot, replacing what was there; returns the replaced blobs' keys so
  // the caller can delete their files (and their variants).
  attach(
    db: Db,
    owner: AttachmentOwner,
    file: { key: string; filename: string; contentType: string; bytes: Uint8Array },
  ): string[] {
    const now = toDbTime(new Date());
    return db
      .transaction(() => {
        const replaced = attachedFiles.detach(db, owner);
        const checksum = new Bun.CryptoHasher("md5").update(file.bytes).digest("base64");
        const blob = db
          .query<{ id: number }, [string, string, string, number, string, string]>(
            `INSERT INTO active_storage_blobs (key, filename, content_type, metadata, service_name, byte_size,
               checksum, created_at) VALUES (?1, ?2, ?3, '{"identified":true}', 'local', ?4, ?5, ?6) RETURNING id`,
          )
          .get(file.key, file.filename, file.contentType, file.bytes.byteLength, checksum, now)!;
        db.run(
          `INSERT INTO active_storage_attachments (name, record_type, record_id, blob_id, created_at)
           VALUES (?, ?, ?, ?, ?)`,
          [owner.name, owner.recordType, owner.recordId, blob.id, now],
        );
        return replaced;
      })
      .immediate();
  },

  detach(db: Db, owner: AttachmentOwner): string[] {
    const blobs = db
      .query<{ id: number; key: string }, [string, number, string]>(
        `SELECT active_storage_blobs.id, active_storage_blobs.key FROM active_storage_blobs
         JOIN active_storage_attachments ON active_storage_attachments.blob_id = active_storage_blobs.id
         WHERE record_type = ? AND record_id = ? AND name = ?`,
      )
      .all(owner.recordType, owner.recordId, owner.name);
    for (const blob of blobs) {
      db.run("DELETE FROM active_storage_attachments WHERE blob_id = ?", [blob.id]);
      db.run("DELETE FROM active_storage_variant_records WHERE blob_id = ?", [blob.id]);
      db.run("DELETE FROM active_storage_blobs WHERE id = ?", [blob.id]);
    }
    return blobs.map((blob) => blob.key);
  },
};
