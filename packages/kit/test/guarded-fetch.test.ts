import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  BlockedAddressError,
  type Fetch,
  guardedFetch,
  type Resolver,
  UnsupportedUrlError,
} from "../src/index.ts";

// `rebind.test` is a made-up name (RFC 6761 reserves .test): the system resolver cannot find it,
// so a request that reaches a local server under that name can only have used the address the
// injected resolver gave.
const NAME = "rebind.test";

interface Seen {
  host: string | null;
  path: string;
  method: string;
  body: string;
}

function localServer(tls?: { cert: string; key: string }) {
  const seen: Seen[] = [];
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    tls,
    async fetch(request) {
      const url = new URL(request.url);
      seen.push({
        host: request.headers.get("host"),
        path: `${url.pathname}${url.search}`,
        method: request.method,
        body: await request.text(),
      });
      if (url.pathname === "/redirect") return Response.redirect("http://127.0.0.1:1/elsewhere", 302);
      return new Response("hello", { headers: { "x-served-by": "local" } });
    },
  });
  return { port: server.port as number, seen, stop: () => server.stop(true) };
}

/** A resolver that answers from a script and counts its calls. */
function scripted(...answers: string[][]): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    return answers[Math.min(calls.length, answers.length) - 1] ?? [];
  };
  return Object.assign(resolve, { calls });
}

/** A transport that records what guardedFetch asked it to connect to, and answers 204. */
function recorder() {
  const requests: { url: string; init: BunFetchRequestInit }[] = [];
  const send: Fetch = async (input, init) => {
    requests.push({ url: String(input), init: init as BunFetchRequestInit });
    return new Response(null, { status: 204 });
  };
  return { requests, send };
}

const plain = localServer();
afterAll(() => plain.stop());

describe("guardedFetch pins the connection to the resolved address", () => {
  test("a made-up name reaches the local server with its own Host header", async () => {
    const resolve = scripted(["127.0.0.1"]);
    const response = await guardedFetch(
      `http://${NAME}:${plain.port}/hook?x=1`,
      { method: "POST", body: "payload", headers: { "content-type": "text/plain" } },
      { allowPrivate: true, resolve },
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("hello");
    expect(plain.seen.at(-1)).toEqual({
      host: `${NAME}:${plain.port}`,
      path: "/hook?x=1",
      method: "POST",
      body: "payload",
    });
    expect(resolve.calls).toEqual([NAME]);
  });

  test("without allowPrivate the same name is refused before any connection", async () => {
    const before = plain.seen.length;
    const resolve = scripted(["127.0.0.1"]);
    const attempt = guardedFetch(`http://${NAME}:${plain.port}/`, {}, { resolve });
    await expect(attempt).rejects.toBeInstanceOf(BlockedAddressError);
    expect(plain.seen.length).toBe(before);
  });

  test("a rebinding resolver is asked once; the connection goes to its first answer", async () => {
    // Public first, loopback on every later call: the classic rebinding script.
    const resolve = scripted(["93.184.216.34"], ["127.0.0.1"]);
    const transport = recorder();
    const response = await guardedFetch(
      `http://${NAME}:${plain.port}/in`,
      {},
      { resolve, fetch: transport.send },
    );
    expect(response.status).toBe(204);
    expect(resolve.calls).toEqual([NAME]);
    expect(transport.requests.map((r) => r.url)).toEqual([`http://93.184.216.34:${plain.port}/in`]);
    expect(new Headers(transport.requests[0]?.init.headers).get("host")).toBe(`${NAME}:${plain.port}`);
  });

  test("with the real fetch, a rebinding resolver never gets the request to loopback", async () => {
    // 192.0.2.1 (TEST-NET-1) is public to the guard but routes nowhere: the request fails or
    // times out, and the loopback server must not see it.
    const before = plain.seen.length;
    const resolve = scripted(["192.0.2.1"], ["127.0.0.1"]);
    const attempt = guardedFetch(
      `http://${NAME}:${plain.port}/rebound`,
      { signal: AbortSignal.timeout(300) },
      { resolve },
    );
    await expect(attempt).rejects.toThrow();
    expect(resolve.calls).toEqual([NAME]);
    expect(plain.seen.length).toBe(before);
  });

  test("every answer is checked: one private address among public ones refuses the request", async () => {
    const transport = recorder();
    const resolve = scripted(["93.184.216.34", "10.0.0.7"]);
    const attempt = guardedFetch(`https://${NAME}/`, {}, { resolve, fetch: transport.send });
    await expect(attempt).rejects.toThrow("10.0.0.7");
    expect(transport.requests).toEqual([]);
  });

  test("answers that are not plain IP literals are refused even with allowPrivate", async () => {
    // Connecting to a name would resolve it again; a bracketed or zoned text is not a plain address.
    for (const answer of ["localhost", "[::1]", "fe80::1%eth0", "2130706433"]) {
      const transport = recorder();
      const attempt = guardedFetch(
        `http://${NAME}/`,
        {},
        { allowPrivate: true, resolve: scripted([answer]), fetch: transport.send },
      );
      await expect(attempt).rejects.toBeInstanceOf(BlockedAddressError);
      expect(transport.requests).toEqual([]);
    }
    const empty = guardedFetch(`http://${NAME}/`, {}, { allowPrivate: true, resolve: scripted([]) });
    await expect(empty).rejects.toBeInstanceOf(BlockedAddressError);
  });

  test("IP-literal URLs are not resolved; private literals are refused", async () => {
    const resolve: Resolver = async () => {
      throw new Error("an IP literal must not be resolved");
    };
    const response = await guardedFetch(
      `http://127.0.0.1:${plain.port}/literal`,
      {},
      {
        allowPrivate: true,
        resolve,
      },
    );
    expect(response.status).toBe(200);
    expect(plain.seen.at(-1)?.host).toBe(`127.0.0.1:${plain.port}`);
    for (const url of [
      "http://127.0.0.1/",
      "http://[::1]:9/",
      "http://[::ffff:10.0.0.1]/",
      "http://169.254.169.254/",
    ]) {
      const attempt = guardedFetch(url, {}, { resolve });
      await expect(attempt).rejects.toBeInstanceOf(BlockedAddressError);
    }
  });

  test("IPv6 answers are bracketed; default ports are left out of the Host header", async () => {
    const transport = recorder();
    await guardedFetch(
      `http://${NAME}/a`,
      {},
      { resolve: scripted(["2606:2800:220:1:248:1893:25c8:1946"]), fetch: transport.send },
    );
    await guardedFetch(
      `https://${NAME}:443/b`,
      {},
      { resolve: scripted(["93.184.216.34"]), fetch: transport.send },
    );
    await guardedFetch(
      `https://${NAME}:8443/c`,
      {},
      { resolve: scripted(["93.184.216.34"]), fetch: transport.send },
    );
    expect(transport.requests.map((r) => [r.url, new Headers(r.init.headers).get("host")])).toEqual([
      ["http://[2606:2800:220:1:248:1893:25c8:1946]/a", NAME],
      ["https://93.184.216.34/b", NAME],
      ["https://93.184.216.34:8443/c", `${NAME}:8443`],
    ]);
    expect(transport.requests[0]?.init.tls).toBeUndefined();
    expect(transport.requests[1]?.init.tls?.serverName).toBe(NAME);
    expect(transport.requests.every((r) => r.init.redirect === "manual")).toBe(true);
  });

  test("an address that refuses the connection gives way to the next checked one", async () => {
    // 127.0.0.2 is loopback too, but nothing listens there: the server is bound to 127.0.0.1.
    const resolve = scripted(["127.0.0.2", "127.0.0.1"]);
    const response = await guardedFetch(
      `http://${NAME}:${plain.port}/second`,
      {},
      { allowPrivate: true, resolve },
    );
    expect(response.status).toBe(200);
    expect(plain.seen.at(-1)).toMatchObject({ host: `${NAME}:${plain.port}`, path: "/second" });
    expect(resolve.calls).toEqual([NAME]);
  });

  test("redirects are returned, not followed", async () => {
    const before = plain.seen.length;
    const response = await guardedFetch(
      `http://${NAME}:${plain.port}/redirect`,
      {},
      {
        allowPrivate: true,
        resolve: scripted(["127.0.0.1"]),
      },
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("http://127.0.0.1:1/elsewhere");
    expect(plain.seen.length).toBe(before + 1);
  });

  test("only http and https are requested", async () => {
    for (const url of ["file:///etc/passwd", "ftp://example.com/", "gopher://127.0.0.1/"]) {
      const attempt = guardedFetch(url, {}, { allowPrivate: true });
      await expect(attempt).rejects.toBeInstanceOf(UnsupportedUrlError);
    }
  });

  test("an abort during resolution rejects at once", async () => {
    const never: Resolver = () => new Promise(() => undefined);
    const controller = new AbortController();
    const attempt = guardedFetch(`http://${NAME}/`, { signal: controller.signal }, { resolve: never });
    controller.abort(new Error("stop"));
    await expect(attempt).rejects.toThrow("stop");
  });
});

describe("guardedFetch over https checks the certificate against the original name", () => {
  let dir: string;
  const certs: Record<string, { cert: string; key: string }> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "kit-guarded-fetch-"));
    for (const name of [NAME, "other.test"]) {
      const key = join(dir, `${name}.key`);
      const cert = join(dir, `${name}.crt`);
      const made = Bun.spawnSync(
        [
          "openssl",
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-keyout",
          key,
          "-out",
          cert,
          "-days",
          "1",
          "-subj",
          `/CN=${name}`,
          "-addext",
          `subjectAltName=DNS:${name}`,
        ],
        { stderr: "pipe" },
      );
      if (made.exitCode !== 0) throw new Error(`openssl: ${made.stderr.toString()}`);
      certs[name] = { cert: await Bun.file(cert).text(), key: await Bun.file(key).text() };
    }
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const get = (port: number, ca: string[]) =>
    guardedFetch(`https://${NAME}:${port}/secure`, { tls: { ca } } as BunFetchRequestInit, {
      allowPrivate: true,
      resolve: scripted(["127.0.0.1"]),
    });

  test("a certificate for the name, trusted through `ca`, is accepted", async () => {
    const server = localServer(certs[NAME]);
    try {
      const response = await get(server.port, [certs[NAME]!.cert]);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("hello");
      expect(server.seen).toEqual([
        { host: `${NAME}:${server.port}`, path: "/secure", method: "GET", body: "" },
      ]);
    } finally {
      server.stop();
    }
  });

  test("a trusted certificate for another name fails verification", async () => {
    const server = localServer(certs["other.test"]);
    try {
      // Both certificates are trusted: only the name can make this fail.
      const attempt = get(server.port, [certs[NAME]!.cert, certs["other.test"]!.cert]);
      await expect(attempt).rejects.toMatchObject({ code: "ERR_TLS_CERT_ALTNAME_INVALID" });
      expect(server.seen).toEqual([]);
    } finally {
      server.stop();
    }
  });

  test("the chain is still verified: an untrusted certificate for the name fails", async () => {
    const server = localServer(certs[NAME]);
    try {
      const attempt = get(server.port, []);
      await expect(attempt).rejects.toThrow();
      expect(server.seen).toEqual([]);
    } finally {
      server.stop();
    }
  });
});
