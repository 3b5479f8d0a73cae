/**
 * Better Auth configured as the original configured it (auth.md §1): same tables through the
 * Drizzle adapter, scrypt password hashes, signed `better-auth.*` cookies (`__Secure-` under
 * https), 30-day sessions refreshed after a day, Google and GitHub when their ids are set.
 * Reusing the library keeps cookies, hashes and JSON byte-compatible with existing users.
 */
import type { Logger } from "@rt/kit";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import type { ArinovaConfig } from "../config.ts";
import type { Database } from "../db/client.ts";
import * as schema from "../db/schema/index.ts";

const DAY_SECONDS = 86_400;
export const SESSION_EXPIRES_IN = 30 * DAY_SECONDS;
export const SESSION_UPDATE_AGE = DAY_SECONDS;

/**
 * The client address we computed (trusted proxies honoured) travels to Better Auth in this
 * header; any incoming copy is removed first, so a client cannot choose its own address.
 */
export const CLIENT_IP_HEADER = "x-arinova-client-ip";

function socialProviders(config: ArinovaConfig["auth"]) {
  return {
    ...(config.google ? { google: { ...config.google } } : {}),
    ...(config.github ? { github: { ...config.github } } : {}),
  };
}

export function createBetterAuth(db: Database, config: ArinovaConfig, logger: Logger) {
  const trustedOrigins = config.corsOrigins === "*" ? ["*"] : [...config.corsOrigins];
  return betterAuth({
    database: drizzleAdapter(db, { provider: "pg", schema }),
    secret: config.auth.secret,
    baseURL: config.auth.baseUrl,
    trustedOrigins,
    session: { expiresIn: SESSION_EXPIRES_IN, updateAge: SESSION_UPDATE_AGE },
    emailAndPassword: { enabled: true },
    socialProviders: socialProviders(config.auth),
    // The original linked a Google/GitHub sign-in to the password user with the same email when
    // the provider vouched for the email; Better Auth 1.7 also wants the local email verified,
    // which no password user here ever is (no mailer). See COMPATIBILITY.md for the risk.
    account: { accountLinking: { requireLocalEmailVerified: false } },
    // The original relied on the library default: on in production only, in memory.
    rateLimit: { enabled: config.production },
    advanced: {
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      // Better Auth skips its origin (CSRF) check when NODE_ENV=test; the contract has it always.
      disableOriginCheck: false,
    },
    telemetry: { enabled: false },
    // Into our JSON log lines rather than Better Auth's coloured console output.
    logger: {
      log: (level, message, ...args) => {
        const fields = args.length > 0 ? { args } : undefined;
        if (level === "error") logger.error(message, fields);
        else if (level === "warn") logger.warn(message, fields);
        else logger.debug(message, fields);
      },
    },
  });
}

export type BetterAuth = ReturnType<typeof createBetterAuth>;
