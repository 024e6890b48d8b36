/**
 * The one place that makes a value safe for an IIF cell. IIF has no escape mechanism: a TAB
 * adds a column, CR/LF add a row, `;` and `"` have made QuickBooks reject imports. Characters
 * outside Windows-1252 are transliterated (é stays, ō -> o) or replaced by `?` as QuickBooks
 * itself would.
 */
import { windows1252Byte } from '../text/windows-1252.ts';

/** True when the character (one UTF-16 code unit) is printable and Windows-1252 can encode it. */
function isPrintableCp1252(code: number): boolean {
  return code >= 0x20 && code !== 0x7f && windows1252Byte(code) >= 0;
}

const FRIENDLY: Record<string, string> = {
  '\u201c': "'", '\u201d': "'", '\u201e': "'", '\u2018': "'", '\u2019': "'", '\u201a': "'",
  '\u2013': '-', '\u2014': '-', '\u2212': '-', '\u00a0': ' ', '\u2026': '...', '\u2022': '-',
};

export interface Cleaned {
  text: string;
  /** Characters were replaced (control characters, `;`, `"`, or outside Windows-1252). */
  replaced: boolean;
  truncated: boolean;
}

/** Printable Windows-1252 without `;`, `"` or NBSP: what most values already are. */
const CLEAN_CHARS = /^[\x20\x21\x23-\x3a\x3c-\x7e\xa1-\xff]*$/;

/** True when `cleanIifText` would return the value unchanged (the fast path for hot loops). */
export function isCleanIifText(value: string): boolean {
  return (
    CLEAN_CHARS.test(value) &&
    value.charCodeAt(0) !== 32 &&
    value.charCodeAt(value.length - 1) !== 32 &&
    !value.includes('  ')
  );
}

/**
 * Cleans one value: TAB/CR/LF and other control characters -> space, `;` -> `,`, `"` -> `'`,
 * non-Windows-1252 characters transliterated or `?`, runs of spaces collapsed, trimmed, and
 * cut to `maxLength` when given.
 */
export function cleanIifText(value: string, maxLength?: number): Cleaned {
  if ((maxLength === undefined || value.length <= maxLength) && isCleanIifText(value)) {
    return { text: value, replaced: false, truncated: false };
  }
  let replaced = false;
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) {
      out += ' ';
      replaced = true;
    } else if (ch === ';') {
      out += ',';
      replaced = true;
    } else if (ch === '"') {
      out += "'";
      replaced = true;
    } else if (FRIENDLY[ch] !== undefined) {
      out += FRIENDLY[ch];
      replaced = true;
    } else if (ch.length === 1 && isPrintableCp1252(code)) {
      out += ch;
    } else {
      // Strip accents the code page lacks (ō -> o); anything else becomes '?'.
      // (Decomposition can itself give ';' or '"', e.g. from U+037E or fullwidth forms.)
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/;/g, ',').replace(/"/g, "'");
      out += base.length > 0 && [...base].every((c) => c.length === 1 && isPrintableCp1252(c.charCodeAt(0))) ? base : '?';
      replaced = true;
    }
  }
  const collapsed = out.replace(/ {2,}/g, ' ').trim();
  let text = collapsed;
  let truncated = false;
  if (maxLength !== undefined && text.length > maxLength) {
    text = text.slice(0, maxLength).trimEnd();
    truncated = true;
  }
  return { text, replaced, truncated };
}
