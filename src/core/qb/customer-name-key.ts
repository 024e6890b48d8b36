/**
 * The comparison keys of customer matching: a normalised customer name, under which "Acme, Inc."
 * and "ACME Inc" or "Doe, Jane" and "Jane Doe" are one key, a normalised e-mail, and a test for
 * "one edit apart". Pure string functions: the same key whichever side (Keap or QuickBooks) the
 * name comes from, so matching is symmetric.
 */

/**
 * Words that only say what legal form a company has. Dropped from the end of a name so that
 * "Acme Inc", "Acme, LLC" and "Acme Co." meet; never dropped from the middle ("Co Op Market").
 * Only unambiguous forms: words like "group", "industries" or "and sons" tell companies apart.
 */
const COMPANY_SUFFIXES: ReadonlySet<string> = new Set([
  'inc', 'incorporated', 'llc', 'ltd', 'limited', 'co', 'corp', 'corporation', 'company', 'lp', 'llp', 'pllc', 'pc', 'plc',
]);

const ASCII_ONLY = /^[\x00-\x7f]*$/;
const COMBINING_MARKS = /\p{M}/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/u;
const DROPPED_PUNCTUATION = /['\u2019.`]/g;

/** Letters and digits of one comma-separated part, lower-case and without accents. */
function words(part: string): string[] {
  return part.split(NOT_LETTER_OR_DIGIT).filter((w) => w !== '');
}

/** Accents removed ("José" and "Jose" are one name: QuickBooks may hold either). */
function withoutAccents(name: string): string {
  // Most names are plain ASCII: they skip the (slow) Unicode decomposition.
  return ASCII_ONLY.test(name) ? name : name.normalize('NFKD').replace(COMBINING_MARKS, '');
}

const isSuffixOnly = (part: readonly string[]): boolean => part.length > 0 && part.every((w) => COMPANY_SUFFIXES.has(w));

/**
 * The key two spellings of one customer share: case, accents, punctuation and spacing are
 * ignored, `&` reads as "and", "Last, First" reads as "First Last", and a trailing company
 * suffix (Inc, LLC, Ltd, Co, Corp…) is dropped. Empty for a name with no letter or digit.
 */
export function normalizeCustomerName(name: string): string {
  const folded = withoutAccents(name)
    .toLowerCase()
    .replace(/&/g, ' and ')
    // Removed, not spaced: "O'Brien" is "obrien" and "L.L.C." is "llc", as people type them.
    .replace(DROPPED_PUNCTUATION, '');
  const parts = folded.split(',').map(words).filter((p) => p.length > 0);
  // "Acme, Inc." has a comma before its suffix: that comma is not "Last, First".
  while (parts.length > 1 && isSuffixOnly(parts[parts.length - 1]!)) parts.pop();
  // Exactly one comma between two parts is QuickBooks' "Last, First" for people. With more
  // commas ("Campion, Patrick, CPA") the order is kept: which part is the first name is a guess.
  const ordered = parts.length === 2 ? [...parts[1]!, ...parts[0]!] : parts.flat();
  while (ordered.length > 1 && COMPANY_SUFFIXES.has(ordered[ordered.length - 1]!)) ordered.pop();
  return ordered.join(' ');
}

/** An e-mail as compared: trimmed and lower-case (mailbox names are case-insensitive in practice). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * True when one edit turns `a` into `b`: one character changed, added or removed, or two
 * neighbouring characters swapped (the commonest typo). False for equal strings.
 */
export function isOneEditApart(a: string, b: string): boolean {
  if (a === b) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.length - short.length > 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  if (short.length !== long.length) return short.slice(i) === long.slice(i + 1);
  if (short.slice(i + 1) === long.slice(i + 1)) return true;
  return short[i] === long[i + 1] && short[i + 1] === long[i] && short.slice(i + 2) === long.slice(i + 2);
}

/**
 * Every string one deletion away from `key`, and `key` itself. Two keys one edit apart always
 * share one of these (a swap too: deleting either swapped letter from both gives the same
 * string), so an index of them finds near names without comparing every pair.
 */
export function deletionNeighbours(key: string): string[] {
  const out = [key];
  for (let i = 0; i < key.length; i++) {
    // Deleting either of two equal neighbours gives one string: keep the first only.
    if (i > 0 && key[i] === key[i - 1]) continue;
    out.push(key.slice(0, i) + key.slice(i + 1));
  }
  return out;
}
