/**
 * A local stand-in for GitHub's and Google's OAuth servers: authorize (redirects back with a
 * code), token (checks client credentials, redirect_uri and the PKCE verifier) and user info.
 * Better Auth's built-in providers call fixed https URLs, so `routeProviderTraffic` sends the
 * server-side calls to those hosts here instead, leaving the providers' own code unchanged.
 */
import { createHash } from "node:crypto";

export interface FakeUser {
  github: { id: number; login: string; name: string | null; email: string | null; avatar_url: string };
  githubEmails: { email: string; primary: boolean; verified: boolean }[];
  google: { sub: string; email: string; email_verified: boolean; name: string; picture: string };
}

interface Grant {
  provider: "github" | "google";
  clientId: string;
  redirectUri: string;
  challenge: string;
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

export class FakeOAuthProvider {
  readonly #grants = new Map<string, Grant>();
  readonly #server;
  user: FakeUser;
  readonly clients: Record<"github" | "google", { id: string; secret: string }>;
  readonly tokenRequests: URLSearchParams[] = [];

  constructor(user: FakeUser, clients: Record<"github" | "google", { id: string; secret: string }>) {
    this.user = user;
    this.clients = clients;
    this.#server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: (request) => this.#handle(request) });
  }

  get origin(): string {
    return `http://127.0.0.1:${this.#server.port}`;
  }

  stop(): Promise<void> {
    return this.#server.stop(true);
  }

  /** What the browser does with the authorize URL: the user consents, the provider redirects. */
  async authorize(authorizeUrl: string): Promise<string> {
    const url = new URL(authorizeUrl);
    const response = await fetch(this.origin + url.pathname + url.search, { redirect: "manual" });
    const location = response.headers.get("location");
    if (response.status !== 302 || location === null) throw new Error(`authorize failed: ${response.status}`);
    return location;
  }

  async #handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/login/oauth/authorize" || url.pathname === "/o/oauth2/v2/auth") {
      const provider = url.pathname === "/login/oauth/authorize" ? "github" : "google";
      const code = crypto.randomUUID();
      this.#grants.set(code, {
        provider,
        clientId: url.searchParams.get("client_id") ?? "",
        redirectUri: url.searchParams.get("redirect_uri") ?? "",
        challenge: url.searchParams.get("code_challenge") ?? "",
      });
      const back = new URL(url.searchParams.get("redirect_uri") ?? "");
      back.searchParams.set("code", code);
      back.searchParams.set("state", url.searchParams.get("state") ?? "");
      return new Response(null, { status: 302, headers: { location: back.toString() } });
    }
    if (url.pathname === "/login/oauth/access_token" || url.pathname === "/token") {
      return this.#token(new URLSearchParams(await request.text()), request.headers);
    }
    const bearer = request.headers.get("authorization")?.replace(/^Bearer /i, "");
    if (bearer !== "gh-access-token") return Response.json({ message: "Bad credentials" }, { status: 401 });
    if (url.pathname === "/user") return Response.json(this.user.github);
    if (url.pathname === "/user/emails") return Response.json(this.user.githubEmails);
    return new Response("not found", { status: 404 });
  }

  #token(form: URLSearchParams, headers: Headers): Response {
    this.tokenRequests.push(form);
    const grant = this.#grants.get(form.get("code") ?? "");
    if (grant === undefined) return Response.json({ error: "bad_verification_code" }, { status: 400 });
    this.#grants.delete(form.get("code") ?? "");
    const client = this.clients[grant.provider];
    const basic = headers.get("authorization")?.replace(/^Basic /, "");
    const [id, secret] = basic
      ? Buffer.from(basic, "base64").toString().split(":").map(decodeURIComponent)
      : [form.get("client_id"), form.get("client_secret")];
    const verifier = form.get("code_verifier") ?? "";
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    if (id !== client.id || secret !== client.secret || id !== grant.clientId) {
      return Response.json({ error: "invalid_client" }, { status: 401 });
    }
    if (form.get("redirect_uri") !== grant.redirectUri || challenge !== grant.challenge) {
      return Response.json({ error: "invalid_grant" }, { status: 400 });
    }
    if (grant.provider === "github") {
      return Response.json({
        access_token: "gh-access-token",
        token_type: "bearer",
        scope: "read:user,user:email",
      });
    }
    const header = base64url(JSON.stringify({ alg: "RS256", kid: "fake", typ: "JWT" }));
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: "https://accounts.google.com",
      aud: client.id,
      iat: now,
      exp: now + 3600,
      ...this.user.google,
    };
    const idToken = `${header}.${base64url(JSON.stringify(claims))}.${base64url("not-verified-on-this-path")}`;
    return Response.json({
      access_token: "google-access-token",
      expires_in: 3599,
      scope: "openid email profile",
      token_type: "Bearer",
      id_token: idToken,
    });
  }
}

const PROVIDER_HOSTS = new Set(["github.com", "api.github.com", "oauth2.googleapis.com"]);

/** Sends this process's requests for the providers' hosts to the fake; returns the undo. */
export function routeProviderTraffic(fake: FakeOAuthProvider): () => void {
  const original = globalThis.fetch;
  const routed = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    if (!PROVIDER_HOSTS.has(url.hostname)) return original(input, init);
    const target = fake.origin + url.pathname + url.search;
    return input instanceof Request ? original(new Request(target, input), init) : original(target, init);
  };
  globalThis.fetch = Object.assign(routed, { preconnect: original.preconnect });
  return () => {
    globalThis.fetch = original;
  };
}
