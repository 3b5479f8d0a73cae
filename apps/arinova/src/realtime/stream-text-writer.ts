/**
 * The writing half of `stream:<messageId>` (src/chat/stream-text.ts reads it): the text an
 * agent has streamed so far, so a reload or a reconnecting client sees the partial answer
 * (websocket.md §4.3). Written after every chunk with a 600 s TTL, deleted when the turn ends.
 */
import type Redis from "ioredis";
import { type MemoryStreamText, streamTextKey } from "../chat/stream-text.ts";

export const STREAM_TEXT_TTL_MS = 600_000;

export interface StreamTextWriter {
  write(messageId: string, text: string): Promise<void>;
  delete(messageId: string): Promise<void>;
  read(messageId: string): Promise<string | null>;
}

export class MemoryStreamTextWriter implements StreamTextWriter {
  readonly #store: MemoryStreamText;
  readonly #ttlMs: number;

  constructor(store: MemoryStreamText, ttlMs = STREAM_TEXT_TTL_MS) {
    this.#store = store;
    this.#ttlMs = ttlMs;
  }

  async write(messageId: string, text: string): Promise<void> {
    this.#store.set(messageId, text, this.#ttlMs);
  }

  async delete(messageId: string): Promise<void> {
    this.#store.delete(messageId);
  }

  async read(messageId: string): Promise<string | null> {
    return this.#store.get(messageId) ?? null;
  }
}

export class RedisStreamTextWriter implements StreamTextWriter {
  readonly #redis: Redis;
  readonly #ttlMs: number;

  constructor(redis: Redis, ttlMs = STREAM_TEXT_TTL_MS) {
    this.#redis = redis;
    this.#ttlMs = ttlMs;
  }

  async write(messageId: string, text: string): Promise<void> {
    await this.#redis.set(streamTextKey(messageId), text, "PX", this.#ttlMs);
  }

  async delete(messageId: string): Promise<void> {
    await this.#redis.del(streamTextKey(messageId));
  }

  read(messageId: string): Promise<string | null> {
    return this.#redis.get(streamTextKey(messageId));
  }
}
