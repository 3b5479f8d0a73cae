/** A real HTTP receiver for webhook tests: records requests, checks signatures, answers as told. */
import { createHmac } from "node:crypto";

export interface Received {
  body: string;
  json: Record<string, unknown>;
  headers: Headers;
  /**
   * Whether `X-Taskcast-Signature` is `sha256=<lowercase hex HMAC-SHA256(secret, raw body)>`
   * (config-cli.md §6), computed here independently of the server's signing code.
   */
  signed: boolean;
  /** Arrival time (ms), to check retry spacing. */
  at: number;
}

export class Receiver {
  readonly received: Received[] = [];
  /** Statuses to answer in turn; 200 once they run out. */
  answers: number[] = [];
  private readonly server: ReturnType<typeof Bun.serve>;

  constructor(private readonly secret = "") {
    this.server = Bun.serve({
      port: 0,
      hostname: "127.0.0.1",
      fetch: async (request) => {
        const body = await request.text();
        this.received.push({
          body,
          json: JSON.parse(body) as Record<string, unknown>,
          headers: request.headers,
          signed:
            request.headers.get("x-taskcast-signature") ===
            `sha256=${createHmac("sha256", this.secret).update(body).digest("hex")}`,
          at: Date.now(),
        });
        return new Response(null, { status: this.answers.shift() ?? 200 });
      },
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.server.port}/hook`;
  }

  async until(count: number, timeoutMs = 5_000): Promise<Received[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`received ${this.received.length} of ${count}`);
      await Bun.sleep(10);
    }
    return this.received;
  }

  stop(): Promise<void> {
    return this.server.stop(true);
  }
}
