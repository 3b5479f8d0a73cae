import type { Db } from "../db/database.ts";
import { ROLES, User, type UserRow } from "./user.ts";

// The first administrator is named on the sign-in and join pages as the person to ask for help.
export function administratorToContact(db: Db): User | null {
  const row = db
    .query<UserRow, [number]>("SELECT * FROM users WHERE role = ? ORDER BY id LIMIT 1")
    .get(ROLES.administrator);
  return row ? new User(db, row) : null;
}
