/**
 * Structured logger: one JSON object per line, `{"time","level","msg",...fields}`.
 * Quiet by default so a server prints its start-up lines and its errors, nothing per request.
 */

export const logLevels = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof logLevels)[number];
export type LogFields = Record<string, unknown>;
export type LogSink = (line: string) => void;

export interface Logger {
  readonly level: LogLevel;
  enabled(level: Exclude<LogLevel, "silent">): boolean;
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line it writes. */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  /** Defaults to `LOG_LEVEL`, else `warn` under `bun test` (NODE_ENV=test), else `info`. */
  level?: LogLevel;
  sink?: LogSink;
  fields?: LogFields;
  now?: () => Date;
}

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

const isLogLevel = (value: string | undefined): value is LogLevel =>
  value !== undefined && (logLevels as readonly string[]).includes(value);

export function defaultLogLevel(env: Record<string, string | undefined> = process.env): LogLevel {
  const wanted = env.LOG_LEVEL?.toLowerCase();
  if (isLogLevel(wanted)) return wanted;
  return env.NODE_ENV === "test" ? "warn" : "info";
}

export const stdoutSink: LogSink = (line) => {
  process.stdout.write(`${line}\n`);
};

// Errors have no enumerable properties, so JSON.stringify would log them as {}.
function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    const out: LogFields = { name: value.name, message: value.message, stack: value.stack };
    if (value.cause !== undefined) out.cause = value.cause;
    return out;
  }
  if (typeof value === "bigint") return value.toString();
  return value;
}

function serialise(record: LogFields): string {
  try {
    return JSON.stringify(record, replacer);
  } catch (error) {
    // A circular field must not turn a log call into a crash.
    return JSON.stringify({
      time: record.time,
      level: record.level,
      msg: record.msg,
      logError: error instanceof Error ? error.message : String(error),
    });
  }
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? defaultLogLevel();
  const sink = options.sink ?? stdoutSink;
  const now = options.now ?? (() => new Date());
  const threshold = rank[level];

  const build = (bound: LogFields): Logger => {
    const write = (lineLevel: Exclude<LogLevel, "silent">, msg: string, fields?: LogFields): void => {
      if (rank[lineLevel] < threshold) return;
      const time = now().toISOString();
      const record: LogFields = { time, level: lineLevel, msg, ...bound, ...fields };
      // Fields named like the envelope must not overwrite it.
      record.time = time;
      record.level = lineLevel;
      record.msg = msg;
      sink(serialise(record));
    };
    return {
      level,
      enabled: (l) => rank[l] >= threshold,
      debug: (msg, fields) => write("debug", msg, fields),
      info: (msg, fields) => write("info", msg, fields),
      warn: (msg, fields) => write("warn", msg, fields),
      error: (msg, fields) => write("error", msg, fields),
      child: (fields) => build({ ...bound, ...fields }),
    };
  };
  return build(options.fields ?? {});
}

/** A sink that keeps lines in memory, for tests that assert on what was logged. */
export function memorySink(): { sink: LogSink; lines: string[]; records: () => LogFields[] } {
  const lines: string[] = [];
  return {
    sink: (line) => {
      lines.push(line);
    },
    lines,
    records: () => lines.map((line) => JSON.parse(line) as LogFields),
  };
}
