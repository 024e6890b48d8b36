/**
 * Keeping strings small while reading a million rows. A CSV parser hands out cells as slices of
 * the whole decoded file, and V8 keeps a slice of 13 or more characters as a pointer into its
 * parent: one kept cell keeps the whole file text alive. And the same values (dates, product
 * names, pay types, ids of an order's lines) come again on row after row.
 */

/** V8 copies substrings shorter than this; longer ones are slices that keep their parent. */
const SLICE_MIN_LENGTH = 13;

/**
 * A copy of `s` that owns its characters (not a slice of a larger text, not a tree of
 * concatenations). Joining two parts is the cheap way V8 offers to write a fresh flat string.
 */
export function ownString(s: string): string {
  return s.length < SLICE_MIN_LENGTH ? s : [s.charAt(0), s.slice(1)].join('');
}

/**
 * Joins parts into one flat string: a template literal would keep a tree of pieces (V8 cons
 * strings). Not `parts.join('')`: V8's join writes a two-byte string (twice the memory) when a
 * part was used as a property name (V8 turns it into a "thin" string), as pay types are.
 */
export function joinFlat(...parts: string[]): string {
  let joined = '';
  for (const part of parts) joined += part;
  return ownString(joined);
}

/** Strings numbered in the order they are first seen (a column of indices plus this table). */
export class StringTable {
  readonly values: string[] = [];
  readonly #index = new Map<string, number>();

  /** The number of `value`, adding it the first time. */
  indexOf(value: string): number {
    let i = this.#index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.#index.set(value, i);
    }
    return i;
  }
}
