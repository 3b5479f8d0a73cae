/** Runs the real `taskcast` bin as a subprocess, in its own temporary home and working directory. */
import { afterAll } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const BIN = join(import.meta.dir, "../../bin/taskcast");

/** A scratch directory used as both HOME and cwd, removed after the file's tests. */
export function scratch(): { dir: string; file(name: string, text: string): string } {
  const dir = mkdtempSync(join(tmpdir(), "taskcast-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    file: (name, text) => {
      const path = join(dir, name);
      mkdirSync(join(path, ".."), { recursive: true });
      writeFileSync(path, text);
      return path;
    },
  };
}

/** The environment a child sees: no TASKCAST_* of the test runner's, a private HOME. */
function childEnv(home: string, extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith("TASKCAST_") && key !== "PORT") env[key] = value;
  }
  return { ...env, HOME: home, LOG_LEVEL: "warn", ...extra };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion. */
export async function run(
  args: string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<RunResult> {
  const child = Bun.spawn([BIN, ...args], {
    cwd: options.cwd,
    env: childEnv(options.cwd, options.env ?? {}),
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const timer = setTimeout(() => child.kill(), options.timeoutMs ?? 10_000);
  const [stdout, stderr, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** A running command whose output is read as it comes. */
export class Running {
  stdout = "";
  stderr = "";
  readonly exited: Promise<number>;
  private readonly child: ReturnType<typeof Bun.spawn>;

  constructor(args: string[], options: { cwd: string; env?: Record<string, string> }) {
    this.child = Bun.spawn([BIN, ...args], {
      cwd: options.cwd,
      env: childEnv(options.cwd, options.env ?? {}),
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    });
    const collect = async (stream: ReadableStream<Uint8Array>, into: "stdout" | "stderr") => {
      const decoder = new TextDecoder();
      for await (const chunk of stream) this[into] += decoder.decode(chunk, { stream: true });
    };
    const { stdout, stderr } = this.child;
    if (!(stdout instanceof ReadableStream) || !(stderr instanceof ReadableStream))
      throw new Error("no pipes");
    const reading = Promise.all([collect(stdout, "stdout"), collect(stderr, "stderr")]);
    this.exited = reading.then(() => this.child.exited);
  }

  /** Waits until stdout matches; fails with everything printed so far. */
  async waitFor(pattern: RegExp, timeoutMs = 10_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.stdout.match(pattern);
      if (match) return match;
      if (this.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(
          `no ${pattern} (exit ${this.child.exitCode})\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`,
        );
      }
      await Bun.sleep(20);
    }
  }

  stop(signal: NodeJS.Signals = "SIGTERM"): Promise<number> {
    this.child.kill(signal);
    return this.exited;
  }
}

/** `taskcast start ...` until it prints its URL; answers the process and the base URL. */
export async function startServer(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<{ server: Running; base: string }> {
  const server = new Running(["start", "-p", "0", ...args], options);
  running.add(server);
  const match = await server.waitFor(/Server started on (http:\/\/localhost:\d+)/);
  return { server, base: match[1] ?? "" };
}

const running = new Set<Running>();
afterAll(async () => {
  await Promise.all([...running].map((server) => server.stop("SIGKILL")));
});

export async function json(base: string, method: string, path: string, body?: unknown, headers = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
