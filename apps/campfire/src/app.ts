import { httpMetrics, type Logger, MemoryRateLimiter, type RateLimiter } from "@rt/kit";
import { type Bus, MemoryBus } from "@rt/realtime";
import type { Server, WebSocketHandler } from "bun";
import { Hono } from "hono";
import packageJson from "../package.json" with { type: "json" };
import { BotWebhooks } from "./bots/dispatcher.ts";
import { busBroadcaster } from "./channels/broadcaster.ts";
import { type CableData, createCable } from "./channels/cable.ts";
import { resetConnections } from "./channels/presence.ts";
import { deriveKey, secretKeyBaseFor } from "./config.ts";
import { openDatabase } from "./db/database.ts";
import { resumeSession } from "./http/authentication.ts";
import { blockBannedRequests } from "./http/block-banned-requests.ts";
import { browserGate } from "./http/browser-gate.ts";
import { browserSession } from "./http/browser-session.ts";
import { csrfProtection } from "./http/csrf.ts";
import type { AppEnv, Services } from "./http/env.ts";
import { overrideMethod } from "./http/method-override.ts";
import { SignInThrottle } from "./http/rate-limit.ts";
import { remoteIp } from "./http/remote-ip.ts";
import { renderPage } from "./http/render.ts";
import { securityHeaders } from "./http/security-headers.ts";
import { connectBroadcaster } from "./models/broadcaster.ts";
import { type PasswordPolicy, productionPasswords } from "./models/password.ts";
import { connectPushNotifier } from "./models/push-port.ts";
import { connectSigningKey } from "./models/signed-ids.ts";
import { campfireMetrics, countingPosts } from "./operations/metrics.ts";
import { vapidKeysFor } from "./push/vapid.ts";
import { WebPushSender } from "./push/web-push-sender.ts";
import { accountRoutes } from "./routes/account.ts";
import { accountLogoRoutes } from "./routes/account-logo.ts";
import { accountUserRoutes } from "./routes/account-users.ts";
import { assetRoutes } from "./routes/assets.ts";
import { attachmentRoutes } from "./routes/attachments.ts";
import { autocompleteRoutes } from "./routes/autocomplete.ts";
import { avatarRoutes } from "./routes/avatars.ts";
import { banRoutes } from "./routes/bans.ts";
import { boostRoutes } from "./routes/boosts.ts";
import { botApiRoutes } from "./routes/bot-api.ts";
import { botRoutes } from "./routes/bots.ts";
import { cableRoutes } from "./routes/cable.ts";
import { customStyleRoutes } from "./routes/custom-styles.ts";
import { directRoutes } from "./routes/directs.ts";
import { firstRunRoutes } from "./routes/first-run.ts";
import { healthRoutes } from "./routes/health.ts";
import { involvementRoutes } from "./routes/involvements.ts";
import { joinRoutes } from "./routes/join.ts";
import { messageRoutes } from "./routes/messages.ts";
import { metricsRoutes } from "./routes/metrics.ts";
import { profileRoutes } from "./routes/profile.ts";
import { pushSubscriptionRoutes } from "./routes/push-subscriptions.ts";
import { pwaRoutes } from "./routes/pwa.ts";
import { qrCodeRoutes } from "./routes/qr-code.ts";
import { roomRoutes } from "./routes/rooms.ts";
import { searchRoutes } from "./routes/searches.ts";
import { sessionRoutes } from "./routes/sessions.ts";
import { sharedRoomRoutes } from "./routes/shared-rooms.ts";
import { sidebarRoutes } from "./routes/sidebar.ts";
import { transferRoutes } from "./routes/transfers.ts";
import { unfurlRoutes } from "./routes/unfurl.ts";
import { userRoutes } from "./routes/users.ts";
import { welcomeRoutes } from "./routes/welcome.ts";
import { FileStore } from "./uploads/file-store.ts";
import { notFoundPage } from "./views/not-found.ts";

export interface CampfireOptions {
  dbPath: string;
  secretKeyBase?: string;
  // bcrypt cost; tests lower it, production keeps the original's 12.
  passwords?: PasswordPolicy;
  version?: string;
  revision?: string;
  // Carries live updates between instances: a RedisBus when several share the database. The caller
  // owns a bus it passes in; without one the app makes (and closes) its own MemoryBus.
  bus?: Bus;
  // Counts sign-in attempts; a RedisRateLimiter when several instances serve the same people.
  rateLimiter?: RateLimiter;
  // Bot webhooks may reach loopback and private addresses (tests; operators with internal bots).
  // Off by default: a webhook URL can't be used to probe the server's own network.
  webhooksMayReachPrivateNetwork?: boolean;
  // How long a bot has to answer (the original's 7 s); tests shorten it.
  webhookTimeoutMs?: number;
  // Web Push endpoints may be loopback/private (tests run a local push service).
  pushMayReachPrivateNetwork?: boolean;
  // Link previews may fetch loopback/private pages (tests serve their pages on loopback). Off by
  // default: any member can paste a link, so it must not become a probe of the server's network.
  unfurlMayReachPrivateNetwork?: boolean;
  // Bounds on one unfurl (defaults 5 s and 5 MB); tests shrink them.
  unfurlTimeoutMs?: number;
  unfurlMaxBytes?: number;
  // Reports failed unfurls (the console without one); tests pass a quiet one.
  unfurlLogger?: Pick<Logger, "warn">;
  // METRICS_TOKEN: a bearer token that opens /metrics to scrapers elsewhere (loopback needs none).
  metricsToken?: string;
  // VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY / VAPID_SUBJECT; otherwise generated beside the database.
  env?: Record<string, string | undefined>;
}

export interface Campfire {
  fetch(request: Request, server?: Server<CableData>): Promise<Response>;
  // Pass to Bun.serve alongside fetch: the /cable socket lives here.
  websocket: WebSocketHandler<CableData>;
  // Shutdown, before close: tells every open page this instance is going away.
  disconnectSockets(): void;
  close(): Promise<void>;
}

export function createCampfire(options: CampfireOptions): Campfire {
  const db = openDatabase(options.dbPath);
  const secretKeyBase = secretKeyBaseFor(options.dbPath, options.secretKeyBase);
  const bus = options.bus ?? new MemoryBus();
  const cable = createCable(db, bus);
  const { metrics, messagesPosted } = campfireMetrics(() => cable.hub.connections);
  connectBroadcaster(db, countingPosts(busBroadcaster(bus), messagesPosted));
  connectSigningKey(db, deriveKey(secretKeyBase, "signed id"));
  resetConnections(db);
  const files = FileStore.besideDatabase(options.dbPath);
  const vapid = vapidKeysFor(options.dbPath, options.env);
  const pushSender = new WebPushSender(db, {
    vapid,
    allowPrivate: options.pushMayReachPrivateNetwork === true,
  });
  connectPushNotifier(db, pushSender);
  const services: Services = {
    db,
    passwords: options.passwords ?? productionPasswords,
    cookieSecret: deriveKey(secretKeyBase, "signed cookie"),
    signInLimiter: new SignInThrottle(options.rateLimiter ?? new MemoryRateLimiter()),
    cable,
    mentionKey: deriveKey(secretKeyBase, "mention sgid"),
    version: options.version ?? packageJson.version,
    revision: options.revision ?? "unknown",
    files,
    botWebhooks: new BotWebhooks({
      allowPrivate: options.webhooksMayReachPrivateNetwork === true,
      timeoutMs: options.webhookTimeoutMs,
      files,
    }),
    push: { vapidPublicKey: vapid.publicKey, sender: pushSender },
    unfurl: {
      allowPrivate: options.unfurlMayReachPrivateNetwork === true,
      timeoutMs: options.unfurlTimeoutMs,
      maxBytes: options.unfurlMaxBytes,
      logger: options.unfurlLogger,
    },
    metrics,
    metricsToken: options.metricsToken || undefined,
  };

  const app = new Hono<AppEnv>();
  app.use(httpMetrics(metrics));
  app.use(async (c, next) => {
    c.set("services", services);
    await next();
  });
  app.use(securityHeaders, blockBannedRequests, browserSession, csrfProtection, resumeSession, browserGate);
  for (const routes of [
    healthRoutes,
    metricsRoutes,
    assetRoutes,
    firstRunRoutes,
    sessionRoutes,
    joinRoutes,
    welcomeRoutes,
    accountRoutes,
    cableRoutes,
    sidebarRoutes,
    autocompleteRoutes,
    boostRoutes,
    searchRoutes,
    profileRoutes,
    avatarRoutes,
    userRoutes,
    transferRoutes,
    qrCodeRoutes,
    accountUserRoutes,
    accountLogoRoutes,
    customStyleRoutes,
    banRoutes,
    botRoutes,
    pushSubscriptionRoutes,
    pwaRoutes,
    unfurlRoutes,
  ]) {
    app.route("/", routes);
  }
  // Fixed paths before `/rooms/:id`-style ones.
  app.route("/", botApiRoutes);
  app.route("/", attachmentRoutes);
  app.route("/", directRoutes);
  app.route("/", sharedRoomRoutes);
  app.route("/", involvementRoutes);
  app.route("/", roomRoutes);
  app.route("/", messageRoutes);
  app.notFound((c) => renderPage(c, { title: "Not found", body: notFoundPage() }, 404));
  app.onError((error, c) => {
    console.error(error);
    return c.text("We're sorry, but something went wrong.", 500);
  });

  return {
    async fetch(request, server) {
      const peer = server?.requestIP(request)?.address ?? null;
      const ip = remoteIp(peer, request.headers.get("x-forwarded-for"));
      return app.fetch(await overrideMethod(request), { remoteIp: ip, peerIp: peer, server });
    },
    websocket: cable.hub.websocket,
    // 1001 "going away": the page's socket reconnects (with back-off) rather than giving up.
    disconnectSockets: () => cable.disconnectAll(1001, "server shutting down"),
    async close() {
      await services.botWebhooks.drain();
      await pushSender.drain();
      await cable.close();
      if (!options.bus) await bus.close();
      db.close();
    },
  };
}
