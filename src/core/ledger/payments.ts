/**
 * Keap money movements -> QuickBooks transactions: a PAYMENT per money-in row (each
 * instalment of a plan is its own), a CHECK per refund, a CREDIT MEMO per credit (comp,
 * freebie, the balance half of a refund pair) or write-off. Keap writes a refund as a pair of
 * rows, Refund (-x) and Credit (+x); unpaired halves are written with a warning.
 */
import { formatIifDate } from '../dates.ts';
import { issue } from '../issues.ts';
import type { KeapDataset, KeapPayment } from '../keap/model.ts';
import { decimalFromInt, decimalOf, formatCentsPlain, type Cents } from '../money.ts';
import { defaultPayTypeMapping } from '../profile/defaults.ts';
import type { MoneyKind } from '../report.ts';
import type { BuildContext } from './build-context.ts';
import { makeSplit, makeTransaction, type CustomerDef } from './model.ts';
import type { Sale } from './sales.ts';
import { joinFlat } from '../text/pool.ts';

const DOCNUM_LIMIT_PAYMENT = 20;

/** Stable id of a Keap payment row (its Keap id, or its content when the export has none). */
export function paymentKey(p: KeapPayment): string {
  return p.paymentId ? joinFlat('payment:', p.paymentId) : joinFlat('payment:', p.invoiceId, '|', p.date, '|', p.payType, '|', String(p.amount));
}

/**
 * Writes every payment row of the files, or sets it aside with the reason. `ordersWithoutIds`:
 * the orders export has no order or invoice id column (said when a payment finds no invoice).
 * With `release`, the dataset's payments are emptied and each row is let go once written.
 */
export function buildMoneyMovements(
  ctx: BuildContext,
  data: KeapDataset,
  findSale: (invoiceId: string) => Sale | undefined,
  customerFor: (s: Sale) => CustomerDef | null,
  ordersWithoutIds = data.orders.length > 0 && data.orders.every((o) => !o.orderId && !o.invoiceId),
  release = false,
): void {
  const { profile, reg, issues, transactions, input, consumedPayments, customers, refuse, inRange, actionOf, memo, keapText } = ctx;
  const opts = profile.options;
  const rows = data.payments;
  if (release) data.payments = [];
  // Totals paid are needed only on invoices with refunds (to warn when more went back than
  // came in), and only refunds and credits are paired: most rows are plain payments, so
  // neither map holds a row for them.
  const refundedByInvoice = new Map<string, Cents>();
  const byInvoice = new Map<string, KeapPayment[]>();
  for (const p of rows) {
    const a = actionOf(p);
    if (a === 'refund') refundedByInvoice.set(p.invoiceId, (refundedByInvoice.get(p.invoiceId) ?? 0) + Math.abs(p.amount));
    if (a !== 'refund' && a !== 'credit') continue;
    const list = byInvoice.get(p.invoiceId);
    if (list) list.push(p);
    else byInvoice.set(p.invoiceId, [p]);
  }
  const paidByInvoice = new Map<string, Cents>();
  for (const p of rows) {
    if (actionOf(p) === 'payment' && refundedByInvoice.has(p.invoiceId)) paidByInvoice.set(p.invoiceId, (paidByInvoice.get(p.invoiceId) ?? 0) + p.amount);
  }
  // Keap writes a refund as a pair: Refund (-x) and Credit (+x) on the same invoice.
  const unpairedCredits = new Set<KeapPayment>();
  const unpairedRefunds = new Set<KeapPayment>();
  for (const list of byInvoice.values()) {
    const refunds = list.filter((p) => actionOf(p) === 'refund');
    const credits = list.filter((p) => actionOf(p) === 'credit');
    const used = new Set<KeapPayment>();
    for (const r of refunds) {
      const match = credits.find((c) => !used.has(c) && Math.abs(c.amount) === Math.abs(r.amount));
      if (match) used.add(match);
      else unpairedRefunds.add(r);
    }
    for (const c of credits) if (!used.has(c)) unpairedCredits.add(c);
  }

  for (let i = 0; i < rows.length; i++) {
    const p = rows[i]!;
    // Each row is let go once written (its source row stays with what was built from it).
    if (release) (rows as (KeapPayment | undefined)[])[i] = undefined;
    const action = actionOf(p);
    const kind: MoneyKind = action === 'refund' ? 'refunds' : action === 'credit' ? 'credits' : action === 'writeOff' ? 'writeOffs' : p.amount < 0 ? 'refunds' : 'payments';
    const abs = Math.abs(p.amount);
    input[kind].amount += abs;
    input[kind].count++;
    if (consumedPayments.has(p)) continue; // written inside a cash sale
    const where = { file: p.src.file, row: p.src.row };
    const typeLabel = p.payType || (p.amount < 0 ? 'refund' : 'payment');
    // For messages: "The Credit Card row of 40.00", "The Refund row of -3.00".
    const rowLabel = `${p.payType || (p.amount < 0 ? 'refund' : 'payment')} row`;
    if (action === 'ignore') {
      refuse(kind, abs, [p.src], 'payment.ignored', 'info', `The ${rowLabel} of ${formatCentsPlain(p.amount)} on invoice ${p.invoiceId} was left out: the pay type "${p.payType}" is set to be ignored in the mapping.`);
      continue;
    }
    if (p.amount === 0) {
      refuse(kind, 0, [p.src], 'payment.zero', 'info', `The ${rowLabel} on invoice ${p.invoiceId} is for 0.00; there is nothing to write.`);
      continue;
    }
    const sale = findSale(p.invoiceId);
    const customer = sale ? customerFor(sale) : p.contactId ? (customers.get(p.contactId) ?? null) : null;
    if (!customer) {
      refuse(kind, abs, [p.src], 'payment.no-invoice', 'error', sale
        ? `The ${rowLabel} of ${formatCentsPlain(p.amount)} is for Keap invoice ${p.invoiceId}, whose contact is not in the files, so we do not know the customer. Add the contacts export.`
        : `The ${rowLabel} of ${formatCentsPlain(p.amount)} is for Keap invoice ${p.invoiceId}, which is not in the files, so we do not know the customer. Add the invoices (or orders) export that holds invoice ${p.invoiceId}${ordersWithoutIds ? ' (the orders export you added has no order or invoice id column, so payments cannot be matched to its orders)' : ''}.`);
      continue;
    }
    if (!inRange(p.date)) {
      refuse(kind, abs, [p.src], 'range.outside', 'info', `The ${rowLabel} dated ${formatIifDate(p.date)} on invoice ${p.invoiceId} is outside the chosen date range; it was left out.`);
      continue;
    }
    if (!sale) {
      // Keap keeps payments of deleted invoices; QuickBooks gets them as the customer's credit.
      issues.push(issue('payment.no-invoice', 'warning', `The ${rowLabel} of ${formatCentsPlain(p.amount)} is for Keap invoice ${p.invoiceId}, which is not in the files (deleted in Keap, or in an export you did not add). It was written for contact ${p.contactId} (${customer.name}) without an invoice, so QuickBooks will hold it as an unapplied ${p.amount > 0 ? 'payment (a credit on the customer)' : 'amount'}; apply it by hand, or add the export that holds invoice ${p.invoiceId}.`, where));
    }
    const note = p.note ? `: ${keapText(p.note, p.src, 'PayNote')}` : '';
    const pm = profile.payTypes[p.payType] ?? defaultPayTypeMapping(p.payType, p.amount);
    const cls = opts.fileClass || undefined;
    const id = paymentKey(p);
    if (action === 'payment' && p.amount > 0) {
      const deposit = reg.depositAccount(pm.account);
      const method = reg.paymentMethod(pm.paymentMethod || p.payType);
      const docNum = p.paymentId && p.paymentId.length <= DOCNUM_LIMIT_PAYMENT ? p.paymentId : '';
      transactions.push(
        makeTransaction({
          key: joinFlat('payment:', id),
          role: 'payment',
          type: 'PAYMENT',
          date: p.date,
          account: deposit,
          name: customer.name,
          class: cls,
          amount: p.amount,
          docNum: docNum || undefined,
          memo: memo(joinFlat('Keap ', typeLabel, ' payment for invoice ', p.invoiceId, note)),
          splits: [makeSplit({ account: reg.ar('paymentCredit'), name: customer.name, class: cls, amount: -p.amount, memo: memo(joinFlat('Keap invoice ', p.invoiceId)), payMethod: method || undefined })],
          sources: [p.src],
          keapIds: [id],
        }),
      );
    } else if (action === 'refund' || (action === 'payment' && p.amount < 0)) {
      if (unpairedRefunds.has(p)) {
        issues.push(issue('refund.unpaired', 'warning', `The refund of ${formatCentsPlain(abs)} on invoice ${p.invoiceId} has no matching Credit row; it was written as a refund check, but the invoice balance in QuickBooks will not be reduced unless you apply a credit.`, where));
      }
      const paid = paidByInvoice.get(p.invoiceId) ?? 0;
      const refunded = refundedByInvoice.get(p.invoiceId) ?? 0;
      if (refunded > paid) {
        issues.push(issue('refund.exceeds-paid', 'warning', `Refunds on invoice ${p.invoiceId} total ${formatCentsPlain(refunded)} but the payments in the files total ${formatCentsPlain(paid)}. The refund was written; check that the payment it returns is in QuickBooks (perhaps from an earlier export).`, where));
      }
      transactions.push(
        makeTransaction({
          key: joinFlat('refund:', id),
          role: 'refund',
          type: 'CHECK',
          date: p.date,
          account: reg.refundAccount(pm.account),
          name: customer.name,
          class: cls,
          amount: -abs,
          memo: memo(joinFlat('Keap refund for invoice ', p.invoiceId, note)),
          toPrint: false,
          address: customer.billTo,
          splits: [makeSplit({ account: reg.ar('paymentCredit'), name: customer.name, class: cls, amount: abs, memo: memo(joinFlat('Refund for Keap invoice ', p.invoiceId)) })],
          sources: [p.src],
          keapIds: [id],
        }),
      );
    } else if (action === 'credit' || action === 'writeOff') {
      if (p.amount < 0) {
        refuse(kind, abs, [p.src], 'amount.invalid', 'error', `The ${rowLabel} on invoice ${p.invoiceId} is negative (${formatCentsPlain(p.amount)}); a credit or write-off reduces what the customer owes and must be positive. Check the row in Keap.`);
        continue;
      }
      if (action === 'credit' && unpairedCredits.has(p)) {
        issues.push(issue('refund.unpaired', 'warning', `The Credit of ${formatCentsPlain(abs)} on invoice ${p.invoiceId} has no matching Refund row, so it was written as a credit memo (a comp or freebie). If money was returned, add the Refund row.`, where));
      }
      const n = reg.special(action === 'credit' ? 'credit' : 'writeOff');
      const what = action === 'credit' ? 'Credit' : 'Write-off';
      transactions.push(
        makeTransaction({
          key: joinFlat(action, ':', id),
          role: action,
          type: 'CREDIT MEMO',
          date: p.date,
          account: reg.ar('creditCredit'),
          name: customer.name,
          class: cls,
          amount: -abs,
          memo: memo(joinFlat('Keap ', what, ' on invoice ', p.invoiceId, note)),
          toPrint: false,
          isTaxable: false,
          address: customer.billTo,
          splits: [makeSplit({ account: n.account, class: cls, amount: abs, memo: memo(joinFlat(what, ' on Keap invoice ', p.invoiceId, note)), item: n.item, qty: decimalFromInt(1), price: decimalOf(BigInt(abs), 2) })],
          sources: [p.src],
          keapIds: [id],
        }),
      );
    }
  }

}
