/**
 * The config file's keys (config-cli.md §1.3), validated once at start-up. Unknown keys are
 * ignored as the original ignores them; a wrong value fails start with a message naming its key.
 */
import { z } from "zod";
import { cleanupRuleSchema } from "../../core/cleanup.ts";
import { webhookConfigSchema, webhookRetrySchema } from "../../core/webhook-config.ts";
import { JWT_ALGORITHMS } from "../../server/auth/context.ts";

const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;

const adapterSchema = z.object({ provider: z.string(), url: z.string().optional() });
const positiveInt = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const configSchema = z.object({
  port: z.number().int().min(0).max(65_535).optional(),
  logLevel: z.enum(LOG_LEVELS).optional(),
  adminApi: z.boolean().optional(),
  adminToken: z.string().optional(),
  auth: z
    .object({
      mode: z.enum(["none", "jwt", "custom"]).optional(),
      jwt: z
        .object({
          algorithm: z.enum(JWT_ALGORITHMS).optional(),
          secret: z.string().optional(),
          publicKey: z.string().optional(),
          publicKeyFile: z.string().optional(),
          issuer: z.string().optional(),
          audience: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  trustedServices: z
    .array(
      z.object({
        name: z.string(),
        key: z.string(),
        taskIds: z.union([z.literal("*"), z.array(z.string())]).optional(),
        scope: z.array(z.string()),
      }),
    )
    .optional(),
  adapters: z
    .object({
      broadcast: adapterSchema.optional(),
      shortTermStore: adapterSchema.optional(),
      longTermStore: adapterSchema.optional(),
    })
    .optional(),
  /** Ours: `GET /metrics` (Prometheus); on unless `enabled: false`. */
  metrics: z.object({ enabled: z.boolean().optional() }).optional(),
  // Library hooks in the original; accepted so configs written for it still load.
  sentry: z.record(z.string(), z.unknown()).optional(),
  webhook: z
    .object({
      defaultRetry: webhookRetrySchema.partial().optional(),
      /** Ours: lets webhooks reach loopback and private addresses (an operator's own hooks, tests). */
      allowPrivateTargets: z.boolean().optional(),
    })
    .optional(),
  /** Ours: subscriptions for every task of this server, same shape as a task's `webhooks`. */
  webhooks: z.array(webhookConfigSchema).optional(),
  cleanup: z.object({ rules: z.array(cleanupRuleSchema) }).optional(),
  workers: z
    .object({
      enabled: z.boolean().optional(),
      defaults: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  storageLifecycle: z
    .object({
      hotRetentionEnabled: z.boolean().optional(),
      hotRetentionTerminalSeconds: positiveInt.optional(),
      hotRetentionIdleSeconds: positiveInt.optional(),
      rehydrateReplayEvents: positiveInt.optional(),
      storageLockTtlSeconds: positiveInt.optional(),
      ttlSweepIntervalSeconds: positiveInt.optional(),
      ttlSweepBatchSize: positiveInt.optional(),
    })
    .optional(),
});

export type TaskcastConfig = z.output<typeof configSchema>;

export class ConfigFileError extends Error {
  override readonly name = "ConfigFileError";
}

/** Parses a loaded file; throws `Invalid config: <key>: <what was expected>; ...`. */
export function parseConfig(raw: unknown): TaskcastConfig {
  if (raw === undefined || raw === null) return {};
  const parsed = configSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${keyOf(issue.path)}: ${expectation(issue)}`);
  throw new ConfigFileError(`Invalid config: ${problems.join("; ")}`);
}

function keyOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(file)";
  return path
    .map((part) => (typeof part === "number" ? `[${part}]` : String(part)))
    .join(".")
    .replaceAll(".[", "[");
}

const ARTICLE: Record<string, string> = { object: "an object", array: "an array", int: "an integer" };

function expectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return `expected ${ARTICLE[issue.expected] ?? `a ${issue.expected}`}`;
    case "invalid_value":
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
    case "too_small":
      if (issue.minimum === 0) return `expected a ${issue.inclusive ? "non-negative" : "positive"} number`;
      return `expected at least ${issue.minimum}`;
    case "too_big":
      return `expected at most ${issue.maximum}`;
    case "invalid_union":
      return 'expected a string array or "*"';
    default:
      return issue.message;
  }
}
