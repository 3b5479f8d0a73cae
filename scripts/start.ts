/**
 * `npm start`: runs every app that exists, each in its own process with embedded defaults
 * (no PostgreSQL or Redis needed), and prints their URLs. Ctrl-C stops them all.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

const apps = [
  { name: "arinova", port: 3501 },
  { name: "taskcast", port: 3721 },
  { name: "campfire", port: 3000 },
] as const;

const root = join(import.meta.dir, "..");
const children: ReturnType<typeof Bun.spawn>[] = [];

for (const app of apps) {
  const entry = join(root, "apps", app.name, "src", "main.ts");
  if (!existsSync(entry)) continue;
  const child = Bun.spawn([process.execPath, entry], {
    cwd: root,
    stdout: "inherit",
    stderr: "inherit",
    env: withoutPort(process.env),
  });
  children.push(child);
  console.log(`${app.name.padEnd(9)} http://localhost:${app.port}`);
}

if (children.length === 0) {
  console.log("no apps to start yet");
  process.exit(0);
}

const stop = () => {
  for (const child of children) child.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
const codes = await Promise.all(children.map((c) => c.exited));
process.exit(codes.some((c) => c !== 0 && c !== 143 && c !== 130) ? 1 : 0);

/** Each app has its own default port; a shell-wide PORT would make them collide. */
function withoutPort(env: NodeJS.ProcessEnv): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && k !== "PORT") copy[k] = v;
  return copy;
}
