/**
 * Rule: refunds. Keap stores a refund as a pair of rows on the invoice, `Refund` (-x, money
 * returned) and `Credit` (+x, the balance reduction). The Credit becomes a credit memo (credit.ts)
 * and the Refund a CHECK from the refund bank account, debiting the Payment Credit Account
 * (the customer), so the credit memo keeps the sales reduction and the check the cash movement.
 * A refund of a payment that went through Keap Payments (when deposit files are converted) is
 * paid back through Keap Payments too: its CHECK is drawn on the clearing account, and the
 * deposit that carries it takes it out of there.
 */
import { formatCentsPlain, type Cents } from '../../money.ts';
import type { PaymentRows } from '../../keap/tables.ts';
import type { BuildContext } from '../build-context.ts';
import type { MoneyRow } from './money-row.ts';

/** Refund and Credit rows of one invoice matched by amount: the rows left without a partner. */
export function unpairedRefundRows(payments: PaymentRows, refunds: readonly number[], credits: readonly number[]): { refunds: Set<number>; credits: Set<number> } {
  const used = new Set<number>();
  const lonelyRefunds = new Set<number>();
  for (const r of refunds) {
    const match = credits.find((c) => !used.has(c) && Math.abs(payments.amount(c)) === Math.abs(payments.amount(r)));
    if (match !== undefined) used.add(match);
    else lonelyRefunds.add(r);
  }
  return { refunds: lonelyRefunds, credits: new Set(credits.filter((c) => !used.has(c))) };
}

/** What was paid and refunded on an invoice, to warn when more went back than came in. */
export interface InvoiceRefunds {
  paid: Cents;
  refunded: Cents;
}

export function writeRefund(ctx: BuildContext, row: MoneyRow, unpaired: boolean, totals: InvoiceRefunds, fromClearing: boolean): void {
  const { reg, memo, store, issues } = ctx;
  const abs = Math.abs(row.amount);
  const where = { file: row.source.file, row: row.source.row };
  if (unpaired) {
    issues.push({ code: 'refund.unpaired', severity: 'warning', message: `The refund of ${formatCentsPlain(abs)} on invoice ${row.invoiceId} has no matching Credit row; it was written as a refund check, but the invoice balance in QuickBooks will not be reduced unless you apply a credit.`, ...where });
  }
  if (totals.refunded > totals.paid) {
    issues.push({ code: 'refund.exceeds-paid', severity: 'warning', message: `Refunds on invoice ${row.invoiceId} total ${formatCentsPlain(totals.refunded)} but the payments in the files total ${formatCentsPlain(totals.paid)}. The refund was written; check that the payment it returns is in QuickBooks (perhaps from an earlier export).`, ...where });
  }
  const pm = ctx.payTypeMapping(row.payType, row.amount);
  const bank = fromClearing ? reg.clearingAccount() : reg.refundAccount(pm.account);
  store.begin();
  store.line({ account: reg.ar('paymentCredit'), name: row.customer.name, class: row.class, amount: abs, memo: memo(`Refund for Keap invoice ${row.invoiceId}`) });
  store.commit({
    key: `refund:${row.keapId}`,
    role: 'refund',
    type: 'CHECK',
    date: row.date,
    account: bank,
    name: row.customer.name,
    class: row.class,
    amount: -abs,
    memo: memo(`Keap refund for invoice ${row.invoiceId}${row.note}`),
    toPrint: false,
    address: row.customer.billTo,
    sources: [row.source],
    keapIds: [row.keapId],
  });
}
