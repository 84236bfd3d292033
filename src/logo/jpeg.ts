/**
 * A JPEG's structure read from its markers alone, without decoding a pixel: the frame (size,
 * components, sampling, progressive or not) and every scan. What a decoder will spend follows from
 * it: each scan visits every block of the components it names, and a file of more than one scan
 * keeps all the image's coefficients in memory until the last one (libjpeg's coefficient buffer).
 */

export interface JpegComponent {
  id: number;
  horizontal: number;
  vertical: number;
}

export interface JpegStructure {
  width: number;
  height: number;
  progressive: boolean;
  components: JpegComponent[];
  /** Scans seen, up to the stop asked for (then `stopped` is true). */
  scans: number;
  /** Blocks a decoder visits over all the scans seen. */
  blockVisits: number;
  /** Blocks of the whole image, all components: 64 coefficients of 2 bytes each when buffered. */
  blocks: number;
  stopped: boolean;
}

export type JpegRead = { kind: 'read'; structure: JpegStructure } | { kind: 'unreadable'; detail: string };

/** SOF markers of every coding process (not DHT C4, JPG C8, DAC CC). */
const PROGRESSIVE_SOF: ReadonlySet<number> = new Set([0xc2, 0xc6, 0xca, 0xce]);

/**
 * Walks the markers from SOI to EOI (or the end of the data), skipping entropy-coded data by its
 * next marker. Stops counting at `stopAfterScans` scans: past a limit, the rest need not be read.
 */
export function readJpegStructure(bytes: Uint8Array, stopAfterScans = Infinity): JpegRead {
  let frame: Omit<JpegStructure, 'scans' | 'blockVisits' | 'stopped'> | undefined;
  let scans = 0;
  let blockVisits = 0;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return { kind: 'unreadable', detail: `no marker at byte ${at}` };
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd9) break; // EOI
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2;
      continue;
    }
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (length < 2 || at + 2 + length > bytes.length) return { kind: 'unreadable', detail: 'a marker segment is cut off' };
    const body = bytes.subarray(at + 4, at + 2 + length);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (frame) return { kind: 'unreadable', detail: 'a second frame header' };
      const parsed = readFrame(body, PROGRESSIVE_SOF.has(marker));
      if (typeof parsed === 'string') return { kind: 'unreadable', detail: parsed };
      frame = parsed;
    } else if (marker === 0xda) {
      if (!frame) return { kind: 'unreadable', detail: 'a scan before the frame header' };
      const visits = scanBlocks(body, frame);
      if (typeof visits === 'string') return { kind: 'unreadable', detail: visits };
      scans++;
      blockVisits += visits;
      if (scans >= stopAfterScans) return { kind: 'read', structure: { ...frame, scans, blockVisits, stopped: true } };
      at = nextMarker(bytes, at + 2 + length);
      continue;
    }
    at += 2 + length;
  }
  if (!frame) return { kind: 'unreadable', detail: 'no frame header' };
  return { kind: 'read', structure: { ...frame, scans, blockVisits, stopped: false } };
}

function readFrame(body: Uint8Array, progressive: boolean): Omit<JpegStructure, 'scans' | 'blockVisits' | 'stopped'> | string {
  if (body.length < 6) return 'a frame header that is cut off';
  const height = (body[1]! << 8) | body[2]!;
  const width = (body[3]! << 8) | body[4]!;
  const count = body[5]!;
  if (count === 0 || body.length < 6 + 3 * count) return 'a frame header without its components';
  const components: JpegComponent[] = [];
  for (let i = 0; i < count; i++) {
    const sampling = body[7 + 3 * i]!;
    const component = { id: body[6 + 3 * i]!, horizontal: sampling >> 4, vertical: sampling & 0x0f };
    if (component.horizontal < 1 || component.horizontal > 4 || component.vertical < 1 || component.vertical > 4) return 'a sampling factor out of range';
    components.push(component);
  }
  const blocks = components.reduce((sum, c) => sum + componentBlocks(width, height, components, c), 0);
  return { width, height, progressive, components, blocks };
}

/** Blocks of one component: its share of the image, in 8×8 blocks (ITU T.81 A.1.1). */
function componentBlocks(width: number, height: number, all: readonly JpegComponent[], component: JpegComponent): number {
  const maxH = Math.max(...all.map((c) => c.horizontal));
  const maxV = Math.max(...all.map((c) => c.vertical));
  return Math.ceil(Math.ceil((width * component.horizontal) / maxH) / 8) * Math.ceil(Math.ceil((height * component.vertical) / maxV) / 8);
}

/** Blocks a scan makes the decoder visit: every block of each component it names. */
function scanBlocks(body: Uint8Array, frame: Omit<JpegStructure, 'scans' | 'blockVisits' | 'stopped'>): number | string {
  const count = body[0] ?? 0;
  if (count === 0 || body.length < 1 + 2 * count) return 'a scan header without its components';
  let visits = 0;
  for (let i = 0; i < count; i++) {
    const component = frame.components.find((c) => c.id === body[1 + 2 * i]);
    if (!component) return 'a scan of a component the frame does not have';
    visits += componentBlocks(frame.width, frame.height, frame.components, component);
  }
  return visits;
}

/** The next marker after entropy-coded data: 0xFF followed by neither a stuffed 0x00 nor a restart marker. */
function nextMarker(bytes: Uint8Array, from: number): number {
  let at = from;
  for (;;) {
    at = bytes.indexOf(0xff, at);
    if (at < 0 || at + 1 >= bytes.length) return bytes.length;
    const next = bytes[at + 1]!;
    if (next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) return at;
    at += next === 0xff ? 1 : 2;
  }
}
