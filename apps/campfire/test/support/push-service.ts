import { createDecipheriv, createECDH, createHmac, randomBytes } from "node:crypto";

// A local push service for tests: it plays both the browser (owns the subscription's P-256 key and
// auth secret) and the push service (checks the VAPID JWT, decrypts the aes128gcm body per RFC 8291).
export interface ReceivedPush {
  subscription: string;
  urgency: string | null;
  jwt: { aud: string; exp: number; sub: string };
  payload: unknown;
}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");
const hmac = (key: Uint8Array, data: Uint8Array) => createHmac("sha256", key).update(data).digest();

export class PushService {
  readonly received: ReceivedPush[] = [];
  // Status to answer per subscription name (404/410 to play an expired one).
  readonly statuses = new Map<string, number>();
  private readonly browsers = new Map<string, { ecdh: ReturnType<typeof createECDH>; auth: Buffer }>();
  private readonly server: ReturnType<typeof Bun.serve>;

  constructor(private readonly vapidPublicKey: string) {
    this.server = Bun.serve({ port: 0, fetch: (request) => this.receive(request) });
  }

  // A new browser's subscription, as pushManager.subscribe would hand it to the page.
  subscription(name: string) {
    const ecdh = createECDH("prime256v1");
    ecdh.generateKeys();
    const auth = randomBytes(16);
    this.browsers.set(name, { ecdh, auth });
    return {
      endpoint: `http://127.0.0.1:${this.server.port}/push/${name}`,
      p256dh_key: b64url(ecdh.getPublicKey()),
      auth_key: b64url(auth),
    };
  }

  async stop(): Promise<void> {
    await this.server.stop(true);
  }

  private async receive(request: Request): Promise<Response> {
    const name = new URL(request.url).pathname.split("/").pop() ?? "";
    const browser = this.browsers.get(name);
    if (!browser) return new Response(null, { status: 404 });
    const jwt = await this.verifiedJwt(request.headers.get("authorization") ?? "");
    if (!jwt || request.headers.get("content-encoding") !== "aes128gcm")
      return new Response(null, { status: 401 });
    const body = new Uint8Array(await request.arrayBuffer());
    const payload = JSON.parse(decrypt(body, browser.ecdh, browser.auth));
    this.received.push({ subscription: name, urgency: request.headers.get("urgency"), jwt, payload });
    return new Response(null, { status: this.statuses.get(name) ?? 201 });
  }

  // `vapid t=<ES256 JWT>, k=<public key>`: the key must be the server's, the signature valid.
  private async verifiedJwt(header: string): Promise<ReceivedPush["jwt"] | null> {
    const match = /^vapid t=([^,]+),\s*k=(.+)$/.exec(header);
    if (!match || match[2] !== this.vapidPublicKey) return null;
    const [head, claims, signature] = match[1]!.split(".");
    const key = await crypto.subtle.importKey(
      "raw",
      Buffer.from(this.vapidPublicKey, "base64url"),
      { name: "ECDSA", namedCurve: "P-256" },
      false,
      ["verify"],
    );
    const valid = await crypto.subtle.verify(
      { name: "ECDSA", hash: "SHA-256" },
      key,
      Buffer.from(signature ?? "", "base64url"),
      new TextEncoder().encode(`${head}.${claims}`),
    );
    return valid ? JSON.parse(Buffer.from(claims ?? "", "base64url").toString()) : null;
  }
}

// RFC 8291 / RFC 8188 with one record: salt(16) rs(4) idlen(1) keyid(sender's public key) ciphertext.
function decrypt(body: Uint8Array, ecdh: ReturnType<typeof createECDH>, auth: Buffer): string {
  const salt = body.subarray(0, 16);
  const idLength = body[20]!;
  const senderKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const shared = ecdh.computeSecret(senderKey);
  const keyInfo = Buffer.concat([
    Buffer.from("WebPush: info\0"),
    ecdh.getPublicKey(),
    senderKey,
    Buffer.from([1]),
  ]);
  const ikm = hmac(hmac(auth, shared), keyInfo);
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from("Content-Encoding: aes128gcm\0\x01")).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from("Content-Encoding: nonce\0\x01")).subarray(0, 12);
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const plain = Buffer.concat([
    decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
    decipher.final(),
  ]);
  // The last record ends with the delimiter 0x02 followed by padding zeros.
  const end = plain.lastIndexOf(2);
  return plain.subarray(0, end).toString("utf8");
}
