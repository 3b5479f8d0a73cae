/**
 * Trusted services (api.md §1 step 1): a shared key in `X-Taskcast-Service-Key` grants the
 * service's configured scope and task ids, in any auth mode. Keys are compared through their
 * SHA-256 digests in constant time, so neither content nor length leaks through timing.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { AuthContext, TrustedService } from "./context.ts";

const digest = (value: string): Buffer => createHash("sha256").update(value, "utf8").digest();

export class ServiceKeys {
  private readonly services: { service: TrustedService; digest: Buffer }[];

  constructor(services: readonly TrustedService[]) {
    this.services = services.map((service) => ({ service, digest: digest(service.key) }));
  }

  get configured(): boolean {
    return this.services.length > 0;
  }

  /** The service's context, or undefined when no key matches. */
  authenticate(key: string): AuthContext | undefined {
    const presented = digest(key);
    let match: TrustedService | undefined;
    // Compare against every key, even after a match, so timing does not reveal which one matched.
    for (const entry of this.services) {
      if (timingSafeEqual(presented, entry.digest) && !match) match = entry.service;
    }
    if (!match) return undefined;
    return { sub: `svc:${match.name}`, taskIds: match.taskIds ?? "*", scope: match.scope };
  }
}
