/**
 * A stand-in S3 endpoint that stores objects only when the request carries a valid AWS
 * Signature V4 for known credentials: it recomputes the signature from the request itself
 * (canonical request, credential scope, signed headers) and checks x-amz-content-sha256
 * against the body it received. Anything else is answered 403 and recorded as a rejection.
 */
import { createHash, createHmac } from "node:crypto";

export interface StoredObject {
  bucket: string;
  key: string;
  contentType: string | null;
  body: Uint8Array;
  signedHeaders: string[];
  scope: string;
  /** Every header received, lower-cased names. */
  headers: Record<string, string>;
}

export interface S3Stub {
  endpoint: string;
  objects: Map<string, StoredObject>;
  rejections: string[];
  stop(): Promise<void>;
}

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

function verify(
  request: Request,
  url: URL,
  body: Uint8Array,
  accessKeyId: string,
  secret: string,
): string | StoredObject {
  const match = AUTH.exec(request.headers.get("authorization") ?? "");
  if (!match) return "malformed authorization header";
  const [, keyId = "", date = "", region = "", signedList = "", signature = ""] = match;
  if (keyId !== accessKeyId) return "unknown access key";
  const amzDate = request.headers.get("x-amz-date") ?? "";
  if (!amzDate.startsWith(date)) return "x-amz-date outside the credential scope";
  const payloadHash = request.headers.get("x-amz-content-sha256");
  if (payloadHash !== sha256(body)) return "x-amz-content-sha256 does not match the body";
  const signed = signedList.split(";");
  for (const required of ["host", "x-amz-date", "x-amz-content-sha256"]) {
    if (!signed.includes(required)) return `${required} is not signed`;
  }
  const canonicalQuery = [...url.searchParams]
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .sort()
    .join("&");
  const canonicalHeaders = signed
    .map((name) => `${name}:${(request.headers.get(name) ?? "").trim()}\n`)
    .join("");
  const canonicalRequest = [
    request.method,
    url.pathname,
    canonicalQuery,
    canonicalHeaders,
    signedList,
    payloadHash,
  ].join("\n");
  const scope = `${date}/${region}/s3/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonicalRequest)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), "s3"), "aws4_request");
  if (createHmac("sha256", key).update(stringToSign).digest("hex") !== signature) return "signature mismatch";
  const [, bucket = "", ...rest] = url.pathname.split("/");
  return {
    bucket,
    key: decodeURIComponent(rest.join("/")),
    contentType: request.headers.get("content-type"),
    body,
    signedHeaders: signed,
    scope,
    headers: Object.fromEntries(request.headers),
  };
}

export function startS3Stub(accessKeyId: string, secretAccessKey: string): S3Stub {
  const objects = new Map<string, StoredObject>();
  const rejections: string[] = [];
  const server = Bun.serve({
    port: 0,
    async fetch(request) {
      const url = new URL(request.url);
      const body = new Uint8Array(await request.arrayBuffer());
      if (request.method !== "PUT") return new Response("only PutObject here", { status: 405 });
      const verdict = verify(request, url, body, accessKeyId, secretAccessKey);
      if (typeof verdict === "string") {
        rejections.push(verdict);
        return new Response(
          `<Error><Code>SignatureDoesNotMatch</Code><Message>${verdict}</Message></Error>`,
          {
            status: 403,
            headers: { "content-type": "application/xml" },
          },
        );
      }
      objects.set(`${verdict.bucket}/${verdict.key}`, verdict);
      return new Response(null, { status: 200, headers: { etag: `"${sha256(body).slice(0, 32)}"` } });
    },
  });
  return {
    endpoint: `http://127.0.0.1:${server.port}`,
    objects,
    rejections,
    stop: () => server.stop(true),
  };
}
