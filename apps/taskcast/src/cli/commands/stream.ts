/** `logs <taskId>` and `tail` (config-cli.md §4): live events printed one per line. */
import { CliError } from "../errors.ts";
import { resolveNode, tokenFor } from "../nodes.ts";
import { readSse } from "../sse.ts";

type Print = (line: string) => void;

export interface StreamOptions {
  types?: string;
  levels?: string;
  node?: string;
}

interface Envelope {
  taskId?: string;
  type?: string;
  level?: string;
  timestamp?: number;
  data?: unknown;
}

/** Local wall-clock `HH:MM:SS`. */
export function clock(ms: number): string {
  const date = new Date(ms);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

export function formatEvent(event: Envelope, withTask: boolean): string {
  const task = withTask ? `${(event.taskId ?? "").slice(0, 7)}..  ` : "";
  const type = (event.type ?? "").padEnd(16);
  const level = (event.level ?? "").padEnd(5);
  return `[${clock(event.timestamp ?? Date.now())}] ${task}${type} ${level} ${JSON.stringify(event.data ?? null)}`;
}

function query(options: StreamOptions): string {
  const params = new URLSearchParams();
  if (options.types) params.set("types", options.types);
  if (options.levels) params.set("levels", options.levels);
  const text = params.toString();
  return text ? `?${text}` : "";
}

function parse(data: string): Envelope | undefined {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === "object" && value !== null ? (value as Envelope) : undefined;
  } catch {
    return undefined;
  }
}

async function follow(
  path: string,
  options: StreamOptions,
  onFrame: Parameters<typeof readSse>[2],
): Promise<void> {
  const node = resolveNode(options.node);
  try {
    await readSse(`${node.url}${path}${query(options)}`, await tokenFor(node), onFrame);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`Error: ${error instanceof Error ? error.message : String(error)}`, "plain");
  }
}

/** Ends (exit 0) after the task's `taskcast.done` frame. */
export async function logs(taskId: string, options: StreamOptions, out: Print): Promise<void> {
  await follow(`/tasks/${encodeURIComponent(taskId)}/events`, options, (frame) => {
    const value = parse(frame.data);
    if (frame.event === "taskcast.event" && value) out(formatEvent(value, false));
    if (frame.event === "taskcast.done") {
      const reason = value && "reason" in value ? String((value as { reason: unknown }).reason) : "unknown";
      out(`[${clock(Date.now())}] [DONE] ${reason}`);
      return "stop";
    }
    return undefined;
  });
}

/** Runs until interrupted: the global stream never ends on its own. */
export async function tail(options: StreamOptions, out: Print): Promise<void> {
  await follow("/events", options, (frame) => {
    const value = parse(frame.data);
    if (frame.event === "taskcast.event" && value) out(formatEvent(value, true));
    return undefined;
  });
}
