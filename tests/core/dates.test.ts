import { describe, expect, it } from 'vitest';
import { formatIifDate, parseDate } from '../../src/core/dates.ts';

describe('parseDate', () => {
  it.each([
    ['3/5/2024', '2024-03-05'],
    ['03/05/2024', '2024-03-05'],
    ['03/05/24', '2024-03-05'],
    ['12/31/99', '1999-12-31'],
    ['3/5/2024 2:05 PM', '2024-03-05'],
    ['3/5/2024 12:00 AM', '2024-03-05'],
    ['03/05/2024 23:59:59', '2024-03-05'],
    ['2024-03-05', '2024-03-05'],
    ['2024-03-05 00:00:00', '2024-03-05'],
    ['2013-09-26 20:10:32', '2013-09-26'],
    ['2024-03-05T23:30:00-08:00', '2024-03-05'],
    ['2/29/2024', '2024-02-29'],
    [' 1/1/2024 ', '2024-01-01'],
    ['2024/03/05', '2024-03-05'],
    ['3/5/2024 14:05', '2024-03-05'],
    ['3/5/2024 2:05:09 PM EST', '2024-03-05'],
    // English month names, as reports and re-saved spreadsheets show them.
    ['March 5, 2024', '2024-03-05'],
    ['Mar 5, 2024 2:05 PM', '2024-03-05'],
    ['5-Mar-2024', '2024-03-05'],
    ['05-MAR-24', '2024-03-05'],
    ['Tue Mar 05 2024', '2024-03-05'],
  ])('%s -> %s (calendar date kept as written)', (raw, iso) => {
    const r = parseDate(raw);
    expect(r.ok && r.date).toBe(iso);
  });

  it.each([
    ['02/30/2024', 'impossible'],
    ['2/29/2023', 'impossible'],
    ['13/45/2024', 'impossible'],
    ['2024-13-01', 'impossible'],
    ['Feb 30, 2024', 'impossible'],
    ['Smarch 5, 2024', 'format'],
    ['yesterday', 'format'],
    ['', 'empty'],
  ])('%s is refused (%s), never rolled over', (raw, reason) => {
    expect(parseDate(raw)).toEqual({ ok: false, reason });
  });

  it('flags two-digit years', () => {
    expect(parseDate('03/05/24')).toEqual({ ok: true, date: '2024-03-05', twoDigitYear: true });
  });

  it('formats IIF dates as MM/DD/YYYY', () => {
    expect(formatIifDate('2024-03-05')).toBe('03/05/2024');
  });
});
