// Rails' request.remote_ip: the peer address, unless the peer is a trusted proxy (loopback or private
// network), in which case the right-most untrusted address of X-Forwarded-For is the client.
const TRUSTED = [
  /^127\./,
  /^::1$/,
  /^::ffff:127\./,
  /^10\./,
  /^172\.(1[6-9]|2\d|3[01])\./,
  /^192\.168\./,
  /^::ffff:(10|192\.168)\./,
  /^f[cd][0-9a-f]{2}:/i,
];

function isTrustedProxy(address: string): boolean {
  return TRUSTED.some((pattern) => pattern.test(address));
}

export function remoteIp(peer: string | null, forwardedFor: string | null): string | null {
  if (peer === null || !isTrustedProxy(peer) || !forwardedFor) return peer;
  const hops = forwardedFor
    .split(",")
    .map((hop) => hop.trim())
    .filter((hop) => hop.length > 0);
  const client = hops.reverse().find((hop) => !isTrustedProxy(hop));
  return client ?? hops.at(-1) ?? peer;
}
