/** Servers in the two hot/cold modes (memory + PostgreSQL, Redis + PostgreSQL) for the lifecycle tests. */
import type { TaskEvent } from "../../src/core/types.ts";
import { type Started, start } from "../multi-instance/servers.ts";
import { call } from "../server/helpers.ts";
import { pgUrl, redisUrl, useServices } from "../support/services.ts";

export function hotColdModes(name: string) {
  const { database, prefix } = useServices(name);
  const modes = [
    { name: "memory + postgres", skip: !pgUrl, redis: false },
    { name: "redis + postgres", skip: !pgUrl || !redisUrl, redis: true },
  ];
  return modes.map((mode) => ({
    ...mode,
    database,
    start: (env: Record<string, string> = {}): Promise<Started> =>
      start({
        TASKCAST_POSTGRES_URL: database.url(),
        ...(mode.redis ? { TASKCAST_REDIS_URL: redisUrl ?? "", TASKCAST_REDIS_PREFIX: prefix } : {}),
        ...env,
      }),
  }));
}

export async function storageRow(sql: () => import("postgres").Sql, taskId: string) {
  const [row] = await sql()<{ storage_state: string; storage_epoch: string; archive_watermark: string }[]>`
    SELECT storage_state, storage_epoch, archive_watermark FROM taskcast_tasks WHERE id = ${taskId}`;
  return (
    row && {
      state: row.storage_state,
      epoch: Number(row.storage_epoch),
      watermark: Number(row.archive_watermark),
    }
  );
}

export async function release(base: string, taskId: string, expectedLastEventIndex: number) {
  return call(base, "POST", `/tasks/${taskId}/storage/release`, {
    body: { expectedLastEventIndex, inactiveSince: Date.now() },
  });
}

export async function history(base: string, taskId: string, query = ""): Promise<TaskEvent[]> {
  const answer = await call(base, "GET", `/tasks/${taskId}/events/history${query}`);
  if (answer.status !== 200) throw new Error(`history: ${answer.status} ${answer.text}`);
  return answer.body as TaskEvent[];
}
