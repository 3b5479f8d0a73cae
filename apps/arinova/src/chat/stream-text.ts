/**
 * The text an agent has streamed so far for a message still `streaming` (the original's Redis
 * key `stream:<messageId>`). The WebSocket pipeline writes it; message listings read it so a
 * reload shows the partial answer. Without Redis the pipeline keeps it in memory.
 */
import type Redis from "ioredis";

export interface StreamText {
  /** Accumulated text by message id, for the ids that have any. */
  read(messageIds: readonly string[]): Promise<Map<string, string>>;
}

export const streamTextKey = (messageId: string): string => `stream:${messageId}`;

/** The process-memory store; the pipeline's writer (realtime/stream-text-writer.ts) fills it. */
export class MemoryStreamText implements StreamText {
  readonly #texts = new Map<string, { text: string; expiresAt: number }>();

  set(messageId: string, text: string, ttlMs: number): void {
    this.#texts.set(messageId, { text, expiresAt: Date.now() + ttlMs });
  }

  delete(messageId: string): void {
    this.#texts.delete(messageId);
  }

  get(messageId: string): string | undefined {
    const entry = this.#texts.get(messageId);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > Date.now()) return entry.text;
    this.#texts.delete(messageId);
    return undefined;
  }

  async read(messageIds: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const id of messageIds) {
      const text = this.get(id);
      if (text !== undefined) found.set(id, text);
    }
    return found;
  }
}

export class RedisStreamText implements StreamText {
  readonly #redis: Redis;

  constructor(redis: Redis) {
    this.#redis = redis;
  }

  async read(messageIds: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (messageIds.length === 0) return found;
    const values = await this.#redis.mget(...messageIds.map(streamTextKey));
    values.forEach((value, i) => {
      if (value !== null) found.set(messageIds[i]!, value);
    });
    return found;
  }
}
