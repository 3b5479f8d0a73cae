import type { RateLimiter } from "@rt/kit";

// Sign-in throttling as the original: 10 attempts per 3 minutes per client IP. The counting is
// the kit's limiter, in memory for one instance or in Redis so that instances share the count.
const SIGN_IN_LIMIT = 10;
const SIGN_IN_WINDOW_MS = 3 * 60 * 1000;

export class SignInThrottle {
  constructor(private readonly limiter: RateLimiter) {}

  // Counts the attempt and says whether it is still within the limit.
  async attempt(clientIp: string): Promise<boolean> {
    const { allowed } = await this.limiter.hit(`sign-in:${clientIp}`, SIGN_IN_LIMIT, SIGN_IN_WINDOW_MS);
    return allowed;
  }
}
