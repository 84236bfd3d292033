import type { FileResult } from '../diagnostics.js';

export interface FormatOptions {
  /** Colour level: 0 none, 1 basic, 2 256 colours, 3 truecolor. */
  color: 0 | 1 | 2 | 3;
  /** The tool's version, for reports that carry it. */
  version: string;
}

/** A formatter is a pure function of the results. */
export type Formatter = (results: readonly FileResult[], options: FormatOptions) => string;
