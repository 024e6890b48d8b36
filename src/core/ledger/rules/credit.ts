/**
 * Rule: a Keap `Credit` (a comp, a freebie, or the balance half of a refund pair) becomes a
 * CREDIT MEMO on the Credit Credit Account, its one line the credit item on the credits account.
 * A Credit with no Refund is a comp or freebie: written with a warning.
 */
import { formatCentsPlain } from '../../money.ts';
import type { BuildContext } from '../build-context.ts';
import { writeCreditMemo } from './credit-memo.ts';
import type { MoneyRow } from './money-row.ts';

export function writeCredit(ctx: BuildContext, row: MoneyRow, unpaired: boolean): void {
  if (unpaired) {
    ctx.issues.push({ code: 'refund.unpaired', severity: 'warning', message: `The Credit of ${formatCentsPlain(Math.abs(row.amount))} on invoice ${row.invoiceId} has no matching Refund row, so it was written as a credit memo (a comp or freebie). If money was returned, add the Refund row.`, file: row.source.file, row: row.source.row });
  }
  writeCreditMemo(ctx, row, 'credit');
}
