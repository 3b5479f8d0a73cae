// bcrypt like the original's has_secure_password, so digests copied from a Campfire database verify.
// The cost is a parameter only so tests can run fast; production keeps Rails' default of 12.
export interface PasswordPolicy {
  cost: number;
}

export const productionPasswords: PasswordPolicy = { cost: 12 };

export function hashPassword(password: string, policy: PasswordPolicy): Promise<string> {
  return Bun.password.hash(password, { algorithm: "bcrypt", cost: policy.cost });
}

// bcrypt only reads 72 bytes. Ruby's bcrypt (the original) truncates longer passwords; Bun pre-hashes
// them instead. So a long password that fails is tried once more as Ruby would have hashed it, which
// keeps long passwords set in the original working.
const BCRYPT_MAX_BYTES = 72;

export async function verifyPassword(password: string, digest: string | null): Promise<boolean> {
  if (digest === null) return false;
  try {
    if (await Bun.password.verify(password, digest)) return true;
    const bytes = Buffer.from(password, "utf8");
    if (bytes.length <= BCRYPT_MAX_BYTES) return false;
    return await Bun.password.verify(bytes.subarray(0, BCRYPT_MAX_BYTES), digest);
  } catch {
    // A malformed digest is a failed sign-in, not a server error.
    return false;
  }
}

// Spending the same time when no user matches keeps sign-in from revealing which emails exist.
const decoyDigests = new Map<number, Promise<string>>();
export async function verifyAgainstDecoy(password: string, policy: PasswordPolicy): Promise<false> {
  let decoy = decoyDigests.get(policy.cost);
  if (!decoy) {
    decoy = hashPassword("campfire-decoy-password", policy);
    decoyDigests.set(policy.cost, decoy);
  }
  await verifyPassword(password, await decoy);
  return false;
}
