/**
 * A local push service for tests: it checks each request's VAPID JWT signature and claims
 * (RFC 8292) and decrypts the aes128gcm payload (RFC 8188/8291) with the subscription's own
 * private key, as a browser's push service and user agent would between them.
 */
const b64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64url");
const fromB64url = (text: string): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(text, "base64url"));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

const concat = (...parts: Uint8Array[]): Uint8Array<ArrayBuffer> => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

async function hkdf(salt: Uint8Array, ikm: Uint8Array, info: Uint8Array, bytes: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", concat(ikm), "HKDF", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits(
    { name: "HKDF", hash: "SHA-256", salt: concat(salt), info: concat(info) },
    key,
    bytes * 8,
  );
  return new Uint8Array(bits);
}

export interface ReceivedPush {
  /** The subscription path it was sent to. */
  path: string;
  headers: Record<string, string>;
  jwt: { aud: string; exp: number; sub: string };
  payload: unknown;
}

export interface PushEndpoint {
  /** Subscription keys for POST /api/push/subscribe. */
  subscription(path: string): { endpoint: string; keys: { p256dh: string; auth: string } };
  readonly received: ReceivedPush[];
  /** Requests that failed a check (bad signature, undecryptable body). */
  readonly rejected: string[];
  /** Answer this status for requests to `path` (e.g. 410 Gone). */
  respondWith(path: string, status: number): void;
  close(): void;
}

export async function startPushEndpoint(vapidPublicKey: string): Promise<PushEndpoint> {
  const pair = (await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, [
    "deriveBits",
  ])) as CryptoKeyPair;
  const uaPublic = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
  const authSecret = crypto.getRandomValues(new Uint8Array(16));
  const vapidKey = await crypto.subtle.importKey(
    "raw",
    fromB64url(vapidPublicKey),
    { name: "ECDSA", namedCurve: "P-256" },
    false,
    ["verify"],
  );
  const received: ReceivedPush[] = [];
  const rejected: string[] = [];
  const statuses = new Map<string, number>();

  const verifyJwt = async (authorization: string): Promise<ReceivedPush["jwt"]> => {
    const match = /^vapid t=([^,]+), k=(.+)$/.exec(authorization);
    if (!match) throw new Error(`authorization: ${authorization}`);
    if (match[2] !== vapidPublicKey) throw new Error("k is not the server's VAPID key");
    const [header, claims, signature] = match[1]!.split(".") as [string, string, string];
    const ok = await crypto.subtle.verify(
      { name: "ECDSA", hash: "SHA-256" },
      vapidKey,
      fromB64url(signature),
      concat(utf8(`${header}.${claims}`)),
    );
    if (!ok) throw new Error("VAPID signature does not verify");
    const alg = (JSON.parse(Buffer.from(header, "base64url").toString()) as { alg: string }).alg;
    if (alg !== "ES256") throw new Error(`alg ${alg}`);
    return JSON.parse(Buffer.from(claims, "base64url").toString()) as ReceivedPush["jwt"];
  };

  const decrypt = async (body: Uint8Array): Promise<string> => {
    const salt = body.slice(0, 16);
    const recordSize = new DataView(body.buffer, body.byteOffset + 16, 4).getUint32(0);
    const idLength = body[20]!;
    const asPublic = body.slice(21, 21 + idLength);
    const ciphertext = body.slice(21 + idLength);
    if (ciphertext.length > recordSize) throw new Error("more than one record");
    const asKey = await crypto.subtle.importKey(
      "raw",
      concat(asPublic),
      { name: "ECDH", namedCurve: "P-256" },
      false,
      [],
    );
    const shared = new Uint8Array(
      await crypto.subtle.deriveBits({ name: "ECDH", public: asKey }, pair.privateKey, 256),
    );
    const ikm = await hkdf(authSecret, shared, concat(utf8("WebPush: info\0"), uaPublic, asPublic), 32);
    const cek = await hkdf(salt, ikm, utf8("Content-Encoding: aes128gcm\0"), 16);
    const nonce = await hkdf(salt, ikm, utf8("Content-Encoding: nonce\0"), 12);
    const key = await crypto.subtle.importKey("raw", concat(cek), "AES-GCM", false, ["decrypt"]);
    const padded = new Uint8Array(
      await crypto.subtle.decrypt({ name: "AES-GCM", iv: concat(nonce) }, key, concat(ciphertext)),
    );
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end--;
    if (padded[end] !== 2) throw new Error("missing last-record delimiter");
    return new TextDecoder().decode(padded.slice(0, end));
  };

  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(request) {
      const path = new URL(request.url).pathname;
      try {
        const jwt = await verifyJwt(request.headers.get("authorization") ?? "");
        if (request.headers.get("content-encoding") !== "aes128gcm") throw new Error("not aes128gcm");
        const payload = JSON.parse(await decrypt(new Uint8Array(await request.arrayBuffer())));
        received.push({ path, headers: Object.fromEntries(request.headers), jwt, payload });
      } catch (error) {
        rejected.push(String(error));
        return new Response(null, { status: 400 });
      }
      return new Response(null, { status: statuses.get(path) ?? 201 });
    },
  });
  const origin = `http://127.0.0.1:${server.port}`;
  return {
    subscription: (path) => ({
      endpoint: `${origin}${path}`,
      keys: { p256dh: b64url(uaPublic), auth: b64url(authSecret) },
    }),
    received,
    rejected,
    respondWith: (path, status) => void statuses.set(path, status),
    close: () => void server.stop(true),
  };
}
