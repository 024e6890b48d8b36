/**
 * Keap payment rows -> money movements. Each row is classified by its pay type (payment,
 * refund, credit, write-off, ignored), checked (amount, customer, date range), and handed to
 * its rule: payment.ts, refund.ts, credit.ts or write-off.ts. Rows that cannot be written are
 * set aside with the reason.
 */
import { formatIifDate, isoOfDay } from '../dates.ts';
import { issue } from '../issues.ts';
import { sourceOf, type KeapTables } from '../keap/tables.ts';
import { formatCentsPlain, type Cents } from '../money.ts';
import type { MoneyKind } from '../report.ts';
import type { BuildContext } from './build-context.ts';
import type { CustomerDef } from './model.ts';
import { fileClass } from './rules/classes.ts';
import { writeCredit } from './rules/credit.ts';
import type { MoneyRow } from './rules/money-row.ts';
import { paymentKeapId, writePayment } from './rules/payment.ts';
import { unpairedRefundRows, writeRefund, type InvoiceRefunds } from './rules/refund.ts';
import { writeWriteOff } from './rules/write-off.ts';
import type { Sale } from './sales-index.ts';

/** Per invoice with refunds: what was paid and refunded, and the refund/credit rows without a partner. */
function refundFacts(ctx: BuildContext, tables: KeapTables) {
  const payments = tables.payments;
  const totals = new Map<string, InvoiceRefunds>();
  const refundsByInvoice = new Map<string, { refunds: number[]; credits: number[] }>();
  for (let p = 0; p < payments.count; p++) {
    const action = ctx.actionOf(payments.payType(p), payments.amount(p));
    if (action !== 'refund' && action !== 'credit') continue;
    const invoiceId = payments.invoiceId(p);
    let group = refundsByInvoice.get(invoiceId);
    if (!group) refundsByInvoice.set(invoiceId, (group = { refunds: [], credits: [] }));
    (action === 'refund' ? group.refunds : group.credits).push(p);
    if (action === 'refund') {
      const t = totals.get(invoiceId) ?? { paid: 0, refunded: 0 };
      t.refunded += Math.abs(payments.amount(p));
      totals.set(invoiceId, t);
    }
  }
  for (let p = 0; p < payments.count; p++) {
    const t = totals.get(payments.invoiceId(p));
    if (t && ctx.actionOf(payments.payType(p), payments.amount(p)) === 'payment') t.paid += payments.amount(p);
  }
  // Invoices whose money came in only through Keap Payments: their refunds go back the same way.
  const moneyInWays = new Map<string, { keapPayments: number; other: number }>();
  for (let p = 0; p < payments.count; p++) {
    if (payments.amount(p) <= 0 || ctx.actionOf(payments.payType(p), payments.amount(p)) !== 'payment') continue;
    const ways = moneyInWays.get(payments.invoiceId(p)) ?? { keapPayments: 0, other: 0 };
    if (ctx.viaClearing(payments.payType(p))) ways.keapPayments++;
    else ways.other++;
    moneyInWays.set(payments.invoiceId(p), ways);
  }
  const paidThroughKeapPayments = new Set<string>();
  for (const [invoiceId, ways] of moneyInWays) if (ways.keapPayments > 0 && ways.other === 0) paidThroughKeapPayments.add(invoiceId);
  const unpairedRefunds = new Set<number>();
  const unpairedCredits = new Set<number>();
  for (const group of refundsByInvoice.values()) {
    const lonely = unpairedRefundRows(payments, group.refunds, group.credits);
    for (const r of lonely.refunds) unpairedRefunds.add(r);
    for (const c of lonely.credits) unpairedCredits.add(c);
  }
  return { totals, unpairedRefunds, unpairedCredits, paidThroughKeapPayments };
}

/**
 * Writes every payment row, or sets it aside with the reason. `ordersWithoutIds`: the orders
 * export has no order or invoice id column (said when a payment finds no invoice).
 */
export function writeMoneyMovements(
  ctx: BuildContext,
  tables: KeapTables,
  findSale: (invoiceId: string) => Sale | undefined,
  customerFor: (s: Sale) => CustomerDef | null,
  ordersWithoutIds: boolean,
): void {
  const { issues, input, consumedPayments, customers, refuse, inRange, actionOf, keapText, profile } = ctx;
  const payments = tables.payments;
  const facts = refundFacts(ctx, tables);
  for (let p = 0; p < payments.count; p++) {
    const payType = payments.payType(p);
    const amount: Cents = payments.amount(p);
    const invoiceId = payments.invoiceId(p);
    const action = actionOf(payType, amount);
    const kind: MoneyKind = action === 'refund' ? 'refunds' : action === 'credit' ? 'credits' : action === 'writeOff' ? 'writeOffs' : amount < 0 ? 'refunds' : 'payments';
    const abs = Math.abs(amount);
    input[kind].amount += abs;
    input[kind].count++;
    if (consumedPayments.has(p)) continue; // written inside a cash sale
    const source = sourceOf(tables, payments, p);
    // For messages: "The Credit Card row of 40.00", "The Refund row of -3.00".
    const rowLabel = `${payType || (amount < 0 ? 'refund' : 'payment')} row`;
    if (action === 'ignore') {
      refuse(kind, abs, [source], 'payment.ignored', 'info', `The ${rowLabel} of ${formatCentsPlain(amount)} on invoice ${invoiceId} was left out: the pay type "${payType}" is set to be ignored in the mapping.`);
      continue;
    }
    if (amount === 0) {
      refuse(kind, 0, [source], 'payment.zero', 'info', `The ${rowLabel} on invoice ${invoiceId} is for 0.00; there is nothing to write.`);
      continue;
    }
    const sale = findSale(invoiceId);
    const contactId = payments.contactId(p);
    const customer = sale ? customerFor(sale) : contactId ? (customers.get(contactId) ?? null) : null;
    if (!customer) {
      refuse(kind, abs, [source], 'payment.no-invoice', 'error', sale
        ? `The ${rowLabel} of ${formatCentsPlain(amount)} is for Keap invoice ${invoiceId}, whose contact is not in the files, so we do not know the customer. Add the contacts export.`
        : `The ${rowLabel} of ${formatCentsPlain(amount)} is for Keap invoice ${invoiceId}, which is not in the files, so we do not know the customer. Add the invoices (or orders) export that holds invoice ${invoiceId}${ordersWithoutIds ? ' (the orders export you added has no order or invoice id column, so payments cannot be matched to its orders)' : ''}.`);
      continue;
    }
    const date = payments.date(p);
    if (!inRange(date)) {
      refuse(kind, abs, [source], 'range.outside', 'info', `The ${rowLabel} dated ${formatIifDate(isoOfDay(date))} on invoice ${invoiceId} is outside the chosen date range; it was left out.`);
      continue;
    }
    if (!sale) {
      // Keap keeps payments of deleted invoices; QuickBooks gets them as the customer's credit.
      issues.push(issue('payment.no-invoice', 'warning', `The ${rowLabel} of ${formatCentsPlain(amount)} is for Keap invoice ${invoiceId}, which is not in the files (deleted in Keap, or in an export you did not add). It was written for contact ${contactId} (${customer.name}) without an invoice, so QuickBooks will hold it as an unapplied ${amount > 0 ? 'payment (a credit on the customer)' : 'amount'}; apply it by hand, or add the export that holds invoice ${invoiceId}.`, source));
    }
    const noteText = payments.note(p);
    const row: MoneyRow = {
      row: p,
      paymentId: payments.paymentId(p),
      invoiceId,
      date,
      payType,
      amount,
      customer,
      class: fileClass(profile),
      note: noteText ? `: ${keapText(noteText, source, 'PayNote')}` : '',
      typeLabel: payType || (amount < 0 ? 'refund' : 'payment'),
      keapId: paymentKeapId(payments, p),
      source,
    };
    if (action === 'payment' && amount > 0) {
      writePayment(ctx, row);
    } else if (action === 'refund' || action === 'payment') {
      // A negative row of a Keap Payments pay type, a refund a deposit carries, or a refund on an
      // invoice paid only through Keap Payments.
      const fromClearing = ctx.viaClearing(payType) || (ctx.keapPayments && ctx.depositedPaymentIds.has(row.paymentId)) || facts.paidThroughKeapPayments.has(invoiceId);
      writeRefund(ctx, row, facts.unpairedRefunds.has(p), facts.totals.get(invoiceId) ?? { paid: 0, refunded: 0 }, fromClearing);
    } else if (amount < 0) {
      refuse(kind, abs, [source], 'amount.invalid', 'error', `The ${rowLabel} on invoice ${invoiceId} is negative (${formatCentsPlain(amount)}); a credit or write-off reduces what the customer owes and must be positive. Check the row in Keap.`);
    } else if (action === 'credit') {
      writeCredit(ctx, row, facts.unpairedCredits.has(p));
    } else {
      writeWriteOff(ctx, row);
    }
  }
}
