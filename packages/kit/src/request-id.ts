/**
 * Request ids: a caller's `x-request-id` is kept when it looks like an id (so a trace crosses
 * services), otherwise one is generated; either way it is echoed in the response.
 */

export const requestIdHeader = "x-request-id";

// Short printable tokens only: the id is echoed in a header and written to every log line.
const saneId = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

export function requestIdFor(incoming: string | null | undefined): string {
  return incoming && saneId.test(incoming) ? incoming : crypto.randomUUID();
}
