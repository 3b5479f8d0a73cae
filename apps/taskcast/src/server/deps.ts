/** What the routes are built from; the server assembles it once. */
import type { TaskcastEngine } from "../core/engine/engine.ts";
import type { ArchiveRestorer } from "./archive/import.ts";
import type { SubscriberCounts } from "./subscribers.ts";

export interface RouteDeps {
  engine: TaskcastEngine;
  subscribers: SubscriberCounts;
  /** Restores imported archives into the stores; absent when the stores cannot take one. */
  restorer?: ArchiveRestorer;
}
