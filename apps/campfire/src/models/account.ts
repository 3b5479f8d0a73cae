import type { Db } from "../db/database.ts";
import { toDbTime } from "../db/time.ts";
import { alphanumeric } from "./secure-random.ts";

interface AccountRow {
  id: number;
  name: string;
  join_code: string;
  custom_styles: string | null;
  settings: string | null;
  updated_at: string;
}

export interface AccountSettings {
  restrictRoomCreationToAdministrators: boolean;
}

// The installation's one account (data.md: `singleton_guard` unique index allows a single row).
export class Account {
  private constructor(
    private readonly db: Db,
    private row: AccountRow,
  ) {}

  static current(db: Db): Account | null {
    const row = db.query<AccountRow, []>("SELECT * FROM accounts ORDER BY id LIMIT 1").get();
    return row ? new Account(db, row) : null;
  }

  static exists(db: Db): boolean {
    return db.query("SELECT 1 FROM accounts LIMIT 1").get() !== null;
  }

  // Throws a UNIQUE violation when another account already exists; first run relies on that.
  static create(db: Db, name: string): Account {
    const now = toDbTime(new Date());
    const row = db
      .query<AccountRow, [string, string, string, string]>(
        `INSERT INTO accounts (name, join_code, singleton_guard, settings, created_at, updated_at)
         VALUES (?1, ?2, 0, '{"restrict_room_creation_to_administrators":false}', ?3, ?4) RETURNING *`,
      )
      .get(name, Account.generateJoinCode(), now, now);
    return new Account(db, row!);
  }

  // 12 random alphanumerics shown in groups of four: XXXX-XXXX-XXXX.
  static generateJoinCode(): string {
    return alphanumeric(12).match(/.{4}/g)!.join("-");
  }

  get id(): number {
    return this.row.id;
  }

  get name(): string {
    return this.row.name;
  }

  get joinCode(): string {
    return this.row.join_code;
  }

  get updatedAt(): string {
    return this.row.updated_at;
  }

  get customStyles(): string | null {
    return this.row.custom_styles;
  }

  get settings(): AccountSettings {
    const parsed: unknown = this.row.settings ? JSON.parse(this.row.settings) : {};
    const flag =
      typeof parsed === "object" && parsed !== null && "restrict_room_creation_to_administrators" in parsed
        ? parsed.restrict_room_creation_to_administrators
        : false;
    // The original coerces the strings "true"/"false" that forms submit.
    return { restrictRoomCreationToAdministrators: flag === true || flag === "true" };
  }

  isJoinableWith(code: string): boolean {
    return code === this.row.join_code;
  }

  // Name and settings as the administrator's form sends them (`settings` is stored as JSON text).
  update(changes: { name: string; restrictRoomCreationToAdministrators: boolean }): void {
    const settings = JSON.stringify({
      restrict_room_creation_to_administrators: changes.restrictRoomCreationToAdministrators,
    });
    this.row = this.db
      .query<AccountRow, [string, string, string, number]>(
        "UPDATE accounts SET name = ?1, settings = ?2, updated_at = ?3 WHERE id = ?4 RETURNING *",
      )
      .get(changes.name, settings, toDbTime(new Date()), this.row.id)!;
  }

  // Stored verbatim; views/custom-styles.ts makes it safe to place inside <style>.
  updateCustomStyles(css: string): void {
    this.row = this.db
      .query<AccountRow, [string | null, string, number]>(
        "UPDATE accounts SET custom_styles = ?1, updated_at = ?2 WHERE id = ?3 RETURNING *",
      )
      .get(css || null, toDbTime(new Date()), this.row.id)!;
  }

  // A new logo moves `updated_at`, the logo URLs' cache-buster.
  touch(): void {
    this.row = this.db
      .query<AccountRow, [string, number]>("UPDATE accounts SET updated_at = ?1 WHERE id = ?2 RETURNING *")
      .get(toDbTime(new Date()), this.row.id)!;
  }

  get hasLogo(): boolean {
    return (
      this.db
        .query(
          "SELECT 1 FROM active_storage_attachments WHERE record_type = 'Account' AND record_id = ? AND name = 'logo'",
        )
        .get(this.row.id) !== null
    );
  }

  regenerateJoinCode(): void {
    this.row = this.db
      .query<AccountRow, [string, string, number]>(
        "UPDATE accounts SET join_code = ?1, updated_at = ?2 WHERE id = ?3 RETURNING *",
      )
      .get(Account.generateJoinCode(), toDbTime(new Date()), this.row.id)!;
  }
}
