/**
 * Finding and reading the config file (config-cli.md §1.1): `--config`, else the first
 * `taskcast.config.*` in the working directory, else `~/.taskcast/` (YAML/JSON only), else none.
 * JSON files are interpolated after parsing, YAML files before and after, JS/TS modules never.
 */
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { extname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parse as parseYaml } from "yaml";
import { type Env, interpolateText, interpolateValues, normalisePort } from "./interpolate.ts";
import { ConfigFileError, parseConfig, type TaskcastConfig } from "./schema.ts";

const LOCAL_NAMES = [
  "taskcast.config.ts",
  "taskcast.config.js",
  "taskcast.config.mjs",
  "taskcast.config.yaml",
  "taskcast.config.yml",
  "taskcast.config.json",
];
const GLOBAL_NAMES = ["taskcast.config.yaml", "taskcast.config.yml", "taskcast.config.json"];

export interface LoadedConfig {
  config: TaskcastConfig;
  /** The file read, or undefined when there was none. */
  path: string | undefined;
}

export interface LoadOptions {
  cwd?: string;
  env?: Env;
  home?: string;
}

/** Answers the file to read; a `--config` path that does not exist still counts (as empty). */
export function discoverConfigPath(
  explicit: string | undefined,
  options: LoadOptions = {},
): string | undefined {
  const cwd = options.cwd ?? process.cwd();
  if (explicit !== undefined) return resolve(cwd, explicit);
  const local = LOCAL_NAMES.map((name) => join(cwd, name)).find((path) => existsSync(path));
  if (local) return local;
  const globalDir = join(options.home ?? homedir(), ".taskcast");
  return GLOBAL_NAMES.map((name) => join(globalDir, name)).find((path) => existsSync(path));
}

export async function loadConfigFile(explicit?: string, options: LoadOptions = {}): Promise<LoadedConfig> {
  const env = options.env ?? process.env;
  const path = discoverConfigPath(explicit, options);
  if (path === undefined) return { config: {}, path: undefined };
  // A named file that is missing means an empty config, as in the original.
  if (!existsSync(path)) return { config: {}, path };
  const raw = await readRaw(path, env);
  return { config: parseConfig(normalisePort(raw)), path };
}

async function readRaw(path: string, env: Env): Promise<unknown> {
  const extension = extname(path);
  if ([".ts", ".js", ".mjs"].includes(extension)) {
    const module: { default?: unknown } = await import(pathToFileURL(path).href);
    return module.default;
  }
  const text = readFileSync(path, "utf8");
  try {
    if (extension === ".json") return interpolateValues(JSON.parse(text), env);
    return interpolateValues(parseYaml(interpolateText(text, env)), env);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ConfigFileError(`Invalid config: cannot parse ${path}: ${reason}`);
  }
}
