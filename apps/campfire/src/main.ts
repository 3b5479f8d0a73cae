import { createLogger, createShutdown, env, loadConfig, RedisRateLimiter } from "@rt/kit";
import { RedisBus } from "@rt/realtime";
import Redis from "ioredis";
import { z } from "zod";
import { createCampfire } from "./app.ts";
import type { CableData } from "./channels/cable.ts";
import { planShutdown } from "./operations/shutdown.ts";

// Serves Campfire on PORT (the original's 3000) with its data in ./data/campfire.db. The environment
// is read once, here; a bad value stops the start with every problem named.
const config = loadConfig(
  z.object({
    PORT: env.port().default(3000),
    CAMPFIRE_DB_PATH: env.string().default("./data/campfire.db"),
    REDIS_URL: env.url({ protocols: ["redis", "rediss"] }).optional(),
    SECRET_KEY_BASE: env.string().optional(),
    APP_VERSION: env.string().optional(),
    GIT_REVISION: env.string().optional(),
    // Operators whose bots live on their own network say so explicitly; otherwise the guard refuses.
    CAMPFIRE_WEBHOOKS_ALLOW_PRIVATE: env.boolean().default(false),
    METRICS_TOKEN: env.string().optional(),
    // A deploy waits at most this long for a stopping instance before it is forced out.
    SHUTDOWN_DEADLINE: env.duration().default(10_000),
  }),
);
const logger = createLogger({ fields: { app: "campfire" } });

// Several instances sharing one database share live updates through Redis; alone, memory will do.
const bus = config.REDIS_URL ? new RedisBus({ url: config.REDIS_URL, prefix: "campfire:" }) : undefined;
// ...and their sign-in throttle, so an attacker gains nothing by spreading attempts across them.
const redis = config.REDIS_URL ? new Redis(config.REDIS_URL) : undefined;
const rateLimiter = redis ? new RedisRateLimiter(redis, { prefix: "campfire:rl:" }) : undefined;

const campfire = createCampfire({
  dbPath: config.CAMPFIRE_DB_PATH,
  bus,
  rateLimiter,
  secretKeyBase: config.SECRET_KEY_BASE,
  version: config.APP_VERSION,
  revision: config.GIT_REVISION,
  webhooksMayReachPrivateNetwork: config.CAMPFIRE_WEBHOOKS_ALLOW_PRIVATE,
  metricsToken: config.METRICS_TOKEN,
});

const server = Bun.serve<CableData>({
  port: config.PORT,
  fetch: (request, server) => campfire.fetch(request, server),
  websocket: campfire.websocket,
});
logger.info("listening", { url: `http://localhost:${server.port}` });

const shutdown = createShutdown({ logger, deadlineMs: config.SHUTDOWN_DEADLINE });
planShutdown(shutdown, { server, campfire, bus, redis });
shutdown.installSignalHandlers();
