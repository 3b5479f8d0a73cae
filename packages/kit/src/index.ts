export { assertPublicUrl, BlockedAddressError, isPrivateAddress, type Resolver } from "./address-guard.ts";
export { type CreateAppOptions, createApp, type KitEnv, type KitVariables } from "./app.ts";
export { type BackoffKind, type BackoffPolicy, backoffDelay, sleep } from "./backoff.ts";
export { parseJson } from "./body.ts";
export { clientIp, peerAddress, type TrustedProxies, trustedProxies } from "./client-ip.ts";
export { ConfigError, type ConfigIssue, type Env, env, loadConfig } from "./config.ts";
export { parseDuration } from "./duration.ts";
export {
  AppError,
  type AppErrorOptions,
  defaultErrorMapper,
  type ErrorKind,
  type ErrorMapper,
  statusOfKind,
  toAppError,
} from "./errors.ts";
export {
  type Fetch,
  type GuardedFetchOptions,
  guardedFetch,
  UnsupportedUrlError,
} from "./guarded-fetch.ts";
export {
  checkHealth,
  type HealthCheck,
  type HealthOptions,
  type HealthReport,
  healthHandler,
} from "./health.ts";
export { type HttpMetricsOptions, httpMetrics } from "./http-metrics.ts";
export { type Cidr, cidrContains, type IpAddress, parseCidr, parseIp } from "./ip.ts";
export {
  createLogger,
  defaultLogLevel,
  type LogFields,
  type Logger,
  type LoggerOptions,
  type LogLevel,
  type LogSink,
  logLevels,
  memorySink,
  stdoutSink,
} from "./logger.ts";
export { MemoryRateLimiter, type MemoryRateLimiterOptions } from "./memory-rate-limiter.ts";
export {
  type Counter,
  type Gauge,
  type GaugeSpec,
  type Histogram,
  type HistogramSpec,
  Metrics,
  type MetricsOptions,
  metricsHandler,
} from "./metrics.ts";
export { type RateLimitOptions, rateLimit } from "./rate-limit-middleware.ts";
export type { RateLimiter, RateLimitResult } from "./rate-limiter.ts";
export { RedisRateLimiter, type RedisRateLimiterOptions } from "./redis-rate-limiter.ts";
export { requestIdFor, requestIdHeader } from "./request-id.ts";
export {
  type Closer,
  createShutdown,
  type Shutdown,
  type ShutdownOptions,
  type ShutdownReport,
} from "./shutdown.ts";
export {
  deliverWebhook,
  type RetryPolicy,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookResponse,
  type WebhookResult,
} from "./webhook.ts";
export { formatSignature, type SignatureFormat, signBody, verifySignature } from "./webhook-signature.ts";
