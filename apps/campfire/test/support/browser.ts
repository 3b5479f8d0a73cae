// A tiny browser for tests: keeps cookies, never follows redirects (tests assert them), and signs
// state-changing forms with the authenticity token from the last page it loaded.
export class Browser {
  private readonly cookies = new Map<string, string>();
  private lastToken: string | null = null;

  constructor(
    public baseUrl: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const response = await this.request(path, { method: "GET", headers });
    const type = response.headers.get("content-type") ?? "";
    if (!type.includes("text/html")) return response;
    const body = await response.text();
    const token = body.match(/<meta name="csrf-token" content="([^"]+)">/)?.[1];
    if (token) this.lastToken = token;
    return new Response(body, { status: response.status, headers: response.headers });
  }

  // Loads `tokenFrom` first when the browser has no token yet, like a person opening the form.
  async post(
    path: string,
    fields: Record<string, string | string[]>,
    options: { headers?: Record<string, string>; token?: string | null } = {},
  ): Promise<Response> {
    const form = new URLSearchParams();
    const token = options.token === undefined ? this.lastToken : options.token;
    if (token) form.append("authenticity_token", token);
    for (const [name, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) form.append(name, item);
    }
    return this.request(path, {
      method: "POST",
      body: form,
      headers: { "content-type": "application/x-www-form-urlencoded", ...options.headers },
    });
  }

  // A JSON request as the page's scripts send it: the token goes in X-CSRF-Token.
  async postJson(path: string, body: unknown): Promise<Response> {
    return this.request(path, {
      method: "POST",
      body: JSON.stringify(body),
      headers: {
        "content-type": "application/json",
        ...(this.lastToken ? { "x-csrf-token": this.lastToken } : {}),
      },
    });
  }

  // A multipart form (file uploads), signed like `post`.
  async upload(path: string, fields: Record<string, string | File>): Promise<Response> {
    const form = new FormData();
    if (this.lastToken) form.append("authenticity_token", this.lastToken);
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    return this.request(path, { method: "POST", body: form, headers: {} });
  }

  private async request(
    path: string,
    init: { method: string; body?: URLSearchParams | FormData | string; headers: Record<string, string> },
  ) {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const response = await fetch(new URL(path, this.baseUrl), {
      ...init,
      redirect: "manual",
      headers: { ...this.headers, ...init.headers, ...(cookie ? { cookie } : {}) },
    });
    for (const header of response.headers.getSetCookie()) this.store(header);
    return response;
  }

  private store(header: string): void {
    const [pair = "", ...attributes] = header.split(";");
    const index = pair.indexOf("=");
    const name = pair.slice(0, index).trim();
    const value = pair.slice(index + 1).trim();
    const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)) || value === "";
    if (expired) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}
