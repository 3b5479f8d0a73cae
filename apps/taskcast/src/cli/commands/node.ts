/** `taskcast node add|remove|use|list` (config-cli.md §4): the named servers in nodes.json. */
import { CliError } from "../errors.ts";
import { DEFAULT_NODE, type NodeEntry, readNodes, writeNodes } from "../nodes.ts";

type Print = (line: string) => void;

export function addNode(name: string, entry: NodeEntry, out: Print): void {
  const file = readNodes();
  file.nodes[name] = entry;
  writeNodes(file);
  out(`Node "${name}" added`);
}

export function removeNode(name: string, out: Print): void {
  const file = readNodes();
  if (!file.nodes[name]) throw new CliError(`Node "${name}" not found`, "plain");
  delete file.nodes[name];
  if (file.current === name) file.current = null;
  writeNodes(file);
  out(`Node "${name}" removed`);
}

export function useNode(name: string, out: Print): void {
  const file = readNodes();
  if (!file.nodes[name]) throw new CliError(`Node "${name}" not found`, "plain");
  file.current = name;
  writeNodes(file);
  out(`Now using node "${name}"`);
}

export function listNodes(out: Print): void {
  const file = readNodes();
  const names = Object.keys(file.nodes);
  if (names.length === 0) {
    out(`No nodes configured. Using default: ${DEFAULT_NODE.url}`);
    return;
  }
  for (const name of names) {
    const node = file.nodes[name];
    const marker = file.current === name ? "*" : " ";
    out(`${marker} ${name}  ${node?.url ?? ""} (${node?.tokenType ?? "jwt"})`);
  }
}
