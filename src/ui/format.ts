/**
 * Display formatting for the page (money, counts, dates, file sizes) with Intl.NumberFormat.
 * Display only: nothing formatted here is ever parsed back into a value.
 */
import type { Cents } from '../core/money.ts';

const wholeDollars = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const count = new Intl.NumberFormat('en-US');
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 });

/** `$1,234.56` / `−$12.00` from integer cents, without going through a float for the cents. */
export function formatMoney(c: Cents): string {
  const negative = c < 0;
  const abs = Math.abs(c);
  const cents = abs % 100;
  const dollars = (abs - cents) / 100;
  return `${negative ? '−' : ''}$${wholeDollars.format(dollars)}.${String(cents).padStart(2, '0')}`;
}

/** A signed difference such as `+$0.01` or `−$3.00`. */
export function formatMoneyDiff(c: Cents): string {
  return c > 0 ? `+${formatMoney(c)}` : formatMoney(c);
}

export function formatCount(n: number): string {
  return count.format(n);
}

export function formatPercent(fraction: number): string {
  return percent.format(fraction);
}

/** `2 rows` / `1 row`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2024-03` -> `Mar 2024`. */
export function formatMonth(month: string): string {
  const m = Number(month.slice(5, 7));
  return `${months[m - 1] ?? month} ${month.slice(0, 4)}`;
}

/** ISO date range for display, e.g. `2024-03-15 to 2024-04-03`. */
export function formatDateRange(first: string | null, last: string | null): string {
  if (!first && !last) return 'no dates';
  if (first === last) return first ?? '';
  return `${first ?? '?'} to ${last ?? '?'}`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/** A timestamp (ISO text or epoch ms) for the history list. */
export function formatTimestamp(t: string | number): string {
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? String(t) : dateTime.format(d);
}
