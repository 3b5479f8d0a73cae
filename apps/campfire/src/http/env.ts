import type { Metrics } from "@rt/kit";
import type { Server } from "bun";
import type { BotWebhooks } from "../bots/dispatcher.ts";
import type { Cable, CableData } from "../channels/cable.ts";
import type { Db } from "../db/database.ts";
import type { PasswordPolicy } from "../models/password.ts";
import type { Session } from "../models/session.ts";
import type { User } from "../models/user.ts";
import type { WebPushSender } from "../push/web-push-sender.ts";
import type { UnfurlOptions } from "../unfurl/link-preview.ts";
import type { FileStore } from "../uploads/file-store.ts";
import type { BrowserSession } from "./browser-session.ts";
import type { SignInThrottle } from "./rate-limit.ts";

export interface Services {
  db: Db;
  passwords: PasswordPolicy;
  // Derived from SECRET_KEY_BASE; signs every cookie.
  cookieSecret: string;
  signInLimiter: SignInThrottle;
  cable: Cable;
  // Signs the global ids inside mention attachments.
  mentionKey: string;
  version: string;
  revision: string;
  // Uploaded avatars and logos (and their resized copies).
  files: FileStore;
  botWebhooks: BotWebhooks;
  push: { vapidPublicKey: string; sender: WebPushSender };
  // Link previews: the guard and bounds for fetching pages members paste.
  unfurl: UnfurlOptions;
  metrics: Metrics;
  // Lets a scraper that is not on this machine read /metrics; unset, only loopback may.
  metricsToken: string | undefined;
}

export interface Flash {
  alert?: string;
  notice?: string;
}

// What every handler can read from the request context.
export interface AppEnv {
  // remoteIp is the client as proxies report it; peerIp is who actually connected.
  Bindings: { remoteIp: string | null; peerIp: string | null; server: Server<CableData> | undefined };
  Variables: {
    services: Services;
    browserSession: BrowserSession;
    csrfToken: string;
    session: Session | null;
    user: User | null;
  };
}
