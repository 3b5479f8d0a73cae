import { type Db, inTransaction } from "../db/database.ts";
import { toDbTime } from "../db/time.ts";
import { grantOpenRoomsTo } from "./rooms/open.ts";
import { alphanumeric } from "./secure-random.ts";
import { ROLES, STATUSES, User, type UserRow } from "./user.ts";

// Bots (features.md §4.7, §15): users with role `bot`, no email or password, a 12-character token,
// and maybe a webhook URL they receive messages at. They join every open room like anyone else.
export const bots = {
  generateToken(): string {
    return alphanumeric(12);
  },

  create(db: Db, attributes: { name: string; webhookUrl: string | null }): User {
    const now = toDbTime(new Date());
    return inTransaction(db, () => {
      const row = db
        .query<UserRow, [string, number, string, string, string]>(
          `INSERT INTO users (name, role, bot_token, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING *`,
        )
        .get(attributes.name, ROLES.bot, bots.generateToken(), now, now)!;
      const bot = new User(db, row);
      grantOpenRoomsTo(db, bot);
      bots.setWebhook(bot, attributes.webhookUrl);
      return bot;
    });
  },

  active(db: Db): User[] {
    return db
      .query<UserRow, [number, number]>(
        "SELECT * FROM users WHERE role = ? AND status = ? ORDER BY lower(name), id",
      )
      .all(ROLES.bot, STATUSES.active)
      .map((row) => new User(db, row));
  },

  find(db: Db, id: number): User | null {
    const user = User.find(db, id);
    return user?.isBot && user.isActive ? user : null;
  },

  // `<bot user id>-<token>`: the credential in a bot's URLs.
  keyOf(bot: User): string {
    return `${bot.id}-${bot.botToken ?? ""}`;
  },

  // `User.authenticate_bot`: only active bots, and a human's id with an empty token never matches.
  authenticate(db: Db, key: string): User | null {
    const match = /^(\d+)-([A-Za-z0-9]{12})$/.exec(key);
    if (!match) return null;
    const row = db
      .query<UserRow, [number, string, number, number]>(
        "SELECT * FROM users WHERE id = ? AND bot_token = ? AND role = ? AND status = ?",
      )
      .get(Number(match[1]), match[2]!, ROLES.bot, STATUSES.active);
    return row ? new User(db, row) : null;
  },

  // Every usage of the old key stops working.
  resetKey(bot: User): void {
    bot.db.run("UPDATE users SET bot_token = ?, updated_at = ? WHERE id = ?", [
      bots.generateToken(),
      toDbTime(new Date()),
      bot.id,
    ]);
  },

  rename(bot: User, name: string): void {
    bot.db.run("UPDATE users SET name = ?, updated_at = ? WHERE id = ?", [
      name,
      toDbTime(new Date()),
      bot.id,
    ]);
  },

  webhookUrlOf(bot: User): string | null {
    return (
      bot.db.query<{ url: string | null }, [number]>("SELECT url FROM webhooks WHERE user_id = ?").get(bot.id)
        ?.url ?? null
    );
  },

  // One webhook per bot; a blank URL removes it.
  setWebhook(bot: User, url: string | null): void {
    bot.db.run("DELETE FROM webhooks WHERE user_id = ?", [bot.id]);
    if (!url) return;
    const now = toDbTime(new Date());
    bot.db.run("INSERT INTO webhooks (user_id, url, created_at, updated_at) VALUES (?, ?, ?, ?)", [
      bot.id,
      url,
      now,
      now,
    ]);
  },
};
