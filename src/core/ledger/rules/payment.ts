/**
 * Rule: each Keap money-in row (Credit Card, PayPal, Check, Cash, any other positive pay type;
 * each instalment of a plan) becomes a PAYMENT: the deposit account mapped for the pay type
 * (default Undeposited Funds; the Keap Payments clearing account when deposit files are
 * converted and the pay type goes through Keap Payments) debited, the Payment Credit Account
 * credited, with the customer, the payment method and the Keap invoice number in the memo.
 */
import { isoOfDay } from '../../dates.ts';
import type { PaymentRows } from '../../keap/tables.ts';
import type { BuildContext } from '../build-context.ts';
import type { TransactionHeader } from '../store.ts';
import type { MoneyRow } from './money-row.ts';

/** QuickBooks keeps at most this many characters of a payment's reference number. */
const DOCNUM_LIMIT_PAYMENT = 20;

/**
 * Stable id of a Keap payment row for the export history: its Keap id, or its content when the
 * export has none. Stored in users' histories: never change its form.
 */
export function paymentKeapId(payments: PaymentRows, p: number): string {
  const id = payments.paymentId(p);
  return id ? `payment:${id}` : `payment:${payments.invoiceId(p)}|${isoOfDay(payments.date(p))}|${payments.payType(p)}|${payments.amount(p)}`;
}

export function writePayment(ctx: BuildContext, row: MoneyRow): void {
  const { reg, memo, store } = ctx;
  const pm = ctx.payTypeMapping(row.payType, row.amount);
  const paymentId = row.paymentId.length <= DOCNUM_LIMIT_PAYMENT ? row.paymentId : '';
  // Names are registered in the order the list sections show them.
  const depositAccount = ctx.moneyInAccount(row.payType, row.amount);
  const method = reg.paymentMethod(pm.paymentMethod || row.payType);
  store.begin();
  store.line({ account: reg.ar('paymentCredit'), name: row.customer.name, class: row.class, amount: -row.amount, memo: memo(`Keap invoice ${row.invoiceId}`), payMethod: method || undefined });
  const txn = store.commit(paymentHeader(ctx, row, depositAccount, paymentId));
  ctx.writtenPayments.set(row.row, { txn, clearing: ctx.viaClearing(row.payType) });
}

function paymentHeader(ctx: BuildContext, row: MoneyRow, depositAccount: string, docNum: string): TransactionHeader {
  return {
    key: `payment:${row.keapId}`,
    role: 'payment',
    type: 'PAYMENT',
    date: row.date,
    account: depositAccount,
    name: row.customer.name,
    class: row.class,
    amount: row.amount,
    docNum: docNum || undefined,
    memo: ctx.memo(`Keap ${row.typeLabel} payment for invoice ${row.invoiceId}${row.note}`),
    sources: [row.source],
    keapIds: [row.keapId],
  };
}
