import { isPrivateAddress } from "@rt/kit";
import { inTransaction } from "../db/database.ts";
import { toDbTime } from "../db/time.ts";
import { broadcastsFor } from "./broadcaster.ts";
import { Message } from "./message.ts";
import { STATUSES, type User } from "./user.ts";

// `User::Bannable` (features.md §4.6): every public address the person signed in from is blocked
// for changes, they are signed out everywhere, their open pages are closed and everything they wrote
// is deleted (live, for everyone looking). Loopback and private addresses are skipped rather than
// refused, so banning works behind a reverse proxy on a LAN (security.md §4 suggests this).
export function ban(user: User): void {
  const now = toDbTime(new Date());
  const addresses = user.db
    .query<{ ip_address: string }, [number]>(
      "SELECT DISTINCT ip_address FROM sessions WHERE user_id = ? AND ip_address IS NOT NULL AND ip_address != ''",
    )
    .all(user.id)
    .map((row) => row.ip_address)
    .filter((address) => !isPrivateAddress(address));
  inTransaction(user.db, () => {
    for (const address of addresses) {
      user.db.run("INSERT INTO bans (user_id, ip_address, created_at, updated_at) VALUES (?, ?, ?, ?)", [
        user.id,
        address,
        now,
        now,
      ]);
    }
    user.db.run("DELETE FROM sessions WHERE user_id = ?", [user.id]);
    user.db.run("UPDATE users SET status = ?, updated_at = ? WHERE id = ?", [STATUSES.banned, now, user.id]);
  });
  broadcastsFor(user.db).connectionsClosed(user.id);
  removeBannedContent(user);
}

// RemoveBannedContentJob, run straight away: each message goes the usual way, so rooms see it vanish.
function removeBannedContent(user: User): void {
  const ids = user.db
    .query<{ id: number }, [number]>("SELECT id FROM messages WHERE creator_id = ?")
    .all(user.id);
  for (const { id } of ids) Message.find(user.db, id)?.destroy();
}

// Deleted messages are not restored; memberships were never touched by the ban.
export function unban(user: User): void {
  inTransaction(user.db, () => {
    user.db.run("DELETE FROM bans WHERE user_id = ?", [user.id]);
    user.db.run("UPDATE users SET status = ?, updated_at = ? WHERE id = ?", [
      STATUSES.active,
      toDbTime(new Date()),
      user.id,
    ]);
  });
}
