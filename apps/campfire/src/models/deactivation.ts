import { inTransaction } from "../db/database.ts";
import { toDbTime } from "../db/time.ts";
import { broadcastsFor } from "./broadcaster.ts";
import { STATUSES, type User } from "./user.ts";

// `User#deactivate` (features.md §4.5): the person leaves every room but their Pings, loses their
// browsers (sessions, push subscriptions), searches and open pages, and their email address is freed
// for a new sign-up. Their messages stay. There is no undo in the product.
export function deactivate(user: User): void {
  inTransaction(user.db, () => {
    user.db.run(
      `DELETE FROM memberships WHERE user_id = ? AND room_id NOT IN
         (SELECT id FROM rooms WHERE type = 'Rooms::Direct')`,
      [user.id],
    );
    for (const table of ["push_subscriptions", "searches", "sessions"]) {
      user.db.run(`DELETE FROM ${table} WHERE user_id = ?`, [user.id]);
    }
    user.db.run("UPDATE users SET status = ?, email_address = ?, updated_at = ? WHERE id = ?", [
      STATUSES.deactivated,
      deactivatedEmailFor(user.emailAddress),
      toDbTime(new Date()),
      user.id,
    ]);
  });
  broadcastsFor(user.db).connectionsClosed(user.id);
}

// `david@example.com` → `david-deactivated-<uuid>@example.com`; bots have no address.
export function deactivatedEmailFor(email: string | null): string | null {
  if (!email) return null;
  const at = email.lastIndexOf("@");
  const [local, domain] = at < 0 ? [email, ""] : [email.slice(0, at), email.slice(at)];
  return `${local}-deactivated-${crypto.randomUUID()}${domain}`;
}
