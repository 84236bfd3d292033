// Writes real PNG files with node:zlib (no image library in the benchmark's own process).
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { crc32, createDeflate } from 'node:zlib';

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(Buffer.from(type, 'ascii'))) >>> 0, 0);
  return [head, data, crc];
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Writes a width × height 8-bit PNG (colour type 2 = RGB, 6 = RGBA). `row(y, buffer)` fills the
 * pixel bytes of row y (after the filter byte, which stays 0); rows are streamed through deflate,
 * so an 8000 × 8000 image never sits in memory whole.
 */
export async function writePng(path, width, height, { channels = 3, row }) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = channels === 4 ? 6 : 2;
  // compression, filter, interlace: 0
  const idat = [];
  const deflate = createDeflate({ level: 9 });
  deflate.on('data', (data) => idat.push(data));
  const done = once(deflate, 'end');
  for (let y = 0; y < height; y++) {
    const line = Buffer.alloc(1 + width * channels);
    row(y, line.subarray(1));
    if (!deflate.write(line)) await once(deflate, 'drain');
  }
  deflate.end();
  await done;
  const out = createWriteStream(path);
  for (const part of [SIGNATURE, ...chunk('IHDR', ihdr), ...chunk('IDAT', Buffer.concat(idat)), ...chunk('IEND', Buffer.alloc(0))]) out.write(part);
  out.end();
  await once(out, 'finish');
}

/** A solid-colour RGB PNG (compresses to a few hundred KiB even at 8000 × 8000). */
export function writeSolidPng(path, size, [r, g, b]) {
  let filled;
  return writePng(path, size, size, {
    row: (_, line) => {
      if (!filled) {
        filled = Buffer.alloc(line.length);
        for (let x = 0; x < line.length; x += 3) filled.set([r, g, b], x);
      }
      filled.copy(line);
    },
  });
}

/** A square RGBA logo-like PNG: a radial gradient disc on a transparent background. */
export function writeLogoPng(path, size) {
  const c = (size - 1) / 2;
  return writePng(path, size, size, {
    channels: 4,
    row: (y, line) => {
      for (let x = 0; x < size; x++) {
        const d = Math.hypot(x - c, y - c) / c;
        const o = x * 4;
        line[o] = Math.round(255 * (1 - d / 2)) & 0xff;
        line[o + 1] = Math.round((255 * x) / size);
        line[o + 2] = Math.round((255 * y) / size);
        line[o + 3] = d <= 1 ? 255 : 0;
      }
    },
  });
}
