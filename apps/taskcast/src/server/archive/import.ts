/**
 * Restoring an imported archive (api.md §5 `/tasks/import`): durable store first, then the
 * hot store, so the next event index is the event count. It goes through the storage ports:
 * the hot insert is the atomic existence claim, and the events are appended with the task in
 * one compare-and-set commit, which gives them indexes 0..n−1 in order.
 */
import type { EventDraft } from "../../core/events.ts";
import { rebuildSeriesLatest, seriesOf } from "../../core/series.ts";
import type { LongTermStore, ShortTermStore } from "../../storage/ports.ts";
import type { TaskArchive } from "./schema.ts";

/** `overwritten`: an existing task was replaced (only with `overwrite`). */
export type RestoreOutcome = "restored" | "overwritten" | "exists";

export interface ArchiveRestorer {
  exists(taskId: string): Promise<boolean>;
  restore(archive: TaskArchive, overwrite: boolean): Promise<RestoreOutcome>;
}

export class PortArchiveRestorer implements ArchiveRestorer {
  constructor(
    private readonly shortTerm: ShortTermStore,
    private readonly longTerm?: LongTermStore,
  ) {}

  async exists(taskId: string): Promise<boolean> {
    return (await this.shortTerm.getTask(taskId)) !== null || (await this.longTerm?.getTask(taskId)) != null;
  }

  async restore(archive: TaskArchive, overwrite: boolean): Promise<RestoreOutcome> {
    const { task, events } = archive;
    const existed = await this.exists(task.id);
    if (existed) {
      if (!overwrite) return "exists";
      // The archive replaces the task and its whole history: nothing of the old one is merged.
      await this.shortTerm.deleteTask(task.id);
      await this.longTerm?.deleteTask(task.id);
    }
    const restored = existed ? "overwritten" : "restored";
    if (this.longTerm) {
      await this.longTerm.saveTask(task);
      for (const event of events) {
        const series = seriesOf(event);
        if (series && series.mode !== "keep-all") await this.longTerm.saveSeriesEvent(event, series.mode);
        else await this.longTerm.saveEvent(event);
      }
    }
    if (!(await this.shortTerm.createTask(task))) return "exists";
    const loaded = await this.shortTerm.loadTask(task.id);
    if (!loaded || events.length === 0) return restored;
    const drafts: EventDraft[] = events.map(
      ({ taskId: _t, index: _i, seriesSnapshot: _s, ...draft }) => draft,
    );
    const committed = await this.shortTerm.commitTransition({
      taskId: task.id,
      expectedRevision: loaded.revision,
      task: loaded.task,
      events: drafts,
    });
    if (!committed.ok) return "exists";
    // Restored series keep behaving as series: a later publish replaces or accumulates.
    await this.shortTerm.saveSeriesLatest(task.id, rebuildSeriesLatest(committed.events));
    return restored;
  }
}
