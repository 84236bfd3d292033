/** Image formats the inspector can name from their first bytes. */
export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif' | 'svg' | 'avif' | 'heif' | 'tiff' | 'bmp' | 'ico';

/** The formats the inspector decodes: PNG, JPEG, WebP, GIF in process, SVG in a child process with a deadline. */
export type DecodableFormat = 'png' | 'jpeg' | 'webp' | 'gif' | 'svg';

/** Recognised, but never handed to a decoder: the logo rules ask for PNG, JPEG or WebP instead. */
export type UndecodedFormat = Exclude<ImageFormat, DecodableFormat>;

/** Where the logo came from, as the rules word it. */
export interface LogoSource {
  kind: 'file' | 'url';
  /** The manifest's value (a path relative to the manifest, or the URL). */
  value: string;
  /** The file name part, for extension checks (`logo.png`); '' when there is none. */
  fileName: string;
}

/** Largest logo read from disk or the network. */
export const MAX_LOGO_BYTES = 10 * 1024 * 1024;

/** Most pixels (width × height × frames) a logo may declare; more is refused before decoding. */
export const MAX_LOGO_PIXELS = 50_000_000;

/** The limit a costly decode met: see the `too-costly` inspection. */
export type DecodeLimit = 'scans' | 'memory' | 'block-visits' | 'time' | 'process-memory';

/** Why a logo could not be read. */
export type UnreadableReason =
  /** No such file. */
  | 'missing'
  /** A directory, FIFO, socket or device. */
  | 'not-a-file'
  /** Over MAX_LOGO_BYTES (stat size, or the download cap). */
  | 'too-large'
  /** An absolute path, where the manifest asks for one relative to itself. */
  | 'absolute-path'
  /** A path, or a symbolic link on it, that leads outside the manifest's repository (without --allow-outside-logo). */
  | 'outside-repository'
  /** A URL whose scheme is not https: (never fetched). */
  | 'not-https'
  /** The request ended without a 2xx answer. */
  | 'fetch-failed'
  /** Exists, but reading it failed (permissions, I/O). */
  | 'read-failed';

/**
 * What loading and inspecting a logo found. Built once per manifest by the loader; every logo rule
 * reads the same value, so the file is read (or fetched) and decoded once. Only `image` (and, for
 * format and size, `undecoded-format`) carries facts the non-readability rules judge; every other
 * kind is reported by `logo-readable` alone, so one bad file is one problem.
 */
export type LogoInspection =
  /** No logo value to check (absent or not a string: the schema reports it). */
  | { kind: 'absent' }
  /** A URL logo with --offline: the rules are skipped, not run. */
  | { kind: 'offline'; source: LogoSource }
  | LogoUnreadable
  /** Read, but the first bytes match no image format. */
  | { kind: 'not-an-image'; source: LogoSource; byteLength: number; detail: string }
  /** The header declares more pixels than MAX_LOGO_PIXELS; refused before decoding. */
  | { kind: 'too-many-pixels'; source: LogoSource; byteLength: number; format: ImageFormat; width: number; height: number; pages: number; limit: number }
  /**
   * Decoding costs more than a limit allows: judged from the structure before decoding (a JPEG's
   * scans, the memory a decoder holds, the blocks it visits), or met while decoding in a child
   * process, which was then stopped (`time`, `process-memory`). `found` and `max` are in the limit's
   * unit: scans, bytes, blocks, milliseconds.
   */
  | { kind: 'too-costly'; source: LogoSource; byteLength: number; format: DecodableFormat; width?: number; height?: number; limit: DecodeLimit; found?: number; max: number }
  /** The bytes start like a decodable format, but the header or the pixels do not decode (truncated, corrupt, refused). */
  | { kind: 'undecodable'; source: LogoSource; byteLength: number; format: DecodableFormat; detail: string }
  /** A recognised format that is not decoded (AVIF, HEIF, TIFF, BMP, ICO): only its format and size are known. */
  | { kind: 'undecoded-format'; source: LogoSource; byteLength: number; format: UndecodedFormat; contentType?: string }
  /** The image decoder (sharp) could not be loaded, so nothing was checked. */
  | { kind: 'no-decoder'; source: LogoSource; detail: string }
  | LogoImage;

export interface LogoUnreadable {
  kind: 'unreadable';
  source: LogoSource;
  reason: UnreadableReason;
  /** Plain words for the message: an HTTP status, an outcome, an errno — never a stack. */
  detail: string;
  /** The limit that was exceeded (too-large), in bytes. */
  limit?: number;
  /** The file's size when known (too-large). */
  size?: number;
  /** For fetch-failed: the HTTP client's outcome kind (`response`, `timeout`, `dns`…). */
  outcome?: string;
}

/** A logo that decoded. */
export interface LogoImage {
  kind: 'image';
  source: LogoSource;
  byteLength: number;
  format: DecodableFormat;
  /** The Content-Type a server sent for a URL logo, as sent. */
  contentType?: string;
  /** As displayed: after EXIF orientation (5–8 swap them). SVGs: as rendered at 512 px on the longer side. */
  width: number;
  height: number;
  /** Frames; more than one means animated. */
  pages: number;
  /** EXIF orientation (1–8) when the file carries one. */
  orientation?: number;
  /** SVG only: what the document declares and holds. */
  svg?: SvgFacts;
}

export interface SvgFacts {
  /** The size the document declares (width/height, else its viewBox), in px at sharp's default 72 dpi. */
  declaredWidth: number;
  declaredHeight: number;
  /** `<script>` elements, `on…=` event handlers or `javascript:` links, in the order met (at most 5). */
  activeContent: string[];
  /** References to anything outside the document (http:, file:, other files), at most 5; never fetched. */
  externalReferences: string[];
}

/** The logo port: reads (or fetches) the manifest's `logo` value and inspects it. */
export type LogoLoader = (logo: unknown) => Promise<LogoInspection>;
