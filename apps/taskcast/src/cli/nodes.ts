/**
 * Named servers for the client commands (config-cli.md §4 "Node resolution"), kept in
 * `~/.taskcast/nodes.json` in the original's format so both CLIs share the file.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { z } from "zod";
import { CliError } from "./errors.ts";

const nodeSchema = z.object({
  url: z.string(),
  token: z.string().optional(),
  tokenType: z.enum(["jwt", "admin"]).optional(),
});
export type NodeEntry = z.output<typeof nodeSchema>;

const fileSchema = z.object({
  current: z.string().nullable().default(null),
  nodes: z.record(z.string(), nodeSchema).default({}),
});
export type NodesFile = z.output<typeof fileSchema>;

export const DEFAULT_NODE: NodeEntry = { url: "http://localhost:3721" };

export function nodesPath(home = homedir()): string {
  return join(home, ".taskcast", "nodes.json");
}

export function readNodes(path = nodesPath()): NodesFile {
  if (!existsSync(path)) return { current: null, nodes: {} };
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new CliError(`invalid nodes file ${path}`);
  return parsed.data;
}

export function writeNodes(file: NodesFile, path = nodesPath()): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
}

/** `--node <name>`, else the current node, else localhost:3721. */
export function resolveNode(name: string | undefined, path = nodesPath()): NodeEntry {
  const file = readNodes(path);
  if (name !== undefined) {
    const node = file.nodes[name];
    if (!node) throw new CliError(`Node "${name}" not found`);
    return node;
  }
  return (file.current !== null ? file.nodes[file.current] : undefined) ?? DEFAULT_NODE;
}

/** The bearer token to send: admin tokens are exchanged at `POST /admin/token` first. */
export async function tokenFor(node: NodeEntry): Promise<string | undefined> {
  if (node.token === undefined || node.tokenType !== "admin") return node.token;
  const response = await fetch(`${node.url}/admin/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ adminToken: node.token }),
  });
  if (!response.ok) throw new CliError(`Admin token exchange failed: HTTP ${response.status}`);
  const body = (await response.json()) as { token?: unknown };
  if (typeof body.token !== "string")
    throw new CliError("Admin token exchange failed: no token in the answer");
  return body.token;
}
