/**
 * Rule: payment plans. QuickBooks has none, so an order on a plan is one invoice for its full
 * total (each instalment paid is its own payment). The invoice is due on the last instalment's
 * due date, and its memo summarises the plan: `Payment plan: 1 x 33.34 + 2 x 33.33 from 04/01/2024`.
 */
import { formatIifDate, isoOfDay, type Day } from '../../dates.ts';
import type { PayPlanItemRows } from '../../keap/tables.ts';
import { formatCentsPlain, type Cents } from '../../money.ts';

export interface PlanTerms {
  /** '' when the order has no plan. */
  memo: string;
  /** The last instalment's due date; undefined when the order has no plan. */
  dueDate: Day | undefined;
}

/** The terms of a plan from its instalment rows. */
export function planTerms(instalments: PayPlanItemRows, rows: readonly number[]): PlanTerms {
  if (rows.length === 0) return { memo: '', dueDate: undefined };
  const sorted = rows.map((r) => ({ due: instalments.dueDate(r), amount: instalments.amountDue(r) })).sort((a, b) => a.due - b.due);
  const first = sorted[0]!;
  const from = formatIifDate(isoOfDay(first.due));
  // Runs of equal instalments: "1 x 33.34 + 2 x 33.33".
  const runs: { count: number; amount: Cents }[] = [];
  for (const a of sorted) {
    const last = runs.at(-1);
    if (last && last.amount === a.amount) last.count++;
    else runs.push({ count: 1, amount: a.amount });
  }
  const allEqual = sorted.every((a) => a.amount === first.amount);
  const memo = allEqual
    ? `Payment plan: ${sorted.length} x ${formatCentsPlain(first.amount)} from ${from}`
    : `Payment plan: ${runs.map((r) => `${r.count} x ${formatCentsPlain(r.amount)}`).join(' + ')} from ${from}`;
  return { memo, dueDate: sorted.at(-1)!.due };
}
