/**
 * Agents stream either deltas (the SDK's documented mode) or the whole text so far (the
 * OpenClaw plugin). A chunk that begins with everything received so far is taken as the whole
 * text and only its new tail is forwarded (websocket.md §4.4); the first chunk is always a
 * delta. A genuine delta that happens to repeat the whole text so far is misread, as in the
 * original; clients depend on this rule, so it is kept.
 */
export class ChunkAccumulator {
  text = "";

  /** The delta to forward, or null when an accumulated chunk brought nothing new. */
  accept(chunk: string): string | null {
    if (this.text !== "" && chunk.startsWith(this.text)) {
      const delta = chunk.slice(this.text.length);
      this.text = chunk;
      return delta === "" ? null : delta;
    }
    this.text += chunk;
    return chunk;
  }
}
