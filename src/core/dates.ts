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

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};
const MONTH = String.raw`([A-Za-z]{3,9})\.?`;
const WEEKDAY = String.raw`(?:[A-Za-z]{3,9},?\s+)?`;
/** `Mar 5, 2024`, `March 5 2024`, `Tue Mar 05 2024` (how reports and spreadsheets show dates). */
const NAMED_MDY = new RegExp(String.raw`^${WEEKDAY}${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME}$`);
/** `5-Mar-2024`, `05-MAR-24`, `5 Mar 2024` (Excel's d-mmm-yy and day-first text). */
const NAMED_DMY = new RegExp(String.raw`^(\d{1,2})[-\s]${MONTH}[-\s,]+(\d{2}|\d{4})${TIME}$`);

function fromNamed(monthText: string, day: string, yearText: string): DateParse {
  const month = MONTHS[monthText.toLowerCase()];
  if (month === undefined) return { ok: false, reason: 'format' };
  let year = Number(yearText);
  const twoDigit = yearText.length === 2;
  if (twoDigit) year += year > 69 ? 1900 : 2000;
  return build(year, month, Number(day), twoDigit);
}

/**
 * Parses `M/D/YYYY`, `MM/DD/YY` (20YY, or 19YY for YY > 69 as spreadsheets do), with or
 * without a time (`h:mm AM`, `HH:MM:SS`), ISO `YYYY-MM-DD[ HH:MM:SS]`, and dates with an
 * English month name (`Mar 5, 2024`, `5-Mar-24`). The time is ignored.
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
  // Month names are unambiguous, so they are read whichever order they come in.
  m = NAMED_MDY.exec(s);
  if (m) return fromNamed(m[1]!, m[2]!, m[3]!);
  m = NAMED_DMY.exec(s);
  if (m) return fromNamed(m[2]!, m[1]!, m[3]!);
  return { ok: false, reason: 'format' };
}

/** 'YYYY-MM-DD' -> 'MM/DD/YYYY' as IIF wants it. */
export function formatIifDate(d: IsoDate): string {
  return `${d.slice(5, 7)}/${d.slice(8, 10)}/${d.slice(0, 4)}`;
}

/**
 * A calendar date as a day number: days since 1970-01-01 (how the reader and the transaction
 * store keep dates, in typed arrays). NO_DAY marks a missing date.
 */
export type Day = number;
export const NO_DAY: Day = -1_000_000;

/** 'YYYY-MM-DD' -> day number (the proleptic Gregorian calendar, no time zones). */
export function dayOf(iso: IsoDate): Day {
  return dayOfParts(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

/** Year, month (1-12) and day -> day number, for a date already known to exist. */
export function dayOfParts(y: number, m: number, d: number): Day {
  // Days from civil (H. Hinnant): exact integer arithmetic, no Date object.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Day number -> 'YYYY-MM-DD'. */
export function isoOfDay(day: Day): IsoDate {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}
