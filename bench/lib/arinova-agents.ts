/**
 * Benchmark client process: the seeded agents on /ws/agent, speaking the SDK protocol. Each
 * task is answered with `chunks` delta chunks, one every `interval` ms, each starting with
 * "t<send time ms>;" so users can measure delivery latency, then agent_complete.
 *
 *   bun bench/lib/arinova-agents.ts <http-base> <chunks> <interval-ms>
 */
const [baseArg, chunksArg, intervalArg] = process.argv.slice(2);
if (!baseArg || !chunksArg || !intervalArg)
  throw new Error("usage: arinova-agents.ts <base> <chunks> <interval>");
const base: string = baseArg;
const chunks = Number(chunksArg);
const interval = Number(intervalArg);
const emit = (obj: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(obj)}\n`);
const now = () => performance.timeOrigin + performance.now();

const { tokens } = (await (await fetch(`${base}/__agents`)).json()) as { tokens: string[] };
let tasks = 0;

async function connect(botToken: string): Promise<void> {
  const ws = new WebSocket(`${base.replace(/^http/, "ws")}/ws/agent`);
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => ws.send(JSON.stringify({ type: "agent_auth", botToken }));
    ws.onmessage = (event) => {
      const frame = JSON.parse(String(event.data)) as { type: string; taskId?: string };
      if (frame.type === "auth_ok") resolve();
      else if (frame.type === "auth_error") reject(new Error(String(event.data)));
      else if (frame.type === "task" && frame.taskId) answer(ws, frame.taskId);
    };
  });
}

function answer(ws: WebSocket, taskId: string): void {
  tasks++;
  let sent = 0;
  // Spread the streams' chunk times over the interval so load is even, as independent agents would.
  const timer = setInterval(() => {
    if (sent === chunks) {
      clearInterval(timer);
      ws.send(JSON.stringify({ type: "agent_complete", taskId, content: "done" }));
      return;
    }
    sent++;
    ws.send(JSON.stringify({ type: "agent_chunk", taskId, chunk: `t${now()};word${sent} ` }));
  }, interval);
}

await Promise.all(tokens.map(connect));
emit({ agents: tokens.length, ready: true });
setInterval(() => emit({ tasks }), 2000).unref();
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();

export {};
