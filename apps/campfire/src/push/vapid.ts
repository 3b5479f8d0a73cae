import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import webPush from "web-push";
import { z } from "zod";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

const keysSchema = z.object({ publicKey: z.string().min(40), privateKey: z.string().min(20) });

// VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY, or a pair generated once and kept beside the database (mode
// 600), so browsers' subscriptions keep working across restarts. Changing the pair invalidates them.
export function vapidKeysFor(
  dbPath: string,
  env: Record<string, string | undefined> = process.env,
): VapidKeys {
  const subject = env.VAPID_SUBJECT ?? "mailto:support@example.com";
  if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY) {
    return { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject };
  }
  if (dbPath === ":memory:") return { ...webPush.generateVAPIDKeys(), subject };
  const file = join(dirname(dbPath), "vapid_keys.json");
  if (existsSync(file)) {
    const stored = keysSchema.parse(JSON.parse(readFileSync(file, "utf8")));
    return { ...stored, subject };
  }
  const generated = webPush.generateVAPIDKeys();
  writeFileSync(file, JSON.stringify(generated), { mode: 0o600, flag: "wx" });
  return { ...generated, subject };
}
