/**
 * Removing a task or some of its events (cleanup rules) on the original's keys. Each is one
 * script, so a server reading the task never sees half of it gone.
 */
import type Redis from "ioredis";
import type { RedisKeys } from "./keys.ts";
import { LuaScript } from "./script.ts";

/**
 * KEYS: tasks set, then every per-task key (`taskKeyList`); ARGV: task id, legacy series key
 * prefix. Legacy per-series keys are named after series ids, so they are found through both
 * series registries before those go. Shared with the lifecycle's fenced delete, which runs it
 * after its fence check, so a cleanup and a release remove exactly the same keys.
 */
export const DELETE_TASK_KEYS_LUA = `
local prefix = ARGV[2]
for _, sid in ipairs(redis.call('HKEYS', KEYS[7])) do redis.call('UNLINK', prefix .. sid) end
for _, sid in ipairs(redis.call('SMEMBERS', KEYS[9])) do redis.call('UNLINK', prefix .. sid) end
for i = 2, #KEYS do redis.call('UNLINK', KEYS[i]) end
redis.call('SREM', KEYS[1], ARGV[1])
return 1
`;

const deleteTaskScript = new LuaScript(DELETE_TASK_KEYS_LUA);

/** KEYS: events list; ARGV: event ids. Entries are matched by their decoded id. */
const deleteEventsScript = new LuaScript(`
local doomed = {}
for _, id in ipairs(ARGV) do doomed[id] = true end
local removed = 0
for _, entry in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
  local ok, decoded = pcall(cjson.decode, entry)
  if ok and type(decoded) == 'table' and doomed[decoded.id] then
    removed = removed + redis.call('LREM', KEYS[1], 1, entry)
  end
end
return removed
`);

/** Every key a task owns, after the tasks set, in the order the delete scripts expect. */
export function taskKeyList(k: RedisKeys, taskId: string): string[] {
  return [
    k.tasks(),
    k.task(taskId),
    k.taskStatus(taskId),
    k.events(taskId),
    k.index(taskId),
    k.writeFence(taskId),
    k.seriesState(taskId),
    k.seriesListEntries(taskId),
    k.legacySeriesIds(taskId),
    k.hotWindow(taskId),
  ];
}

export async function deleteTaskKeys(redis: Redis, k: RedisKeys, taskId: string): Promise<void> {
  await deleteTaskScript.run(redis, taskKeyList(k, taskId), [taskId, k.legacySeries(taskId, "")]);
}

export async function deleteEventEntries(
  redis: Redis,
  k: RedisKeys,
  taskId: string,
  eventIds: readonly string[],
): Promise<number> {
  if (eventIds.length === 0) return 0;
  return Number(await deleteEventsScript.run(redis, [k.events(taskId)], eventIds));
}
