import type { Db } from "../db/database.ts";
import { ROLES, STATUSES, User, type UserRow } from "./user.ts";

// Accounts::UsersController: the people list pages 500 at a time.
export const PEOPLE_PAGE_SIZE = 500;

// Who the account page lists: people (never bots), administrators first; banned people only for
// administrators, deactivated people never.
export function peopleOnAccount(db: Db, options: { includeBanned: boolean; page: number }): User[] {
  const statuses = options.includeBanned ? [STATUSES.active, STATUSES.banned] : [STATUSES.active];
  return db
    .query<UserRow, [number, number, number, number, number]>(
      `SELECT * FROM users WHERE role != ?1 AND status IN (?2, ?3)
       ORDER BY role = ${ROLES.administrator} DESC, lower(name), id LIMIT ?4 OFFSET ?5`,
    )
    .all(
      ROLES.bot,
      statuses[0]!,
      statuses.at(-1)!,
      PEOPLE_PAGE_SIZE + 1,
      (Math.max(1, options.page) - 1) * PEOPLE_PAGE_SIZE,
    )
    .map((row) => new User(db, row));
}
