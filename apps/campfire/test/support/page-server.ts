// A little web site on loopback for link previews: pages with OpenGraph tags, redirects, a page too
// big to read, one too slow to wait for, and images that say what they are.
export class PageServer {
  readonly requests: string[] = [];
  private readonly server: ReturnType<typeof Bun.serve>;

  constructor(private readonly pages: Record<string, (url: URL) => Response | Promise<Response>>) {
    this.server = Bun.serve({
      port: 0,
      fetch: (request) => {
        const url = new URL(request.url);
        this.requests.push(`${request.method} ${url.pathname}`);
        return this.pages[url.pathname]?.(url) ?? new Response("missing", { status: 404 });
      },
    });
  }

  get origin(): string {
    return `http://localhost:${this.server.port}`;
  }

  get port(): number {
    return this.server.port ?? 0;
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  async stop(): Promise<void> {
    await this.server.stop(true);
  }
}

export const htmlPage = (head: string, status = 200) =>
  new Response(`<!doctype html><html><head>${head}</head><body>hello</body></html>`, {
    status,
    headers: { "content-type": "text/html; charset=utf-8" },
  });

export const ogTags = (tags: Record<string, string>) =>
  Object.entries(tags)
    .map(([property, content]) => `<meta property="${property}" content="${content}">`)
    .join("");
