/**
 * One agent turn streams per conversation at a time; later requests wait in a FIFO behind it
 * (websocket.md §4.1 step 3, §4.8). "Is a stream active?" and "queue behind it" are one atomic
 * step here (the original checked and set across awaits, so two quick messages could both
 * start), and so are "pop the next request" and "release the conversation".
 */
import type Redis from "ioredis";

/** What a turn answers: a user message already stored. `agentId` is set for group members. */
export interface TurnRequest {
  userId: string;
  conversationId: string;
  content: string;
  agentId?: string;
}

export interface ActiveStream {
  /** Identifies the turn holding the conversation; finishing needs it. */
  turn: string;
  since: number;
  userId: string;
  messageId?: string;
  seq?: number;
  agentId?: string;
  /** The instance that holds the agent's task, once it accepted it. */
  owner?: string;
}

export interface NextTurn {
  claim: ActiveStream;
  request: TurnRequest;
}

export interface ActiveStreams {
  /** Claims the idle conversation for `request` (the claim is returned) or queues it (null). */
  claimOrQueue(request: TurnRequest): Promise<ActiveStream | null>;
  /**
   * Claims the idle conversation for `request`, or does nothing (null). Lets a sender claim
   * before storing its message, so the message and the agent's answer share one commit; a
   * sender that finds the conversation busy stores first and then queues with claimOrQueue.
   */
  tryClaim(request: TurnRequest): Promise<ActiveStream | null>;
  /** Replaces the record while `stream.turn` still holds the conversation. */
  update(conversationId: string, stream: ActiveStream): Promise<void>;
  get(conversationId: string): Promise<ActiveStream | null>;
  /** Keeps the record alive while the agent streams. */
  touch(conversationId: string): Promise<void>;
  /** Ends `turn`: the next queued request, already claimed, or null when the conversation is idle. */
  finish(conversationId: string, turn: string): Promise<NextTurn | null>;
}

export interface ActiveStreamsTtl {
  /** A claim nobody touches for this long is dropped (the turn's owner died). */
  activeMs: number;
  /** A queue nobody adds to for this long is dropped. */
  queueMs: number;
}

export const ACTIVE_STREAM_TTL: ActiveStreamsTtl = { activeMs: 600_000, queueMs: 3_600_000 };

const newClaim = (request: TurnRequest): ActiveStream => ({
  turn: crypto.randomUUID(),
  since: Date.now(),
  userId: request.userId,
});

interface Expiring<T> {
  value: T;
  expiresAt: number;
}

/** Same rules as the Redis one, TTLs included: the claim and the queue expire separately. */
export class MemoryActiveStreams implements ActiveStreams {
  readonly #claims = new Map<string, Expiring<ActiveStream>>();
  readonly #queues = new Map<string, Expiring<TurnRequest[]>>();
  readonly #ttl: ActiveStreamsTtl;

  constructor(ttl: ActiveStreamsTtl = ACTIVE_STREAM_TTL) {
    this.#ttl = ttl;
  }

  async claimOrQueue(request: TurnRequest): Promise<ActiveStream | null> {
    const { conversationId } = request;
    if (this.#claim(conversationId) !== undefined) {
      const queue = this.#queue(conversationId) ?? [];
      queue.push(request);
      this.#queues.set(conversationId, { value: queue, expiresAt: Date.now() + this.#ttl.queueMs });
      return null;
    }
    const claim = newClaim(request);
    this.#setClaim(conversationId, claim);
    return claim;
  }

  async tryClaim(request: TurnRequest): Promise<ActiveStream | null> {
    if (this.#claim(request.conversationId) !== undefined) return null;
    const claim = newClaim(request);
    this.#setClaim(request.conversationId, claim);
    return claim;
  }

  async update(conversationId: string, stream: ActiveStream): Promise<void> {
    if (this.#claim(conversationId)?.turn === stream.turn) this.#setClaim(conversationId, stream);
  }

  async get(conversationId: string): Promise<ActiveStream | null> {
    return this.#claim(conversationId) ?? null;
  }

  async touch(conversationId: string): Promise<void> {
    const claim = this.#claim(conversationId);
    if (claim !== undefined) this.#setClaim(conversationId, claim);
  }

  async finish(conversationId: string, turn: string): Promise<NextTurn | null> {
    if (this.#claim(conversationId)?.turn !== turn) return null;
    const request = this.#queue(conversationId)?.shift();
    if (request === undefined) {
      this.#claims.delete(conversationId);
      this.#queues.delete(conversationId);
      return null;
    }
    const claim = newClaim(request);
    this.#setClaim(conversationId, claim);
    return { claim, request };
  }

  #claim(conversationId: string): ActiveStream | undefined {
    return live(this.#claims, conversationId);
  }

  #queue(conversationId: string): TurnRequest[] | undefined {
    return live(this.#queues, conversationId);
  }

  #setClaim(conversationId: string, claim: ActiveStream): void {
    this.#claims.set(conversationId, { value: claim, expiresAt: Date.now() + this.#ttl.activeMs });
  }
}

function live<T>(map: Map<string, Expiring<T>>, key: string): T | undefined {
  const entry = map.get(key);
  if (entry === undefined) return undefined;
  if (entry.expiresAt > Date.now()) return entry.value;
  map.delete(key);
  return undefined;
}

const activeKey = (conversationId: string): string => `ws:active:${conversationId}`;
const queueKey = (conversationId: string): string => `ws:queue:${conversationId}`;

// KEYS: active, queue. ARGV: claim JSON, request JSON, active TTL ms, queue TTL ms.
const CLAIM_OR_QUEUE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[3]) then return 1 end
redis.call('RPUSH', KEYS[2], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return 0`;

// KEYS: active. ARGV: turn, new JSON, TTL ms.
const UPDATE = `
local current = redis.call('GET', KEYS[1])
if not current or cjson.decode(current).turn ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;

// KEYS: active, queue. ARGV: turn, TTL ms, new turn, now. Returns the next request and its claim, or false.
const FINISH = `
local current = redis.call('GET', KEYS[1])
if not current or cjson.decode(current).turn ~= ARGV[1] then return false end
local nextRequest = redis.call('LPOP', KEYS[2])
if not nextRequest then
  redis.call('DEL', KEYS[1])
  return false
end
local request = cjson.decode(nextRequest)
local claim = cjson.encode({turn = ARGV[3], since = tonumber(ARGV[4]), userId = request.userId})
redis.call('SET', KEYS[1], claim, 'PX', ARGV[2])
return {nextRequest, claim}`;

export class RedisActiveStreams implements ActiveStreams {
  readonly #redis: Redis;
  readonly #ttl: ActiveStreamsTtl;

  constructor(redis: Redis, ttl: ActiveStreamsTtl = ACTIVE_STREAM_TTL) {
    this.#redis = redis;
    this.#ttl = ttl;
  }

  async claimOrQueue(request: TurnRequest): Promise<ActiveStream | null> {
    const claim = newClaim(request);
    const claimed = await this.#redis.eval(
      CLAIM_OR_QUEUE,
      2,
      activeKey(request.conversationId),
      queueKey(request.conversationId),
      JSON.stringify(claim),
      JSON.stringify(request),
      this.#ttl.activeMs,
      this.#ttl.queueMs,
    );
    return claimed === 1 ? claim : null;
  }

  async tryClaim(request: TurnRequest): Promise<ActiveStream | null> {
    const claim = newClaim(request);
    const set = await this.#redis.set(
      activeKey(request.conversationId),
      JSON.stringify(claim),
      "PX",
      this.#ttl.activeMs,
      "NX",
    );
    return set === "OK" ? claim : null;
  }

  async update(conversationId: string, stream: ActiveStream): Promise<void> {
    await this.#redis.eval(
      UPDATE,
      1,
      activeKey(conversationId),
      stream.turn,
      JSON.stringify(stream),
      this.#ttl.activeMs,
    );
  }

  async get(conversationId: string): Promise<ActiveStream | null> {
    const value = await this.#redis.get(activeKey(conversationId));
    return value === null ? null : (JSON.parse(value) as ActiveStream);
  }

  async touch(conversationId: string): Promise<void> {
    await this.#redis.pexpire(activeKey(conversationId), this.#ttl.activeMs);
  }

  async finish(conversationId: string, turn: string): Promise<NextTurn | null> {
    const result = await this.#redis.eval(
      FINISH,
      2,
      activeKey(conversationId),
      queueKey(conversationId),
      turn,
      this.#ttl.activeMs,
      crypto.randomUUID(),
      Date.now(),
    );
    if (!Array.isArray(result)) return null;
    const [request, claim] = result as [string, string];
    return { request: JSON.parse(request) as TurnRequest, claim: JSON.parse(claim) as ActiveStream };
  }
}
