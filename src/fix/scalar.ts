import { parse, type Scalar } from 'yaml';

// How a fixed string value is written back: in the style it was written in, as far as YAML allows.

/** Characters YAML does not allow unescaped in a quoted scalar, or that a terminal would act on. */
const NEEDS_ESCAPE = /[\u007f-\u009f\ufeff\ufffe\uffff]/g;

/** A double-quoted YAML scalar; JSON's escapes are YAML's, and the few non-printables JSON leaves alone are escaped too. */
export function doubleQuoted(value: string): string {
  return JSON.stringify(value).replace(NEEDS_ESCAPE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Single quotes keep the author's style when the value has no line break and nothing that needs an escape. */
function singleQuoted(value: string): string | undefined {
  if (/[\p{Cc}\ufeff\ufffe\uffff]/u.test(value)) return undefined;
  return `'${value.replace(/'/g, "''")}'`;
}

/** The value as a plain scalar, when YAML reads it back as exactly this string in this context. */
function plain(value: string, flow: boolean): string | undefined {
  if (!/^[\p{L}\p{N}_./~(][^\p{Cc}#]*$/u.test(value) || /\s$|:\s|\s#/u.test(value)) return undefined;
  if (flow && /[,[\]{}]/.test(value)) return undefined;
  try {
    const read: unknown = flow ? (parse(`[${value}]`) as unknown[])[0] : (parse(`k: ${value}`) as { k: unknown }).k;
    return read === value ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The source text for `value` in place of a scalar written in style `type`: plain stays plain, single
 * quotes stay single, double quotes stay double; a block scalar (whose only fix is its surrounding
 * white space, the final line break included) becomes plain, or double-quoted when plain cannot say it.
 */
export function emitScalar(value: string, type: Scalar.Type | undefined, flow: boolean): string {
  switch (type) {
    case 'QUOTE_DOUBLE':
      return doubleQuoted(value);
    case 'QUOTE_SINGLE':
      return singleQuoted(value) ?? doubleQuoted(value);
    default:
      return plain(value, flow) ?? doubleQuoted(value);
  }
}
