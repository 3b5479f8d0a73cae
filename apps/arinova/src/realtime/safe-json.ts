/** JSON from the bus or shared state: a malformed value is treated as absent, never thrown. */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
