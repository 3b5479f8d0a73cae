/**
 * Deep copies for the in-process stores. What they hold is plain data (JSON values and the
 * task and event records built from them), and for that `copyValue` gives what
 * `structuredClone` gives at a fraction of its cost: on the publish path the store copies
 * every event in and out, and structuredClone was one of the largest costs per event
 * (bench/taskcast-throughput.ts). Anything that is not a plain object, array or primitive
 * is handed to structuredClone, so Dates, Maps and the like copy (or fail to) exactly as before.
 */

/** Deeper than this is handed to structuredClone whole, which also covers cycles. */
const MAX_DEPTH = 100;

class TooDeep extends Error {}

export function copyValue<T>(value: T): T {
  if (typeof value !== "object" || value === null) {
    // structuredClone throws a DataCloneError for these; keep that.
    return typeof value === "function" || typeof value === "symbol" ? structuredClone(value) : value;
  }
  try {
    return copy(value, 0) as T;
  } catch (error) {
    if (error instanceof TooDeep) return structuredClone(value);
    throw error;
  }
}

function copy(value: unknown, depth: number): unknown {
  if (typeof value !== "object" || value === null) {
    return typeof value === "function" || typeof value === "symbol" ? structuredClone(value) : value;
  }
  if (depth > MAX_DEPTH) throw new TooDeep();
  const proto = Object.getPrototypeOf(value);
  if (proto === Array.prototype) {
    const array = value as unknown[];
    const keys = Object.keys(array);
    // Holes or extra properties: leave those to structuredClone.
    if (keys.length !== array.length) return structuredClone(value);
    const out = new Array<unknown>(array.length);
    for (let i = 0; i < array.length; i++) out[i] = copy(array[i], depth + 1);
    return out;
  }
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const object = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    const item = copy(object[key], depth + 1);
    // An own `__proto__` key stays a key, as structuredClone keeps it.
    if (key === "__proto__") {
      Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
    } else out[key] = item;
  }
  return out;
}
