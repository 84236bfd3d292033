const WHITE_SPACE = /^\p{White_Space}$/u;

/**
 * The value without surrounding Unicode white space; undefined when there is none to remove or
 * nothing would be left. Index loops rather than /\p{White_Space}+$/, which is quadratic on a long
 * run of spaces inside a value.
 */
export function trimmed(value: string): string | undefined {
  let start = 0;
  let end = value.length;
  // Every White_Space character is in the Basic Multilingual Plane, so UTF-16 units suffice.
  while (start < end && WHITE_SPACE.test(value[start]!)) start++;
  while (end > start && WHITE_SPACE.test(value[end - 1]!)) end--;
  return (start === 0 && end === value.length) || start === end ? undefined : value.slice(start, end);
}
