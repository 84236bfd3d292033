import type { ProblemFix, SetFix } from '../../diagnostics.js';
import { clip } from '../../text/describe.js';
import { trimmed } from '../../text/trim.js';
import { caseAndPort, quoteUri, type CanonicalAnalysis } from '../../uri/uri.js';

// The fixes rules offer, worded once: `--fix` lists these descriptions, whichever rule offers the fix.

/** How a fix description quotes a value: URIs with their password masked, anything else clipped. */
export function shownValue(value: string, isUri: boolean): string {
  return isUri ? quoteUri(value, { redact: () => undefined }) : clip(value);
}

/** The value without its surrounding white space, when it has some and something is left. */
export function trimFix(label: string, value: string, isUri = false): SetFix | undefined {
  const result = trimmed(value);
  if (result === undefined) return undefined;
  return { kind: 'set', value: result, description: `Removed the white space around ${label} "${shownValue(result, isUri)}".` };
}

/** A URI with only its scheme and host case or a default port to change (never what it names). */
export function caseAndPortFix(label: string, raw: string, analysis?: CanonicalAnalysis): SetFix | undefined {
  const canonical = caseAndPort(raw, analysis);
  if (!canonical) return undefined;
  return { kind: 'set', value: canonical.uri, description: `Wrote ${label} "${shownValue(raw, true)}" as "${shownValue(canonical.uri, true)}" (${canonical.what}).` };
}

/** What sets a repeat apart from the item it repeats, before its own fixes: white space, a legacy name. */
export type RepeatDifference = 'white space' | 'legacy name';

/**
 * A list item that repeats an earlier one (once both are fixed) goes; the first stays. `otherwise` is
 * the item's own fix, made when it cannot go.
 */
export function removeRepeatFix(key: string, index: number, value: string, first: number, differences: readonly RepeatDifference[], otherwise?: SetFix, isUri = false): ProblemFix {
  const how = differences.map((difference) => (difference === 'white space' ? ' with white space around it' : ' under its legacy name')).join(' and');
  return { kind: 'remove', description: `Removed ${key}[${index}] "${shownValue(value, isUri)}", a repeat of ${key}[${first}]${how}.`, ...(otherwise && { otherwise }) };
}

/** For each item, the index of the first earlier item with the same fixed value (items in `gone` neither repeat nor are repeated). */
export function repeatsOf(fixed: readonly unknown[], gone: (index: number) => boolean = () => false): (number | undefined)[] {
  const seen = new Map<unknown, number>();
  return fixed.map((value, index) => {
    if (gone(index)) return undefined;
    const first = seen.get(value);
    if (first === undefined) seen.set(value, index);
    return first;
  });
}

/** A list's items as `--fix` leaves them when only surrounding white space is fixed, and which earlier item each repeats. */
export function trimmedRepeats(items: readonly unknown[]): (number | undefined)[] {
  return repeatsOf(items.map((item) => (typeof item === 'string' ? trimmed(item) ?? item : item)));
}

/**
 * The fix for a list item with white space around it: the item goes when, once fixed, it repeats an
 * earlier item (`differences` says what its fixes change); otherwise it is trimmed.
 */
export function trimItemFix(key: string, index: number, value: string, first: number | undefined, differences: readonly RepeatDifference[] = ['white space'], isUri = false): ProblemFix | undefined {
  const trim = trimFix(`${key}[${index}]`, value, isUri);
  return first === undefined || !trim ? trim : removeRepeatFix(key, index, value, first, differences, trim, isUri);
}
