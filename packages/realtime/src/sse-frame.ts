/** One server-sent event. `data` may span lines; `event` and `id` may not. */
export interface SseFrame {
  event?: string;
  data: string;
  id?: string;
}

const encoder = new TextEncoder();

// The SSE parser treats CR, LF and CRLF alike as line ends.
const LINE_BREAK = /\r\n|\r|\n/;

// Cheaper than the regex on the hot path; JSON payloads never contain a raw line break.
const hasLineBreak = (value: string): boolean => value.includes("\n") || value.includes("\r");

function singleLine(value: string, field: string): string {
  if (hasLineBreak(value) || value.includes("\0")) {
    throw new TypeError(`SSE ${field} must be a single line without NUL: ${JSON.stringify(value)}`);
  }
  return value;
}

/** The exact bytes of a frame: `event: X\ndata: Y\nid: Z\n\n`, absent fields omitted. */
export function formatSseFrame(frame: SseFrame): string {
  let text = "";
  if (frame.event !== undefined) text += `event: ${singleLine(frame.event, "event")}\n`;
  if (hasLineBreak(frame.data)) for (const line of frame.data.split(LINE_BREAK)) text += `data: ${line}\n`;
  else text += `data: ${frame.data}\n`;
  if (frame.id !== undefined) text += `id: ${singleLine(frame.id, "id")}\n`;
  return `${text}\n`;
}

/** `:text\n\n`; each line of a multi-line comment gets its own colon so it stays a comment. */
export function formatSseComment(text: string): string {
  let comment = "";
  for (const line of text.split(LINE_BREAK)) comment += `:${line}\n`;
  return `${comment}\n`;
}

/**
 * A frame formatted once for many streams: fan-out to N subscribers then costs N appends,
 * not N formats. Build it with {@link prepareSseFrame} and pass it to `SseStream.send`.
 */
export class PreparedSseFrame {
  #bytes: Uint8Array<ArrayBuffer> | undefined;
  constructor(readonly text: string) {}

  /** Encoded once, on first use; every stream that sends this frame alone shares the bytes. */
  get bytes(): Uint8Array<ArrayBuffer> {
    this.#bytes ??= encoder.encode(this.text);
    return this.#bytes;
  }
}

export function prepareSseFrame(frame: SseFrame): PreparedSseFrame {
  return new PreparedSseFrame(formatSseFrame(frame));
}
