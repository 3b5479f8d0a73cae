import type { Db } from "../db/database.ts";
import { fromDbTime, toDbTime } from "../db/time.ts";
import { secureToken } from "./secure-random.ts";
import { User } from "./user.ts";

interface SessionRow {
  id: number;
  user_id: number;
  token: string;
  ip_address: string | null;
  user_agent: string | null;
  last_active_at: string;
  created_at: string;
  updated_at: string;
}

export interface Client {
  userAgent: string | null;
  ipAddress: string | null;
}

// Session::ACTIVITY_REFRESH_RATE: activity, IP and browser are rewritten at most hourly.
const ACTIVITY_REFRESH_MS = 60 * 60 * 1000;

// A signed-in browser. Sessions never expire; they end on sign-out, deactivation or ban.
export class Session {
  private constructor(
    private readonly db: Db,
    private row: SessionRow,
  ) {}

  static start(db: Db, user: User, client: Client): Session {
    const now = toDbTime(new Date());
    const row = db
      .query<SessionRow, [number, string, string | null, string | null, string, string, string]>(
        `INSERT INTO sessions (user_id, token, ip_address, user_agent, last_active_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING *`,
      )
      .get(user.id, secureToken(), client.ipAddress, client.userAgent, now, now, now);
    return new Session(db, row!);
  }

  static findByToken(db: Db, token: string): Session | null {
    const row = db.query<SessionRow, [string]>("SELECT * FROM sessions WHERE token = ?").get(token);
    return row ? new Session(db, row) : null;
  }

  get token(): string {
    return this.row.token;
  }

  get userId(): number {
    return this.row.user_id;
  }

  get ipAddress(): string | null {
    return this.row.ip_address;
  }

  get user(): User | null {
    return User.find(this.db, this.row.user_id);
  }

  // Returns whether the activity was refreshed (so the caller can renew the cookie alongside).
  resume(client: Client, now: Date = new Date()): boolean {
    if (now.getTime() - fromDbTime(this.row.last_active_at).getTime() < ACTIVITY_REFRESH_MS) return false;
    const at = toDbTime(now);
    this.row = this.db
      .query<SessionRow, [string | null, string | null, string, string, number]>(
        `UPDATE sessions SET ip_address = ?1, user_agent = ?2, last_active_at = ?3, updated_at = ?4
         WHERE id = ?5 RETURNING *`,
      )
      .get(client.ipAddress, client.userAgent, at, at, this.row.id)!;
    return true;
  }

  end(): void {
    this.db.run("DELETE FROM sessions WHERE id = ?", [this.row.id]);
  }
}
