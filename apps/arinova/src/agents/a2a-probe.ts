/**
 * `GET <a2aEndpoint>` for health, skills and status, with the original's 5 s limit.
 *
 * The endpoint is whatever URL a user typed, so unlike the original the request refuses
 * non-public addresses (loopback, private ranges, metadata services) and does not follow
 * redirects, unless the server is told to allow private addresses (tests, private deployments).
 */
import { assertPublicUrl } from "@rt/kit";

export const PROBE_TIMEOUT_MS = 5_000;

export interface ProbeOptions {
  allowPrivateAddresses: boolean;
  timeoutMs?: number;
}

export type AgentEndpointFetch = (endpoint: string) => Promise<Response>;

export function agentEndpointFetch(options: ProbeOptions): AgentEndpointFetch {
  return async (endpoint) => {
    const url = new URL(endpoint);
    if (!options.allowPrivateAddresses) await assertPublicUrl(url);
    return fetch(url, {
      headers: { accept: "application/json" },
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs ?? PROBE_TIMEOUT_MS),
    });
  };
}
