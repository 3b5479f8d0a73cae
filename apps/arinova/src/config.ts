/**
 * The server's configuration: the original's environment variables (runtime.md §2) with its
 * defaults, plus what lets it run without services (PGlite, memory state) and behind a proxy.
 */
import { type Env, env, loadConfig } from "@rt/kit";
import { z } from "zod";

const schema = z.object({
  PORT: env.port().default(3501),
  /** Unset: PGlite in DATA_DIR (trying it out). Production uses PostgreSQL. */
  DATABASE_URL: env.url({ protocols: ["postgres", "postgresql"] }).optional(),
  DATA_DIR: env.string().default("./data/arinova"),
  /** Unset: rate counters and caches live in process memory. */
  REDIS_URL: env.url({ protocols: ["redis", "rediss"] }).optional(),
  CORS_ORIGIN: env.string().default("http://localhost:3500"),
  BETTER_AUTH_SECRET: env.string().default("arinova-dev-secret-change-in-production"),
  BETTER_AUTH_URL: env.url({ protocols: ["http", "https"] }).default("http://localhost:3501"),
  GOOGLE_CLIENT_ID: env.string().default(""),
  GOOGLE_CLIENT_SECRET: env.string().default(""),
  GITHUB_CLIENT_ID: env.string().default(""),
  GITHUB_CLIENT_SECRET: env.string().default(""),
  UPLOAD_DIR: env.string().default("./uploads"),
  MAX_FILE_SIZE: env.int({ min: 1 }).default(10_485_760),
  R2_ENDPOINT: env.string().default(""),
  R2_ACCESS_KEY_ID: env.string().default(""),
  R2_SECRET_ACCESS_KEY: env.string().default(""),
  R2_BUCKET: env.string().default("arinova-uploads"),
  R2_PUBLIC_URL: env.string().default(""),
  VAPID_PUBLIC_KEY: env.string().default(""),
  VAPID_PRIVATE_KEY: env.string().default(""),
  VAPID_SUBJECT: env.string().default("mailto:admin@arinova.ai"),
  /** Our addition: proxies whose X-Forwarded-For is believed (IPs or CIDRs, comma-separated). */
  TRUSTED_PROXIES: env.list().default([]),
  NODE_ENV: env.string().default("development"),
  /** Our addition: lets /metrics answer requests that are not from this host (Bearer token). */
  METRICS_TOKEN: env.string().optional(),
});

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

export interface R2Config {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  bucket: string;
  publicUrl: string;
}

export interface ArinovaConfig {
  port: number;
  databaseUrl?: string;
  dataDir: string;
  redisUrl?: string;
  /** `"*"` reflects any origin; otherwise the exact origins allowed. */
  corsOrigins: "*" | readonly string[];
  auth: {
    secret: string;
    baseUrl: string;
    /** Present only when the client id is set, as the original enables providers. */
    google?: OAuthClient;
    github?: OAuthClient;
  };
  uploads: {
    dir: string;
    maxFileSize: number;
    /** Present when endpoint and both keys are set (the original's "R2 configured"). */
    r2?: R2Config;
  };
  vapid: { publicKey: string; privateKey: string; subject: string };
  trustedProxies: readonly string[];
  production: boolean;
  /** Unset: /metrics answers loopback requests only. */
  metricsToken?: string;
}

const oauthClient = (clientId: string, clientSecret: string): OAuthClient | undefined =>
  clientId === "" ? undefined : { clientId, clientSecret };

export function parseCorsOrigins(raw: string): "*" | string[] {
  const origins = raw
    .split(",")
    .map((origin) => origin.trim())
    .filter((origin) => origin !== "");
  return origins.includes("*") ? "*" : origins;
}

export function loadArinovaConfig(source: Env = process.env): ArinovaConfig {
  const e = loadConfig(schema, source);
  const r2Configured = e.R2_ENDPOINT !== "" && e.R2_ACCESS_KEY_ID !== "" && e.R2_SECRET_ACCESS_KEY !== "";
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    redisUrl: e.REDIS_URL,
    corsOrigins: parseCorsOrigins(e.CORS_ORIGIN),
    auth: {
      secret: e.BETTER_AUTH_SECRET,
      baseUrl: e.BETTER_AUTH_URL,
      google: oauthClient(e.GOOGLE_CLIENT_ID, e.GOOGLE_CLIENT_SECRET),
      github: oauthClient(e.GITHUB_CLIENT_ID, e.GITHUB_CLIENT_SECRET),
    },
    uploads: {
      dir: e.UPLOAD_DIR,
      maxFileSize: e.MAX_FILE_SIZE,
      r2: r2Configured
        ? {
            endpoint: e.R2_ENDPOINT,
            accessKeyId: e.R2_ACCESS_KEY_ID,
            secretAccessKey: e.R2_SECRET_ACCESS_KEY,
            bucket: e.R2_BUCKET,
            publicUrl: e.R2_PUBLIC_URL,
          }
        : undefined,
    },
    vapid: { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY, subject: e.VAPID_SUBJECT },
    trustedProxies: e.TRUSTED_PROXIES,
    production: e.NODE_ENV === "production",
    metricsToken: e.METRICS_TOKEN,
  };
}
