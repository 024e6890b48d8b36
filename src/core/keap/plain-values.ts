/**
 * The shapes almost every Keap cell has (`12.50`, `2024-03-20 14:05:09`, `3/20/2024`), read with
 * character tests instead of regular expressions: a million rows hold several million such cells.
 * Each function accepts only text the full parsers (money.ts, dates.ts) read the same way, and
 * says "not plain" for anything else, which then goes to them (and to their messages).
 */
import { dayOfParts, NO_DAY, type Day } from '../dates.ts';
import type { Cents } from '../money.ts';

const ZERO = 0x30;

function digitAt(s: string, i: number): number {
  const d = s.charCodeAt(i) - ZERO;
  return d >= 0 && d <= 9 ? d : -1;
}

/**
 * `-?DIGITS(.D|.DD)?` with at most 13 whole digits, as cents; NaN when the text has any other
 * shape. Thirteen digits keep every result under Cents' 2^51 limit.
 */
export function plainCents(s: string): Cents {
  const n = s.length;
  let i = s.charCodeAt(0) === 0x2d ? 1 : 0;
  const negative = i === 1;
  let whole = 0;
  const wholeStart = i;
  for (; i < n; i++) {
    const d = digitAt(s, i);
    if (d < 0) break;
    whole = whole * 10 + d;
  }
  const wholeDigits = i - wholeStart;
  if (wholeDigits === 0 || wholeDigits > 13) return NaN;
  let cents = whole * 100;
  if (i < n) {
    if (s.charCodeAt(i) !== 0x2e || n - i - 1 < 1 || n - i - 1 > 2) return NaN;
    const tens = digitAt(s, i + 1);
    const ones = n - i - 1 === 2 ? digitAt(s, i + 2) : 0;
    if (tens < 0 || ones < 0) return NaN;
    cents += tens * 10 + ones;
  }
  // 0 - 0 is +0: a "-0.00" cell is plain zero.
  return negative ? 0 - cents : cents;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The day of a date that exists in the range parseDate accepts (1900-2200); NO_DAY otherwise. */
function existingDay(year: number, month: number, day: number): Day {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NO_DAY;
  return dayOfParts(year, month, day);
}

/** `hh:mm:ss` (two digits each) at i, up to the end of the text. */
function isPlainTime(s: string, i: number): boolean {
  return (
    s.length === i + 8 &&
    digitAt(s, i) >= 0 && digitAt(s, i + 1) >= 0 && s.charCodeAt(i + 2) === 0x3a &&
    digitAt(s, i + 3) >= 0 && digitAt(s, i + 4) >= 0 && s.charCodeAt(i + 5) === 0x3a &&
    digitAt(s, i + 6) >= 0 && digitAt(s, i + 7) >= 0
  );
}

/** Reads `width` digits at i as a number; -1 when one is not a digit. */
function digitsAt(s: string, i: number, width: number): number {
  let value = 0;
  for (let k = i; k < i + width; k++) {
    const d = digitAt(s, k);
    if (d < 0) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * `YYYY-MM-DD`, `YYYY-MM-DD hh:mm:ss` (space or T), or `M/D/YYYY` (one or two digits each),
 * for a date that exists, as a day number; NO_DAY for anything else (including impossible
 * dates, whose message parseDate gives).
 */
export function plainDay(s: string): Day {
  const n = s.length;
  if (n >= 10 && s.charCodeAt(4) === 0x2d && s.charCodeAt(7) === 0x2d) {
    if (n !== 10 && !((s.charCodeAt(10) === 0x20 || s.charCodeAt(10) === 0x54) && isPlainTime(s, 11))) return NO_DAY;
    const year = digitsAt(s, 0, 4);
    const month = digitsAt(s, 5, 2);
    const day = digitsAt(s, 8, 2);
    return year < 0 || month < 0 || day < 0 ? NO_DAY : existingDay(year, month, day);
  }
  if (n < 8 || n > 10) return NO_DAY;
  const slash1 = s.charCodeAt(1) === 0x2f ? 1 : s.charCodeAt(2) === 0x2f ? 2 : -1;
  if (slash1 < 0) return NO_DAY;
  const slash2 = s.charCodeAt(slash1 + 2) === 0x2f ? slash1 + 2 : s.charCodeAt(slash1 + 3) === 0x2f ? slash1 + 3 : -1;
  if (slash2 < 0 || n - slash2 - 1 !== 4) return NO_DAY;
  const month = digitsAt(s, 0, slash1);
  const day = digitsAt(s, slash1 + 1, slash2 - slash1 - 1);
  const year = digitsAt(s, slash2 + 1, 4);
  return month < 0 || day < 0 || year < 0 ? NO_DAY : existingDay(year, month, day);
}

/**
 * The number of an id written as plain digits without a leading zero (at most 15, so exact in a
 * double), which is its own code (see IdCodes); -1 for any other id.
 */
export function plainIdNumber(s: string): number {
  const n = s.length;
  if (n === 0 || n > 15 || (n > 1 && s.charCodeAt(0) === ZERO)) return -1;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const d = digitAt(s, i);
    if (d < 0) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** True when the text is one or more ASCII digits. */
export function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (digitAt(s, i) < 0) return false;
  return true;
}

/** The most digits a plain decimal may have for its key to stay exact (10^14 x 16 < 2^53). */
const KEY_DIGITS = 14;

/**
 * `-?DIGITS(.DIGITS)?` (at most 14 digits in all) as one number that identifies its value:
 * units x 16 + scale, trailing zeros of the fraction dropped (so `2.50` and `2.5` agree, as
 * parseDecimal's values do). NaN for any other shape.
 */
export function plainDecimalKey(s: string): number {
  const n = s.length;
  let i = s.charCodeAt(0) === 0x2d ? 1 : 0;
  const negative = i === 1;
  let units = 0;
  let digits = 0;
  let scale = -1;
  let zeros = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2e && scale < 0) {
      scale = 0;
      continue;
    }
    const d = c - ZERO;
    if (d < 0 || d > 9 || ++digits > KEY_DIGITS) return NaN;
    if (scale < 0) {
      units = units * 10 + d;
    } else if (d === 0) {
      zeros++; // a zero of the fraction counts only if a non-zero digit follows it
    } else {
      scale += zeros + 1;
      for (; zeros > 0; zeros--) units *= 10;
      units = units * 10 + d;
    }
  }
  if (digits === 0) return NaN;
  return (negative ? -units : units) * 16 + Math.max(scale, 0);
}

