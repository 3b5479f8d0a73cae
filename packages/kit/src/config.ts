/**
 * Environment configuration, parsed once at start-up into typed values. A bad deployment fails
 * with one message naming every wrong variable, rather than at the first request that needs it.
 */
import { z } from "zod";
import { parseDuration } from "./duration.ts";

export interface ConfigIssue {
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  ${i.variable}: ${i.message}`).join("\n")}`);
    this.name = "ConfigError";
    this.issues = issues;
  }
}

export type Env = Record<string, string | undefined>;

/**
 * Parses the variables named by `schema`'s keys. An empty variable counts as unset, so
 * `PORT=` in an env file falls back to the default instead of failing as "not a number".
 */
export function loadConfig<S extends z.ZodObject>(schema: S, env: Env = process.env): z.output<S> {
  const input: Record<string, string> = {};
  for (const name of Object.keys(schema.shape)) {
    const value = env[name];
    if (value !== undefined && value !== "") input[name] = value;
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;

  const issues = result.error.issues.map((issue): ConfigIssue => {
    const variable = issue.path.map(String).join(".") || "(config)";
    const raw = input[String(issue.path[0])];
    if (raw === undefined) return { variable, message: "required but not set" };
    return { variable, message: `${issue.message}, got ${JSON.stringify(raw)}` };
  });
  throw new ConfigError(issues);
}

/** A string variable converted by `convert`, which returns undefined for bad input. */
function converted<T>(expected: string, convert: (raw: string) => T | undefined) {
  return z.string().transform((raw, ctx): T => {
    const value = convert(raw.trim());
    if (value === undefined) {
      ctx.addIssue({ code: "custom", message: `expected ${expected}` });
      return z.NEVER;
    }
    return value;
  });
}

const numberIn = (raw: string, integer: boolean, min: number, max: number): number | undefined => {
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(raw)) return undefined;
  const value = Number(raw);
  if (integer && !Number.isInteger(value)) return undefined;
  return value >= min && value <= max ? value : undefined;
};

interface Bounds {
  min?: number;
  max?: number;
}

const inBounds = ({ min, max }: Bounds): string =>
  min !== undefined && max !== undefined
    ? ` from ${min} to ${max}`
    : min !== undefined
      ? ` of at least ${min}`
      : max !== undefined
        ? ` of at most ${max}`
        : "";

const booleans: Record<string, boolean> = { true: true, "1": true, false: false, "0": false };

/** Schemas for the shapes environment variables usually take. Chain `.default()` / `.optional()`. */
export const env = {
  string: () => z.string(),
  number: (o: Bounds = {}) =>
    converted(`a number${inBounds(o)}`, (raw) => numberIn(raw, false, o.min ?? -Infinity, o.max ?? Infinity)),
  int: (o: Bounds = {}) =>
    converted(`an integer${inBounds(o)}`, (raw) =>
      numberIn(raw, true, o.min ?? Number.MIN_SAFE_INTEGER, o.max ?? Number.MAX_SAFE_INTEGER),
    ),
  port: () => converted("a port number (0-65535)", (raw) => numberIn(raw, true, 0, 65535)),
  url: (o: { protocols?: readonly string[] } = {}) =>
    converted(o.protocols ? `a URL (${o.protocols.join(", ")})` : "a URL", (raw) => {
      if (!URL.canParse(raw)) return undefined;
      const url = new URL(raw);
      if (o.protocols && !o.protocols.includes(url.protocol.replace(/:$/, ""))) return undefined;
      return raw;
    }),
  boolean: () => converted("true, false, 1 or 0", (raw) => booleans[raw.toLowerCase()]),
  /** Comma-separated values, trimmed, empty entries dropped. */
  list: () =>
    z.string().transform((raw) =>
      raw
        .split(",")
        .map((item) => item.trim())
        .filter((item) => item !== ""),
    ),
  /** Milliseconds, from `250ms`, `5s`, `2m`, `1h`, `1d` or a bare number of milliseconds. */
  duration: () => converted("a duration such as 500ms, 5s, 2m, 1h", parseDuration),
  oneOf: <const T extends readonly [string, ...string[]]>(values: T) =>
    converted(`one of ${values.join(", ")}`, (raw) =>
      (values as readonly string[]).includes(raw) ? (raw as T[number]) : undefined,
    ),
};
