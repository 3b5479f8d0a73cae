/**
 * `${NAME}` environment interpolation (config-cli.md §1.2): no defaults, no bare `$NAME`, and
 * an unset variable leaves the literal text, so a typo shows up in the value instead of vanishing.
 */
export type Env = Readonly<Record<string, string | undefined>>;

const REFERENCE = /\$\{([^}]+)\}/g;

export function interpolateText(text: string, env: Env): string {
  return text.replace(REFERENCE, (literal, name: string) => env[name] ?? literal);
}

/** Every string value, at any depth; keys are left alone. */
export function interpolateValues(value: unknown, env: Env): unknown {
  if (typeof value === "string") return interpolateText(value, env);
  if (Array.isArray(value)) return value.map((item) => interpolateValues(item, env));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolateValues(item, env)]),
    );
  }
  return value;
}

/**
 * The original parses a string `port` with parseInt and drops it when that is not a number,
 * so `port: ${PORT}` with PORT unset falls back to the default rather than failing.
 */
export function normalisePort(config: unknown): unknown {
  if (typeof config !== "object" || config === null || Array.isArray(config)) return config;
  const record = config as Record<string, unknown>;
  if (typeof record.port !== "string") return config;
  const { port, ...rest } = record;
  const parsed = Number.parseInt(port, 10);
  return Number.isNaN(parsed) ? rest : { ...rest, port: parsed };
}
