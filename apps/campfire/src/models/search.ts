import { toDbTime } from "../db/time.ts";
import type { User } from "./user.ts";

// Search::RECENT: how many of a person's queries are remembered.
export const RECENT_SEARCHES = 10;

// A person's recent search queries (features.md §16): recording a query again moves it to the front,
// and only the ten most recent are kept.
export const searches = {
  record(user: User, query: string): void {
    const now = toDbTime(new Date());
    const touched = user.db.run("UPDATE searches SET updated_at = ? WHERE user_id = ? AND query = ?", [
      now,
      user.id,
      query,
    ]);
    if (touched.changes > 0) return;
    user.db.run("INSERT INTO searches (user_id, query, created_at, updated_at) VALUES (?, ?, ?, ?)", [
      user.id,
      query,
      now,
      now,
    ]);
    user.db.run(
      `DELETE FROM searches WHERE user_id = ?1 AND id NOT IN
         (SELECT id FROM searches WHERE user_id = ?1 ORDER BY updated_at DESC, id DESC LIMIT ?2)`,
      [user.id, RECENT_SEARCHES],
    );
  },

  recentFor(user: User): string[] {
    return user.db
      .query<{ query: string }, [number, number]>(
        "SELECT query FROM searches WHERE user_id = ? ORDER BY updated_at DESC, id DESC LIMIT ?",
      )
      .all(user.id, RECENT_SEARCHES)
      .map((row) => row.query);
  },

  clear(user: User): void {
    user.db.run("DELETE FROM searches WHERE user_id = ?", [user.id]);
  },
};
