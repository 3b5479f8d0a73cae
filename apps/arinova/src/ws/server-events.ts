/**
 * Server → client frames on /ws (websocket.md §1). Field order matches the original's JSON.
 */
export interface StreamRef {
  conversationId: string;
  messageId: string;
  seq: number;
}

export const streamStart = (ref: StreamRef): string =>
  JSON.stringify({
    type: "stream_start",
    conversationId: ref.conversationId,
    messageId: ref.messageId,
    seq: ref.seq,
  });

export const streamChunk = (ref: StreamRef, chunk: string): string =>
  JSON.stringify({
    type: "stream_chunk",
    conversationId: ref.conversationId,
    messageId: ref.messageId,
    seq: ref.seq,
    chunk,
  });

export const streamEnd = (ref: StreamRef): string =>
  JSON.stringify({
    type: "stream_end",
    conversationId: ref.conversationId,
    messageId: ref.messageId,
    seq: ref.seq,
  });

export const streamError = (ref: StreamRef, error: string): string =>
  JSON.stringify({
    type: "stream_error",
    conversationId: ref.conversationId,
    messageId: ref.messageId,
    seq: ref.seq,
    error,
  });

/** Replies to a frame the server could not take: no stream is involved, so ids are empty. */
export const frameError = (error: string, conversationId = ""): string =>
  streamError({ conversationId, messageId: "", seq: 0 }, error);

export const PONG = JSON.stringify({ type: "pong" });
