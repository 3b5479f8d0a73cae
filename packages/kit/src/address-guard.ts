/**
 * Keeps outbound requests (webhooks) away from the server's own network: a user-supplied URL must
 * not reach loopback, private, link-local or metadata addresses.
 */
import { lookup } from "node:dns/promises";
import { type IpAddress, inAnyRange, parseCidrList, parseIp } from "./ip.ts";

const blockedRanges = parseCidrList([
  // IPv4
  "0.0.0.0/8", // "this network", includes the unspecified address
  "10.0.0.0/8",
  "100.64.0.0/10", // carrier-grade NAT
  "127.0.0.0/8",
  "169.254.0.0/16", // link-local, includes cloud metadata at 169.254.169.254
  "172.16.0.0/12",
  "192.0.0.0/24", // IETF protocol assignments
  "192.168.0.0/16",
  "198.18.0.0/15", // benchmarking
  "224.0.0.0/4", // multicast
  "240.0.0.0/4", // reserved, includes broadcast
  // IPv6 (IPv4-mapped addresses were already turned into IPv4 by parseIp)
  "::/96", // unspecified, loopback and the deprecated IPv4-compatible form
  "64:ff9b::/96", // NAT64: reaches whatever IPv4 address it embeds
  "fc00::/7", // unique local
  "fe80::/10", // link-local
  "fec0::/10", // deprecated site-local
  "ff00::/8", // multicast
]);

export const isBlockedAddress = (address: IpAddress): boolean => {
  if (inAnyRange(blockedRanges, address)) return true;
  // 6to4 (2002::/16) carries an IPv4 address in bits 16-48: judge it by that address.
  if (address.version === 6 && address.value >> 112n === 0x2002n) {
    return isBlockedAddress({ version: 4, value: (address.value >> 80n) & 0xffffffffn });
  }
  return false;
};

/** True for addresses an outbound request must not reach; unparseable text counts as private. */
export function isPrivateAddress(text: string): boolean {
  const address = parseIp(text);
  return address === undefined || isBlockedAddress(address);
}

export class BlockedAddressError extends Error {
  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(`refusing to connect to ${hostname}: it resolves to the non-public address ${address}`);
    this.name = "BlockedAddressError";
  }
}

export type Resolver = (hostname: string) => Promise<string[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Resolves the URL's host and throws BlockedAddressError if any address is non-public. Every
 * address is checked, not only the first, since the connection may use any of them.
 * Resolution errors propagate (they are network errors: the caller may retry).
 */
export async function assertPublicUrl(url: URL, resolve: Resolver = systemResolver): Promise<void> {
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const addresses = parseIp(hostname) ? [hostname] : await resolve(hostname);
  if (addresses.length === 0) throw new BlockedAddressError(hostname, "(none)");
  for (const address of addresses) {
    if (isPrivateAddress(address)) throw new BlockedAddressError(hostname, address);
  }
}
