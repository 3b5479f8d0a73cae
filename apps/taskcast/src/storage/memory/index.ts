import { MemoryBroadcast } from "./broadcast.ts";
import { MemoryHotLifecycle } from "./hot-lifecycle.ts";
import { MemoryLongTermStore } from "./long-term.ts";
import { MemoryShortTermStore } from "./short-term.ts";
import { MemoryWriterRegistry } from "./writers.ts";

export {
  MemoryBroadcast,
  MemoryHotLifecycle,
  MemoryLongTermStore,
  MemoryShortTermStore,
  MemoryWriterRegistry,
};

/** The default (`memory`) storage mode: no long-term store (storage.md §1). */
export function createMemoryAdapters(): { broadcast: MemoryBroadcast; shortTerm: MemoryShortTermStore } {
  return { broadcast: new MemoryBroadcast(), shortTerm: new MemoryShortTermStore() };
}
