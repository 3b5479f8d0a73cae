import { isUniqueViolation } from "../db/database.ts";
import { toDbTime } from "../db/time.ts";
import { hashPassword, type PasswordPolicy } from "./password.ts";
import type { User } from "./user.ts";

// Users::ProfilesController's params: a blank password leaves it unchanged.
export interface ProfileChanges {
  name: string;
  emailAddress: string;
  bio: string;
  password: string;
}

// The bio field's limit (features.md §3.1).
export const BIO_MAX_LENGTH = 200;

export type ProfileUpdate = { ok: true; user: User } | { ok: false; reason: string };

// A person edits what others see of them. Email changes are not verified (there is no mail).
export async function updateProfile(
  user: User,
  changes: ProfileChanges,
  passwords: PasswordPolicy,
): Promise<ProfileUpdate> {
  if ([...changes.bio].length > BIO_MAX_LENGTH)
    return { ok: false, reason: "Bio is too long (200 at most)." };
  const digest = changes.password ? await hashPassword(changes.password, passwords) : null;
  try {
    user.db.run(
      `UPDATE users SET name = ?1, email_address = ?2, bio = ?3,
         password_digest = COALESCE(?4, password_digest), updated_at = ?5 WHERE id = ?6`,
      [changes.name, changes.emailAddress, changes.bio || null, digest, toDbTime(new Date()), user.id],
    );
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "That email address is already taken." };
    throw error;
  }
  return { ok: true, user: user.reload() };
}
