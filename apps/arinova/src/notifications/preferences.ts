/** Per-user push preferences (rest.md §11); defaults apply until the user saves some. */
import { eq } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { notificationPreferences } from "../db/schema/index.ts";

export interface Preferences {
  globalEnabled: boolean;
  messageEnabled: boolean;
  playgroundInviteEnabled: boolean;
  playgroundTurnEnabled: boolean;
  playgroundResultEnabled: boolean;
  quietHoursStart: string | null;
  quietHoursEnd: string | null;
}

export const DEFAULT_PREFERENCES: Preferences = {
  globalEnabled: true,
  messageEnabled: true,
  playgroundInviteEnabled: true,
  playgroundTurnEnabled: true,
  playgroundResultEnabled: true,
  quietHoursStart: null,
  quietHoursEnd: null,
};

export async function readPreferences(db: Database, userId: string): Promise<Preferences> {
  const [row] = await db
    .select({
      globalEnabled: notificationPreferences.globalEnabled,
      messageEnabled: notificationPreferences.messageEnabled,
      playgroundInviteEnabled: notificationPreferences.playgroundInviteEnabled,
      playgroundTurnEnabled: notificationPreferences.playgroundTurnEnabled,
      playgroundResultEnabled: notificationPreferences.playgroundResultEnabled,
      quietHoursStart: notificationPreferences.quietHoursStart,
      quietHoursEnd: notificationPreferences.quietHoursEnd,
    })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  return row ?? DEFAULT_PREFERENCES;
}

export async function savePreferences(db: Database, userId: string, preferences: Preferences): Promise<void> {
  await db
    .insert(notificationPreferences)
    .values({ userId, ...preferences })
    .onConflictDoUpdate({ target: notificationPreferences.userId, set: preferences });
}

/** A first subscription gives the user a preferences row with every default. */
export async function ensurePreferences(db: Pick<Database, "insert">, userId: string): Promise<void> {
  await db.insert(notificationPreferences).values({ userId }).onConflictDoNothing();
}
