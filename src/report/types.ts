import type { FileResult } from '../diagnostics.js';

export interface FormatOptions {
  /** The tool's version, for reports that carry it. */
  version: string;
}

/** A formatter is a pure function of the results. */
export type Formatter = (results: readonly FileResult[], options: FormatOptions) => string;
