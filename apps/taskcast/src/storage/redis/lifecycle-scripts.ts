/**
 * Lua scripts of the hot/cold lifecycle (storage.md §3.1, §6) on the original's keys: each
 * fence change, fenced delete and restore is one atomic step for every server on the Redis.
 * Replies are arrays whose first element is an outcome.
 */
import { DELETE_TASK_KEYS_LUA } from "./deletion.ts";
import { LuaScript } from "./script.ts";

/**
 * KEYS: task, writeFence, idx. ARGV: expected epoch, closed fence JSON.
 * Reply: {'OK', highWatermark} | {'NOT_FOUND'} | {'CONFLICT'}.
 */
export const closeFenceScript = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return {'NOT_FOUND'} end
local raw = redis.call('GET', KEYS[2])
local accepting, epoch = true, 1
if raw then
  local ok, fence = pcall(cjson.decode, raw)
  if not ok or type(fence) ~= 'table' then return {'CONFLICT'} end
  accepting = fence.acceptingWrites == true
  epoch = tonumber(fence.storageEpoch)
end
if not accepting or epoch ~= tonumber(ARGV[1]) then return {'CONFLICT'} end
redis.call('SET', KEYS[2], ARGV[2])
return {'OK', tonumber(redis.call('GET', KEYS[3]) or '0') - 1}
`);

/** KEYS: task, writeFence. ARGV: open fence JSON. Only while the task is hot. */
export const reopenFenceScript = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('SET', KEYS[2], ARGV[1])
return 1
`);

/**
 * KEYS: as the cleanup delete (tasks set, task, taskStatus, events, idx, writeFence,
 * seriesState, seriesListEntries, legacy series ids, hotWindow). ARGV: task id, legacy series
 * key prefix, generation.
 * Deletes only while the fence is closed for that generation. Reply: 1 | 0.
 */
export const deleteReleasedScript = new LuaScript(`
local raw = redis.call('GET', KEYS[6])
if not raw then return 0 end
local ok, fence = pcall(cjson.decode, raw)
if not ok or type(fence) ~= 'table' or fence.acceptingWrites ~= false
  or fence.activeReleaseGeneration ~= ARGV[3] then return 0 end
${DELETE_TASK_KEYS_LUA}`);

/**
 * KEYS: tasks set, task, taskStatus, events, idx, writeFence, seriesState, seriesListEntries,
 * hotWindow. ARGV: task id, task JSON, status, next index, fence JSON, hotWindow JSON, event
 * count, events..., then (series id, state JSON, list entry JSON or '') per series.
 * Refuses when anything of the task is still hot. Reply: 1 | 0.
 */
export const restoreScript = new LuaScript(`
for _, i in ipairs({2, 4, 5, 6, 7}) do
  if redis.call('EXISTS', KEYS[i]) == 1 then return 0 end
end
redis.call('SET', KEYS[2], ARGV[2])
redis.call('SET', KEYS[3], ARGV[3])
redis.call('SADD', KEYS[1], ARGV[1])
local count = tonumber(ARGV[7])
for i = 1, count do redis.call('RPUSH', KEYS[4], ARGV[7 + i]) end
redis.call('SET', KEYS[5], ARGV[4])
redis.call('SET', KEYS[6], ARGV[5])
redis.call('SET', KEYS[9], ARGV[6])
local at = 8 + count
while at + 2 <= #ARGV do
  redis.call('HSET', KEYS[7], ARGV[at], ARGV[at + 1])
  if ARGV[at + 2] ~= '' then redis.call('HSET', KEYS[8], ARGV[at], ARGV[at + 2]) end
  at = at + 3
end
return 1
`);

/** KEYS: lease. ARGV: lock token, ttl ms. Extends only the holder's lease. Reply: 1 | 0. */
export const renewLeaseScript = new LuaScript(`
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local ok, lease = pcall(cjson.decode, raw)
if not ok or type(lease) ~= 'table' or lease.lockToken ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`);

/** KEYS: lease. ARGV: lock token. Deletes only the holder's lease. */
export const releaseLeaseScript = new LuaScript(`
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local ok, lease = pcall(cjson.decode, raw)
if not ok or type(lease) ~= 'table' or lease.lockToken ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1
`);
