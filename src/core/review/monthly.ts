/**
 * Review stage: money invoiced and collected per calendar month, in integer cents, for the
 * review chart. Invoiced = INVOICE + CASH SALE header amounts; collected = PAYMENT + CASH SALE
 * (a cash sale is both a sale and money received on the same day); fees = the Keap Payments fees
 * of the month's deposits (DEPOSIT and GENERAL JOURNAL lines on the fee account).
 */
import type { Cents } from '../money.ts';
import type { TxnType } from '../ledger/model.ts';
import type { TransactionStore } from '../ledger/store.ts';

export interface MonthTotal {
  /** `YYYY-MM`. */
  month: string;
  invoiced: Cents;
  collected: Cents;
  /** Keap Payments fees (processing fees and fees of no payment) of the month's deposits. */
  fees: Cents;
}

/** The fees of a deposit transaction of the store: its lines on the fee account. */
export function depositFees(store: TransactionStore, i: number, feeAccount: string): Cents {
  if (store.role(i) !== 'deposit') return 0;
  const ref = store.names.indexOf(feeAccount);
  const { start, end } = store.lines(i);
  let fees = 0;
  for (let j = start; j < end; j++) if (store.lineAccountRef(j) === ref) fees += store.lineAmount(j);
  return fees;
}

function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * Totals per month from the first to the last month with a transaction, months without any
 * included as zero so the chart's axis is regular.
 */
export function monthlyTotals(transactions: Iterable<{ type: TxnType; date: string; amount: Cents; fees?: Cents }>): MonthTotal[] {
  const byMonth = new Map<string, MonthTotal>();
  for (const t of transactions) {
    const isSale = t.type === 'INVOICE' || t.type === 'CASH SALE';
    const isMoneyIn = t.type === 'PAYMENT' || t.type === 'CASH SALE';
    const fees = t.fees ?? 0;
    if (!isSale && !isMoneyIn && fees === 0) continue;
    const month = t.date.slice(0, 7);
    let row = byMonth.get(month);
    if (!row) {
      row = { month, invoiced: 0, collected: 0, fees: 0 };
      byMonth.set(month, row);
    }
    // Integer additions only; amounts are already cents.
    if (isSale) row.invoiced += t.amount;
    if (isMoneyIn) row.collected += t.amount;
    row.fees += fees;
  }
  if (byMonth.size === 0) return [];
  const months = [...byMonth.keys()].sort();
  const last = months[months.length - 1] as string;
  const out: MonthTotal[] = [];
  for (let m = months[0] as string; m <= last; m = nextMonth(m)) {
    out.push(byMonth.get(m) ?? { month: m, invoiced: 0, collected: 0, fees: 0 });
  }
  return out;
}

export type ChartSeries = 'invoiced' | 'collected' | 'fees';

export interface ChartBar {
  month: string;
  series: ChartSeries;
  amount: Cents;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartLayout {
  bars: ChartBar[];
  /** Largest amount shown (cents), the top of the axis. */
  max: Cents;
  labels: { month: string; x: number }[];
}

/** The series a chart shows: fees only when some month has any (Keap Payments deposits were converted). */
export function chartSeries(months: readonly MonthTotal[]): ChartSeries[] {
  return months.some((m) => m.fees !== 0) ? ['invoiced', 'collected', 'fees'] : ['invoiced', 'collected'];
}

/**
 * Pixel geometry for a grouped bar chart (one bar per series and month) in a `width` x `height`
 * plot area. Pixels are floats; money stays in cents.
 */
export function layoutMonthlyChart(months: readonly MonthTotal[], width: number, height: number): ChartLayout {
  const series = chartSeries(months);
  const max = months.reduce((m, r) => Math.max(m, ...series.map((s) => r[s])), 0);
  const bars: ChartBar[] = [];
  const labels: { month: string; x: number }[] = [];
  if (months.length === 0) return { bars, max, labels };
  const slot = width / months.length;
  const barWidth = Math.max(1, Math.min(28, (slot * 0.8) / series.length));
  months.forEach((r, i) => {
    const center = slot * i + slot / 2;
    labels.push({ month: r.month, x: center });
    series.forEach((name, k) => {
      const amount = r[name];
      const h = max > 0 ? (Math.max(0, amount) / max) * height : 0;
      bars.push({ month: r.month, series: name, amount, x: center - (barWidth * series.length) / 2 + k * barWidth, y: height - h, width: barWidth, height: h });
    });
  });
  return { bars, max, labels };
}
