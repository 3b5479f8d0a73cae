import { type Db, inTransaction, isUniqueViolation } from "../db/database.ts";
import { Account } from "./account.ts";
import { hashPassword, type PasswordPolicy } from "./password.ts";
import { createOpenRoom } from "./rooms/open.ts";
import { User } from "./user.ts";

export const ACCOUNT_NAME = "Campfire";
export const FIRST_ROOM_NAME = "All Talk";

export interface FirstRunDetails {
  name: string;
  emailAddress: string;
  password: string;
}

// Setting up a fresh installation: the account, its first room "All Talk" and the first administrator.
export const firstRun = {
  isDone(db: Db): boolean {
    return Account.exists(db);
  },

  // Returns null when another first run got there first: the account is a singleton (unique
  // singleton_guard), so a concurrent setup fails its insert and its transaction rolls back whole.
  async create(db: Db, details: FirstRunDetails, passwords: PasswordPolicy): Promise<User | null> {
    const digest = await hashPassword(details.password, passwords);
    try {
      return inTransaction(db, () => {
        Account.create(db, ACCOUNT_NAME);
        const administrator = User.insert(db, { ...details, role: "administrator" }, digest);
        createOpenRoom(db, { name: FIRST_ROOM_NAME, creator: administrator });
        return administrator;
      });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  },
};
