/**
 * The Lua scripts that make the hot store's read-then-write steps atomic across every server
 * sharing the Redis (storage.md §3.1). Replies are arrays whose first element is an outcome.
 */
import { LuaScript } from "./script.ts";

const TERMINAL = "local TERMINAL = {completed = true, failed = true, timeout = true, cancelled = true}";

/**
 * The write fence check of the hot/cold lifecycle (storage.md §6): with an expected epoch
 * ('' = no check), the fence must be open at that epoch; a missing fence is open at epoch 1.
 */
export const FENCE_CHECK = `
local function fenced(key, expected)
  if expected == '' then return false end
  local raw = redis.call('GET', key)
  if not raw then return tonumber(expected) ~= 1 end
  local ok, fence = pcall(cjson.decode, raw)
  if not ok or type(fence) ~= 'table' then return true end
  return fence.acceptingWrites ~= true or tonumber(fence.storageEpoch) ~= tonumber(expected)
end`;

/**
 * KEYS: task, taskStatus, tasks, writeFence. ARGV: task JSON, status, task id, fence JSON.
 * The fence is created as the original's first save creates it (open, epoch 1), so an
 * original server that later releases the task finds what it expects.
 */
export const createTaskScript = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SET', KEYS[2], ARGV[2])
redis.call('SADD', KEYS[3], ARGV[3])
redis.call('SETNX', KEYS[4], ARGV[4])
return 1
`);

/**
 * Compare-and-set on the task's exact stored bytes, as the original's fenced task commit.
 * KEYS: task, taskStatus, idx, events, writeFence. ARGV: expected JSON, new JSON, new status,
 * event count, expected fence epoch ('' = none), then (prefix, suffix) per event.
 * Reply: {'OK', index...} | {'NOT_FOUND'} | {'STALE'} | {'FENCED'}.
 */
export const commitTransitionScript = new LuaScript(`
${FENCE_CHECK}
local current = redis.call('GET', KEYS[1])
if not current then return {'NOT_FOUND'} end
if fenced(KEYS[5], ARGV[5]) then return {'FENCED'} end
if current ~= ARGV[1] then return {'STALE'} end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[3])
local reply = {'OK'}
for i = 1, tonumber(ARGV[4]) do
  local index = redis.call('INCR', KEYS[3]) - 1
  redis.call('RPUSH', KEYS[4], ARGV[4 + 2 * i] .. index .. ARGV[5 + 2 * i])
  reply[i + 1] = index
end
return reply
`);

/**
 * One published event. KEYS: task, taskStatus, idx, events, seriesState, seriesListEntries,
 * legacy series key, legacy series-ids set, writeFence. ARGV: event prefix, suffix, series mode
 * ('' when none), series id, expected series-latest JSON ('' = none; accumulate only),
 * accumulated prefix, accumulated suffix, expected fence epoch ('' = none).
 * Accumulate is optimistic: the running total is computed by the caller from the series-latest
 * it read, and {'RETRY'} (nothing written, no index used) tells it someone got there first.
 * Latest replaces the series' entry in place (LSET), found by its exact JSON, else by id.
 * Reply: {'OK', index} | {'NOT_FOUND'} | {'TERMINAL', status} | {'RETRY'} | {'FENCED'}.
 */
export const appendEventScript = new LuaScript(`
${TERMINAL}
${FENCE_CHECK}
local raw = redis.call('GET', KEYS[1])
if not raw then return {'NOT_FOUND'} end
if fenced(KEYS[9], ARGV[8]) then return {'FENCED'} end
local status = redis.call('GET', KEYS[2])
if not status then status = cjson.decode(raw).status end
if TERMINAL[status] then return {'TERMINAL', status} end
local mode, sid = ARGV[3], ARGV[4]
local previous = false
if mode == 'latest' or mode == 'accumulate' then
  previous = redis.call('HGET', KEYS[5], sid) or redis.call('GET', KEYS[7])
end
if mode == 'accumulate' and (previous or '') ~= ARGV[5] then return {'RETRY'} end

local index = redis.call('INCR', KEYS[3]) - 1
local event = ARGV[1] .. index .. ARGV[2]

local function position_of(entries, wanted)
  local listed = redis.call('HGET', KEYS[6], sid)
  for i, entry in ipairs(entries) do
    if entry == listed or entry == wanted then return i end
  end
  local ok, target = pcall(cjson.decode, wanted)
  if not ok or type(target) ~= 'table' or target.id == nil then return nil end
  for i, entry in ipairs(entries) do
    local fine, decoded = pcall(cjson.decode, entry)
    if fine and type(decoded) == 'table' and decoded.id == target.id then return i end
  end
  return nil
end

local replaced = false
if mode == 'latest' and previous then
  local ok, decoded = pcall(cjson.decode, previous)
  if ok and type(decoded) == 'table' and decoded.seriesMode == 'latest' then
    local at = position_of(redis.call('LRANGE', KEYS[4], 0, -1), previous)
    if at then
      redis.call('LSET', KEYS[4], at - 1, event)
      replaced = true
    end
  end
end
if not replaced then redis.call('RPUSH', KEYS[4], event) end

if mode == 'latest' then
  redis.call('HSET', KEYS[5], sid, event)
  redis.call('HSET', KEYS[6], sid, event)
elseif mode == 'accumulate' then
  redis.call('HSET', KEYS[5], sid, ARGV[6] .. index .. ARGV[7])
  redis.call('HDEL', KEYS[6], sid)
end
if mode == 'latest' or mode == 'accumulate' then
  redis.call('DEL', KEYS[7])
  redis.call('SREM', KEYS[8], sid)
end
return {'OK', index}
`);
