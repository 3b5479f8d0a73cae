import { type Db, inTransaction } from "../db/database.ts";
import { toDbTime } from "../db/time.ts";
import { hashPassword, type PasswordPolicy, verifyAgainstDecoy, verifyPassword } from "./password.ts";
import { grantOpenRoomsTo } from "./rooms/open.ts";

// Integer enums as stored by the original (data.md: users.role and users.status).
export const ROLES = { member: 0, administrator: 1, bot: 2 } as const;
export const STATUSES = { active: 0, deactivated: 1, banned: 2 } as const;
export type Role = keyof typeof ROLES;
export type Status = keyof typeof STATUSES;

// User::Transferable: a sign-in link for another device works for four hours.
export const TRANSFER_LINK_EXPIRY_MS = 4 * 60 * 60 * 1000;

export interface UserRow {
  id: number;
  name: string;
  email_address: string | null;
  password_digest: string | null;
  role: number;
  status: number;
  bio: string | null;
  bot_token: string | null;
  created_at: string;
  updated_at: string;
}

export interface NewUser {
  name: string;
  emailAddress: string;
  password: string;
  role?: Role;
}

export class User {
  private avatarAttached: boolean | undefined;

  constructor(
    readonly db: Db,
    private row: UserRow,
  ) {}

  static find(db: Db, id: number): User | null {
    const row = db.query<UserRow, [number]>("SELECT * FROM users WHERE id = ?").get(id);
    return row ? new User(db, row) : null;
  }

  static findAll(db: Db, ids: readonly number[]): User[] {
    if (ids.length === 0) return [];
    const placeholders = ids.map(() => "?").join(", ");
    return db
      .query<UserRow, number[]>(`SELECT * FROM users WHERE id IN (${placeholders}) ORDER BY id`)
      .all(...ids)
      .map((row) => new User(db, row));
  }

  static any(db: Db): boolean {
    return db.query("SELECT 1 FROM users LIMIT 1").get() !== null;
  }

  static active(db: Db): User[] {
    return db
      .query<UserRow, [number]>("SELECT * FROM users WHERE status = ? ORDER BY id")
      .all(STATUSES.active)
      .map((row) => new User(db, row));
  }

  // Inserts the row and, like the original's after-create callback, a membership in every open room.
  // Throws a UNIQUE violation for a taken email address.
  static async create(db: Db, attributes: NewUser, passwords: PasswordPolicy): Promise<User> {
    const digest = await hashPassword(attributes.password, passwords);
    return inTransaction(db, () => User.insert(db, attributes, digest));
  }

  // For callers already inside a transaction, with the password hashed beforehand (hashing is slow and
  // must not hold the write lock).
  static insert(db: Db, attributes: NewUser, passwordDigest: string): User {
    const now = toDbTime(new Date());
    const row = db
      .query<UserRow, [string, string, string, number, string, string]>(
        `INSERT INTO users (name, email_address, password_digest, role, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING *`,
      )
      .get(
        attributes.name,
        attributes.emailAddress,
        passwordDigest,
        ROLES[attributes.role ?? "member"],
        now,
        now,
      );
    const user = new User(db, row!);
    grantOpenRoomsTo(db, user);
    return user;
  }

  // `User.active.authenticate_by`: deactivated and banned people and bots (no digest) never sign in.
  static async authenticateBy(
    db: Db,
    credentials: { emailAddress: string; password: string },
    passwords: PasswordPolicy,
  ): Promise<User | null> {
    const row = db
      .query<UserRow, [string, number]>("SELECT * FROM users WHERE email_address = ? AND status = ?")
      .get(credentials.emailAddress, STATUSES.active);
    if (!row) return verifyAgainstDecoy(credentials.password, passwords).then(() => null);
    return (await verifyPassword(credentials.password, row.password_digest)) ? new User(db, row) : null;
  }

  get id(): number {
    return this.row.id;
  }

  get name(): string {
    return this.row.name;
  }

  get emailAddress(): string | null {
    return this.row.email_address;
  }

  get bio(): string | null {
    return this.row.bio;
  }

  get role(): Role {
    return roleNamed(this.row.role);
  }

  get status(): Status {
    return statusNamed(this.row.status);
  }

  get isAdministrator(): boolean {
    return this.role === "administrator";
  }

  get isBot(): boolean {
    return this.role === "bot";
  }

  get isActive(): boolean {
    return this.status === "active";
  }

  get updatedAt(): string {
    return this.row.updated_at;
  }

  get botToken(): string | null {
    return this.row.bot_token;
  }

  // Whether an avatar image is attached (it may still fail to process; the avatar route falls back).
  get hasAvatar(): boolean {
    this.avatarAttached ??=
      this.db
        .query(
          "SELECT 1 FROM active_storage_attachments WHERE record_type = 'User' AND record_id = ? AND name = 'avatar'",
        )
        .get(this.row.id) !== null;
    return this.avatarAttached;
  }

  // Changing anything shown about a person moves `updated_at`, the avatar URLs' cache-buster.
  touch(): void {
    this.row = this.db
      .query<UserRow, [string, number]>("UPDATE users SET updated_at = ? WHERE id = ? RETURNING *")
      .get(toDbTime(new Date()), this.row.id)!;
    this.avatarAttached = undefined;
  }

  // Administrators toggle people between member and administrator; a bot stays a bot.
  changeRoleTo(role: "member" | "administrator"): void {
    if (this.isBot) return;
    this.row = this.db
      .query<UserRow, [number, string, number]>(
        "UPDATE users SET role = ?, updated_at = ? WHERE id = ? RETURNING *",
      )
      .get(ROLES[role], toDbTime(new Date()), this.row.id)!;
  }

  reload(): User {
    return User.find(this.db, this.row.id) ?? this;
  }

  // "Name – bio", the tooltip on author names.
  get title(): string {
    return this.row.bio ? `${this.row.name} – ${this.row.bio}` : this.row.name;
  }

  get firstName(): string {
    return this.row.name.split(/\s+/)[0] ?? this.row.name;
  }

  // `can_administer?(record)`: administrators, or the record's own creator.
  canAdminister(record?: { creatorId: number }): boolean {
    return this.isAdministrator || record?.creatorId === this.id;
  }
}

function roleNamed(value: number): Role {
  return value === ROLES.administrator ? "administrator" : value === ROLES.bot ? "bot" : "member";
}

function statusNamed(value: number): Status {
  return value === STATUSES.deactivated ? "deactivated" : value === STATUSES.banned ? "banned" : "active";
}
