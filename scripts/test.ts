/**
 * `npm test`: runs every test file with `bun test` and ends with one plain line
 * `N passed, N failed` (bun prints its own summary on stderr). Extra args go to bun test.
 */
const bun = process.execPath;
const args = ["test", "--timeout", "30000", ...process.argv.slice(2)];
const child = Bun.spawn([bun, ...args], { stdout: "inherit", stderr: "pipe", env: process.env });

let tail = "";
const decoder = new TextDecoder();
for await (const chunk of child.stderr) {
  process.stderr.write(chunk);
  tail = (tail + decoder.decode(chunk, { stream: true })).slice(-4000);
}
const code = await child.exited;
const count = (label: string) => Number(tail.match(new RegExp(`^\\s*(\\d+) ${label}\\b`, "m"))?.[1] ?? 0);
const passed = count("pass");
const failed = count("fail") + (code !== 0 && count("fail") === 0 ? 1 : 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(code);

export {};
