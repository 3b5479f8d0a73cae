/**
 * What a release archives (storage.md §6.1 step 7): the hot list up to the high watermark in
 * batches of at most 1000, the manifest describing it, and each batch's chained receipt.
 */
import type { ArchiveBatch, ArchiveManifest, SeriesCoverage } from "../../storage/lifecycle-ports.ts";
import type { TaskEvent } from "../types.ts";
import { batchDigest, seriesRecord, seriesStateDigest, sourceDigest, sourcePageDigest } from "./digests.ts";

export const BATCH_SIZE = 1000;

export interface ArchivePlan {
  manifest: ArchiveManifest;
  batches: ArchiveBatch[];
}

function pages(events: readonly TaskEvent[]): TaskEvent[][] {
  const out: TaskEvent[][] = [];
  for (let start = 0; start < events.length; start += BATCH_SIZE)
    out.push(events.slice(start, start + BATCH_SIZE));
  return out;
}

function coverageOf(events: readonly TaskEvent[]): SeriesCoverage[] {
  const through = new Map<string, SeriesCoverage>();
  for (const event of events) {
    const mode = event.seriesMode;
    if (event.seriesId === undefined || (mode !== "latest" && mode !== "accumulate")) continue;
    const known = through.get(event.seriesId);
    if (!known || known.throughIndex < event.index) {
      through.set(event.seriesId, { seriesId: event.seriesId, mode, throughIndex: event.index });
    }
  }
  return [...through.values()];
}

export function planArchive(
  source: readonly TaskEvent[],
  series: readonly TaskEvent[],
  priorWatermark: number,
  targetWatermark: number,
): ArchivePlan {
  const split = pages(source);
  const seriesRecords = series.map(seriesRecord);
  const manifest: ArchiveManifest = {
    priorWatermark,
    targetWatermark,
    sourceEntryCount: source.length,
    sourceDigest: sourceDigest(split.map(sourcePageDigest)),
    seriesStateDigest: seriesStateDigest(seriesRecords),
    expectedBatchOrdinals: split.map((_, ordinal) => ordinal),
  };
  let previous: string | null = null;
  const batches = split.map((events, ordinal): ArchiveBatch => {
    const covered = new Set(coverageOf(events).map((coverage) => coverage.seriesId));
    const records = series.filter((event) => covered.has(event.seriesId ?? "")).map(seriesRecord);
    const currentDigest = batchDigest(previous, events, records);
    const indexes = events.map((event) => event.index);
    const batch: ArchiveBatch = {
      ordinal,
      previousDigest: previous,
      currentDigest,
      sourceFirstIndex: indexes.length > 0 ? Math.min(...indexes) : null,
      sourceLastIndex: indexes.length > 0 ? Math.max(...indexes) : null,
      sourceIndexDigest: sourcePageDigest(events),
      sourceSeriesDigest: seriesStateDigest(records),
      seriesCoverage: coverageOf(events),
      events,
    };
    previous = currentDigest;
    return batch;
  });
  return { manifest, batches };
}
