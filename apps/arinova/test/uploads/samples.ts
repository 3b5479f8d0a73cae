/** Small files whose first bytes are what each allowed type really starts with. */
const fromBase64 = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, "base64"));
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(Buffer.concat(parts));

export const PNG = fromBase64(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
);
export const GIF = fromBase64("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
export const JPEG = concat(
  Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  ascii("JFIF\0"),
  new Uint8Array(64),
  Uint8Array.from([0xff, 0xd9]),
);
export const WEBP = concat(
  ascii("RIFF"),
  Uint8Array.from([0x1a, 0, 0, 0]),
  ascii("WEBPVP8 "),
  new Uint8Array(18),
);
export const PDF = ascii("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

export interface Sample {
  type: string;
  name: string;
  bytes: Uint8Array;
}

export const ALLOWED_SAMPLES: readonly Sample[] = [
  { type: "image/jpeg", name: "photo.jpg", bytes: JPEG },
  { type: "image/png", name: "pixel.png", bytes: PNG },
  { type: "image/gif", name: "pixel.gif", bytes: GIF },
  { type: "image/webp", name: "pixel.webp", bytes: WEBP },
  { type: "application/pdf", name: "doc.pdf", bytes: PDF },
  { type: "text/plain", name: "notes.txt", bytes: ascii("hello\n") },
  { type: "text/csv", name: "data.csv", bytes: ascii("a,b\n1,2\n") },
  { type: "application/json", name: "data.json", bytes: ascii('{"a":1}') },
];

export function form(file?: { bytes: Uint8Array; type: string; name: string }, caption?: string): FormData {
  const body = new FormData();
  if (file) body.append("file", new Blob([Buffer.from(file.bytes)], { type: file.type }), file.name);
  if (caption !== undefined) body.append("caption", caption);
  return body;
}
