/**
 * The writer registry on the original's keys (storage.md §3.1, §6.4): `P:storageWriter:<id>`
 * with a PX expiry and the `P:storageWriters` set. Original servers refuse to release while
 * any writer is missing or below protocol 2, so every one of ours registers here.
 */
import type Redis from "ioredis";
import type { WriterRecord, WriterRegistry } from "../lifecycle-ports.ts";
import type { RedisKeys } from "./keys.ts";

export class RedisWriterRegistry implements WriterRegistry {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async register(writer: WriterRecord, ttlMs: number): Promise<void> {
    const record = JSON.stringify({
      instanceId: writer.instanceId,
      storageProtocolVersion: writer.storageProtocolVersion,
      build: writer.build,
      expiresAt: writer.expiresAt,
    });
    await this.redis
      .multi()
      .set(this.keys.storageWriter(writer.instanceId), record, "PX", ttlMs)
      .sadd(this.keys.storageWriters(), writer.instanceId)
      .exec();
  }

  async list(): Promise<WriterRecord[]> {
    const ids = await this.redis.smembers(this.keys.storageWriters());
    if (ids.length === 0) return [];
    const raws = await this.redis.mget(ids.map((id) => this.keys.storageWriter(id)));
    const expired = ids.filter((_, i) => raws[i] === null);
    if (expired.length > 0) await this.redis.srem(this.keys.storageWriters(), ...expired);
    return raws.flatMap((raw) => {
      if (raw === null) return [];
      try {
        const parsed = JSON.parse(raw) as Partial<WriterRecord>;
        return [
          {
            instanceId: String(parsed.instanceId),
            storageProtocolVersion: Number(parsed.storageProtocolVersion ?? 0),
            build: String(parsed.build ?? ""),
            expiresAt: Number(parsed.expiresAt ?? 0),
          },
        ];
      } catch {
        // An unreadable registration is an unknown writer: it counts as incompatible.
        return [{ instanceId: "unknown", storageProtocolVersion: 0, build: "", expiresAt: 0 }];
      }
    });
  }
}
