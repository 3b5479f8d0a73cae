// A bot's webhook endpoint on loopback: records every delivery and answers as the test says.
export interface Delivery {
  headers: Headers;
  body: unknown;
}

export class WebhookReceiver {
  readonly deliveries: Delivery[] = [];
  private readonly server: ReturnType<typeof Bun.serve>;
  reply: () => Response | Promise<Response> = () => new Response(null, { status: 200 });

  constructor() {
    this.server = Bun.serve({
      port: 0,
      fetch: async (request) => {
        this.deliveries.push({ headers: request.headers, body: await request.json() });
        return this.reply();
      },
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.server.port}/bot`;
  }

  async stop(): Promise<void> {
    await this.server.stop(true);
  }
}
