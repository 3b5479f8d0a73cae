/**
 * The Hono app every server starts from: request id, access log at debug, one error mapper.
 */
import { Hono } from "hono";
import { AppError, defaultErrorMapper, type ErrorMapper, toAppError } from "./errors.ts";
import type { Logger } from "./logger.ts";
import { requestIdFor, requestIdHeader } from "./request-id.ts";

/** Variables the factory puts on every request's context; extend them in the app's own Env. */
export interface KitVariables {
  requestId: string;
  /** The app logger bound to this request's id. */
  log: Logger;
}

export interface KitEnv {
  Variables: KitVariables;
}

export interface CreateAppOptions {
  name: string;
  logger: Logger;
  errorMapper?: ErrorMapper;
}

export function createApp<E extends KitEnv = KitEnv>(options: CreateAppOptions): Hono<E> {
  const logger = options.logger.child({ app: options.name });
  const mapError = options.errorMapper ?? defaultErrorMapper;
  const app = new Hono<KitEnv>();

  app.use(async (c, next) => {
    const started = performance.now();
    const requestId = requestIdFor(c.req.header(requestIdHeader));
    const log = logger.child({ requestId });
    c.set("requestId", requestId);
    c.set("log", log);
    await next();
    c.res.headers.set(requestIdHeader, requestId);
    if (log.enabled("debug")) {
      log.debug("request", {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
      });
    }
  });

  app.onError(async (thrown, c) => {
    const error = toAppError(thrown);
    const log = c.get("log") ?? logger;
    if (error.kind === "internal") {
      log.error("unhandled error", { method: c.req.method, path: c.req.path, error: thrown });
    }
    const response = await mapError(error, c);
    for (const [name, value] of Object.entries(error.headers)) response.headers.set(name, value);
    return response;
  });

  app.notFound((c) => mapError(new AppError("not_found", "Not Found"), c));

  // The factory only sets the variables declared in KitEnv, which every E extends.
  return app as unknown as Hono<E>;
}
