/**
 * Archive digests (storage.md §6.1). They land in `taskcast_archive_*` rows that every server
 * sharing the database may check, so the bytes hashed follow the spec exactly: canonical JSON
 * (keys sorted by UTF-8 bytes, undefined dropped), fixed record prefixes, SHA-256 hex.
 */
import type { JsonValue, TaskEvent } from "../types.ts";

const encoder = new TextEncoder();

function byUtf8(a: string, b: string): number {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

export function canonicalJson(value: JsonValue | undefined): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(",")}]`;
  const keys = Object.keys(value)
    .filter((key) => value[key] !== undefined)
    .sort(byUtf8);
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(",")}}`;
}

export function sha256Hex(text: string): string {
  return new Bun.CryptoHasher("sha256").update(text).digest("hex");
}

export function eventRecord(event: TaskEvent): string {
  return canonicalJson([
    "taskcast-event-v1",
    event.id,
    event.taskId,
    String(event.index),
    String(event.timestamp),
    event.type,
    event.level,
    event.data ?? null,
    event.seriesId ?? null,
    event.seriesMode ?? null,
    event.seriesAccField ?? null,
  ]);
}

/** A series-latest event as of `throughIndex` (its own index). */
export function seriesRecord(event: TaskEvent): string {
  return canonicalJson([
    "taskcast-series-v1",
    event.taskId,
    event.seriesId ?? "",
    event.seriesMode ?? "",
    String(event.index),
    eventRecord(event),
  ]);
}

export function batchDigest(
  previous: string | null,
  events: readonly TaskEvent[],
  series: readonly string[],
): string {
  return sha256Hex(
    ["taskcast-batch-v1", previous ?? "", ...events.map(eventRecord), ...[...series].sort()].join("\n"),
  );
}

export function sourcePageDigest(events: readonly TaskEvent[]): string {
  return sha256Hex(
    [
      "taskcast-source-page-v1",
      ...events.map((event) => canonicalJson([String(event.index), event.id])),
    ].join("\n"),
  );
}

export function sourceDigest(pageDigests: readonly string[]): string {
  return sha256Hex(["taskcast-source-v1", ...pageDigests].join("\n"));
}

export function seriesStateDigest(series: readonly string[]): string {
  return sha256Hex(["taskcast-series-state-v1", ...[...series].sort()].join("\n"));
}
