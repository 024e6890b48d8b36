/**
 * Calendar dates as ISO strings ('YYYY-MM-DD'). Parsing keeps the date exactly as written:
 * no Date objects and no time zones, because Keap stamps manual payments at midnight and a
 * time-zone shift would move them to the previous day.
 */

/** A calendar date 'YYYY-MM-DD'. */
export type IsoDate = string;

export type DateParse =
  | { ok: true; date: IsoDate; twoDigitYear: boolean }
  | { ok: false; reason: 'empty' | 'format' | 'impossible' };

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function build(year: number, month: number, day: number, twoDigitYear: boolean): DateParse {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || year < 1900 || year > 2200) {
    return { ok: false, reason: 'impossible' };
  }
  return {
    ok: true,
    date: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    twoDigitYear,
  };
}

const TIME = String.raw`(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5}))?)?`;
const US_DATE = new RegExp(String.raw`^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})${TIME}$`);
const ISO_DATE = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`);

/**
 * Parses `M/D/YYYY`, `MM/DD/YY` (20YY, or 19YY for YY > 69 as spreadsheets do), with or
 * without a time (`h:mm AM`, `HH:MM:SS`), and ISO `YYYY-MM-DD[ HH:MM:SS]`. The time is ignored.
 * Impossible dates such as 02/30/2024 fail; they are never rolled over.
 */
export function parseDate(raw: string): DateParse {
  const s = raw.trim();
  if (s === '') return { ok: false, reason: 'empty' };
  let m = ISO_DATE.exec(s);
  if (m) return build(Number(m[1]), Number(m[3]), Number(m[4]), false);
  m = US_DATE.exec(s);
  if (m) {
    const yearText = m[3]!;
    let year = Number(yearText);
    const twoDigit = yearText.length === 2;
    if (twoDigit) year += year > 69 ? 1900 : 2000;
    return build(year, Number(m[1]), Number(m[2]), twoDigit);
  }
  return { ok: false, reason: 'format' };
}

/** 'YYYY-MM-DD' -> 'MM/DD/YYYY' as IIF wants it. */
export function formatIifDate(d: IsoDate): string {
  return `${d.slice(5, 7)}/${d.slice(8, 10)}/${d.slice(0, 4)}`;
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Adds whole days to a calendar date without touching time zones. */
export function addDays(d: IsoDate, days: number): IsoDate {
  const t = Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export function isIsoDate(s: unknown): s is IsoDate {
  return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && parseDate(s).ok;
}
