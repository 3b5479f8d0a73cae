/** `ping`, `doctor`: one request to a node's health routes (config-cli.md §4). */
import { CliError } from "../errors.ts";
import { type NodeEntry, resolveNode } from "../nodes.ts";

type Print = (line: string) => void;

export async function ping(nodeName: string | undefined, out: Print): Promise<void> {
  const node = resolveNode(nodeName);
  const started = Date.now();
  let failure: string;
  try {
    const response = await fetch(`${node.url}/health`);
    await response.body?.cancel();
    if (response.ok) {
      out(`OK — taskcast at ${node.url} (${Date.now() - started}ms)`);
      return;
    }
    failure = `HTTP ${response.status}`;
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  throw new CliError(`FAIL — cannot reach ${node.url}: ${failure}`, "plain");
}

interface Detail {
  uptime?: number;
  auth?: { mode?: string };
  adapters?: Record<string, { provider?: string; status?: string }>;
}

const ADAPTERS = [
  ["broadcast", "Broadcast:"],
  ["shortTermStore", "ShortTerm:"],
  ["longTermStore", "LongTerm:"],
] as const;

export async function doctor(nodeName: string | undefined, out: Print): Promise<void> {
  const node = resolveNode(nodeName);
  const detail = await fetchDetail(node);
  if (typeof detail === "string") {
    out(`Server:    FAIL  cannot reach ${node.url}: ${detail}`);
    out("Auth:      WARN  unknown");
    throw new CliError("", "silent");
  }
  const uptime = detail.uptime !== undefined ? ` (uptime: ${detail.uptime}s)` : "";
  out(`Server:    OK  taskcast at ${node.url}${uptime}`);
  const mode = detail.auth?.mode ?? "unknown";
  out(
    !node.token && mode !== "none"
      ? "Auth:      WARN  no token configured for this node"
      : `Auth:      OK  ${mode}`,
  );
  for (const [key, label] of ADAPTERS) {
    const adapter = detail.adapters?.[key];
    if (adapter)
      out(`${label.padEnd(11)}${adapter.status === "ok" ? "OK" : "FAIL"}  ${adapter.provider ?? "?"}`);
    else if (key === "longTermStore") out(`${label.padEnd(11)}SKIP  not configured`);
  }
}

async function fetchDetail(node: NodeEntry): Promise<Detail | string> {
  try {
    const response = await fetch(`${node.url}/health/detail`);
    if (!response.ok) return `HTTP ${response.status}`;
    return (await response.json()) as Detail;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
