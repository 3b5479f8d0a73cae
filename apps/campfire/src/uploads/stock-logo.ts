import { deflateSync } from "node:zlib";

// Campfire's stock icon when no logo was uploaded: our own drawing (a flame on a warm tile), drawn
// pixel by pixel into a PNG once per size, so no image file from the original is shipped.
const cache = new Map<number, Uint8Array<ArrayBuffer>>();

export function stockLogo(size: number): Uint8Array<ArrayBuffer> {
  const cached = cache.get(size);
  if (cached) return cached;
  const png = encodePng(size, draw(size));
  cache.set(size, png);
  return png;
}

function draw(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const radius = size * 0.18;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const at = (y * size + x) * 4;
      if (!insideRoundedSquare(x, y, size, radius)) continue;
      const [u, v] = [(x + 0.5) / size, (y + 0.5) / size];
      const color = inFlame(u, v, 0.3)
        ? [255, 226, 140]
        : inFlame(u, v, 0.42)
          ? [255, 150, 50]
          : [176, 52, 22];
      pixels.set([...color, 255], at);
    }
  }
  return pixels;
}

function insideRoundedSquare(x: number, y: number, size: number, radius: number): boolean {
  const dx = Math.max(radius - x, 0, x - (size - 1 - radius));
  const dy = Math.max(radius - y, 0, y - (size - 1 - radius));
  return dx * dx + dy * dy <= radius * radius;
}

// A teardrop: a circle at the bottom narrowing to a point at the top; `scale` sets its size.
function inFlame(u: number, v: number, scale: number): boolean {
  const cx = 0.5;
  const cy = 0.62;
  const r = scale * 0.5;
  if ((u - cx) ** 2 + (v - cy) ** 2 <= r * r) return true;
  const top = cy - scale * 1.25;
  if (v < top || v > cy) return false;
  const halfWidth = r * ((v - top) / (cy - top)) ** 1.4;
  return Math.abs(u - cx) <= halfWidth;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(Bun.hash.crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

function encodePng(size: number, rgba: Uint8Array): Uint8Array<ArrayBuffer> {
  const rows = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++)
    rows.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const png = Buffer.concat([
    signature,
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
  return new Uint8Array(png);
}
