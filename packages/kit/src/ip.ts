/** IP addresses as numbers, and CIDR ranges over them: shared by client-IP trust and the webhook guard. */

export interface IpAddress {
  version: 4 | 6;
  value: bigint;
}

export interface Cidr {
  version: 4 | 6;
  base: bigint;
  bits: number;
}

const width = (version: 4 | 6): number => (version === 4 ? 32 : 128);

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    // Decimal only: "010" is octal to some parsers and decimal to others, so refuse it.
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseGroups(text: string): number[] | undefined {
  if (text === "") return [];
  const groups: number[] = [];
  const parts = text.split(":");
  for (const [index, part] of parts.entries()) {
    if (index === parts.length - 1 && part.includes(".")) {
      const v4 = parseIpv4(part);
      if (v4 === undefined) return undefined;
      groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    } else if (/^[0-9a-f]{1,4}$/i.test(part)) {
      groups.push(Number.parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

function parseIpv6(text: string): bigint | undefined {
  const unzoned = text.replace(/%.*$/, "");
  const halves = unzoned.split("::");
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0] ?? "");
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? "") : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(group), 0n);
}

/** Parses an address, with or without IPv6 brackets; IPv4-mapped IPv6 is returned as IPv4. */
export function parseIp(text: string): IpAddress | undefined {
  const bare = text.trim().replace(/^\[(.*)\]$/, "$1");
  const v4 = parseIpv4(bare);
  if (v4 !== undefined) return { version: 4, value: v4 };
  if (!bare.includes(":")) return undefined;
  const v6 = parseIpv6(bare);
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === 0xffffn) return { version: 4, value: v6 & 0xffffffffn };
  return { version: 6, value: v6 };
}

/** `10.0.0.0/8`, `fc00::/7`, or a single address (a full-length range). */
export function parseCidr(text: string): Cidr | undefined {
  const [addressText, bitsText, extra] = text.trim().split("/");
  if (addressText === undefined || extra !== undefined) return undefined;
  const address = parseIp(addressText);
  if (!address) return undefined;
  // A mapped range like ::ffff:10.0.0.0/104 was normalised to IPv4, so its length shrinks by 96.
  const mapped = address.version === 4 && addressText.includes(":");
  const max = width(address.version);
  const bits = bitsText === undefined ? max : Number(bitsText) - (mapped ? 96 : 0);
  if (!Number.isInteger(bits) || bits < 0 || bits > max) return undefined;
  const shift = BigInt(max - bits);
  return { version: address.version, base: (address.value >> shift) << shift, bits };
}

export function cidrContains(range: Cidr, address: IpAddress): boolean {
  if (range.version !== address.version) return false;
  const shift = BigInt(width(range.version) - range.bits);
  return address.value >> shift === range.base >> shift;
}

/** Parses a list of ranges, failing loudly on a typo: a bad trust list is a security bug. */
export function parseCidrList(texts: readonly string[]): Cidr[] {
  return texts.map((text) => {
    const range = parseCidr(text);
    if (!range) throw new Error(`not an IP address or CIDR range: ${JSON.stringify(text)}`);
    return range;
  });
}

export const inAnyRange = (ranges: readonly Cidr[], address: IpAddress): boolean =>
  ranges.some((range) => cidrContains(range, address));
