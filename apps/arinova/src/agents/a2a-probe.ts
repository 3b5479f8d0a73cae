/**
 * `GET <a2aEndpoint>` for health, skills and status, with the original's 5 s limit.
 *
 * The endpoint is whatever URL a user typed, so unlike the original the request goes through
 * @rt/kit's guardedFetch: it refuses non-public addresses (loopback, private ranges, metadata
 * services) unless the server is told to allow them (tests, private deployments), connects to the
 * address it checked (so a DNS answer that changes between check and connect cannot reach inside),
 * and does not follow redirects.
 */
import { guardedFetch, type Resolver } from "@rt/kit";

export const PROBE_TIMEOUT_MS = 5_000;

export interface ProbeOptions {
  allowPrivateAddresses: boolean;
  timeoutMs?: number;
  /** How endpoint hosts are resolved for the check; the system resolver by default. */
  resolve?: Resolver;
}

export type AgentEndpointFetch = (endpoint: string) => Promise<Response>;

export function agentEndpointFetch(options: ProbeOptions): AgentEndpointFetch {
  return (endpoint) =>
    guardedFetch(
      endpoint,
      {
        headers: { accept: "application/json" },
        signal: AbortSignal.timeout(options.timeoutMs ?? PROBE_TIMEOUT_MS),
      },
      { allowPrivate: options.allowPrivateAddresses, resolve: options.resolve },
    );
}
