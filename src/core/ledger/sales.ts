/**
 * Keap orders -> sales forms. Each sale is checked (date, customer, range, paid, mapped lines,
 * lines adding up to the total) and written as an INVOICE for its full total, a CREDIT MEMO
 * when it is a return, or a CASH SALE when the profile asks and it was paid in full on the
 * order date. A sale that fails a check is set aside with the reason, never adjusted.
 */
import { formatIifDate, isoOfDay } from '../dates.ts';
import { issue } from '../issues.ts';
import { sourceOf, type KeapTables } from '../keap/tables.ts';
import { formatCentsPlain } from '../money.ts';
import type { MoneyKind } from '../report.ts';
import type { BuildContext } from './build-context.ts';
import type { CustomerDef } from './model.ts';
import { cashSaleHeader, cashSalePayment } from './rules/cash-sale.ts';
import { fileClass } from './rules/classes.ts';
import { invoiceHeader } from './rules/invoice.ts';
import { planTerms } from './rules/plan.ts';
import { returnHeader } from './rules/return.ts';
import type { SaleForm } from './rules/sale-form.ts';
import { writeSaleLines } from './rules/sale-lines.ts';
import type { Sale, SalesIndex } from './sales-index.ts';

/** QuickBooks keeps at most this many characters of an invoice number. */
const DOCNUM_LIMIT_FORMS = 11;

/** How a sale is named in messages: `invoice 1001`, `order 55`, `the order on orders.csv row 3`. */
function saleLabel(sale: Sale): string {
  if (sale.invoiceId) return `invoice ${sale.invoiceId}`;
  return sale.orderId.includes('#') ? `the order on ${sale.orderId.replace('#', ' row ')}` : `order ${sale.orderId}`;
}

/** The sale's amount in Keap's sign: the invoice total when the files give one, else its lines. */
function saleAmount(tables: KeapTables, sale: Sale): number {
  if (!Number.isNaN(sale.total)) return sale.total;
  let sum = 0;
  for (const r of sale.items) sum += tables.orderItems.amount(r);
  return sum;
}

/** Writes every sale as its sales form, or sets it aside with the reason. */
export function writeSales(ctx: BuildContext, tables: KeapTables, index: SalesIndex, paymentsBySale: Map<Sale, number[]>, customerFor: (s: Sale) => CustomerDef | null): void {
  const noDetailFiles = new Map<string, number>();
  for (const sale of index.sales) {
    const withoutDetail = writeSale(ctx, tables, index, sale, paymentsBySale.get(sale) ?? [], customerFor(sale));
    if (withoutDetail) {
      const file = tables.files[tables.orders.fileIndex(sale.orderRow)] ?? '';
      noDetailFiles.set(file, (noDetailFiles.get(file) ?? 0) + 1);
    }
  }
  for (const [file, count] of noDetailFiles) {
    ctx.issues.push(issue('order.no-line-detail', 'warning', `${file} has order totals but no line detail for ${count} order${count === 1 ? '' : 's'}: each was written as one line (on the mapped product when the order holds exactly one product, otherwise on the item "${ctx.profile.items.defaultProduct}"). Add the order items export for exact lines, tax and shipping.`, { file }));
  }
}

/** Writes one sale (or sets it aside); returns whether it was written from an order row without line detail. */
function writeSale(ctx: BuildContext, tables: KeapTables, index: SalesIndex, sale: Sale, paymentRows: readonly number[], customer: CustomerDef | null): boolean {
  const { profile, issues, input, refuse, inRange, actionOf, memo, store } = ctx;
  const payments = tables.payments;
  const opts = profile.options;
  const amount = saleAmount(tables, sale);
  const moneyKind: MoneyKind = amount < 0 ? 'returns' : 'sales';
  const absAmount = Math.abs(amount);
  input[moneyKind].amount += absAmount;
  input[moneyKind].count++;
  const label = saleLabel(sale);
  const sources = index.sourcesOf(sale);

  if (Number.isNaN(sale.date) || sale.date < -100_000) {
    refuse(moneyKind, absAmount, sources, 'date.missing', 'error', `Keap ${label} has line items but no date, because neither an invoices nor an orders export holds it. Add the invoices (or orders) export that covers this order.`);
    return false;
  }
  if (!customer) {
    refuse(moneyKind, absAmount, sources, 'contact.missing', 'error', sale.contactId
      ? `Keap ${label} belongs to contact ${sale.contactId}, who is not in the contacts export, so we do not know the customer's name. Add the contacts export that holds contact ${sale.contactId}.`
      : `Keap ${label} names no contact, so it has no customer. Add the invoices or orders export with the contact id, and the contacts export.`);
    return false;
  }
  if (!inRange(sale.date)) {
    refuse(moneyKind, absAmount, sources, 'range.outside', 'info', `Keap ${label} dated ${formatIifDate(isoOfDay(sale.date))} is outside the chosen date range; it was left out.`);
    return false;
  }
  const actions = paymentRows.map((p) => actionOf(payments.payType(p), payments.amount(p)));
  const moneyIn = paymentRows.filter((p, k) => actions[k] === 'payment' && payments.amount(p) > 0);
  if (opts.skipUnpaidOrders && amount > 0 && moneyIn.length === 0) {
    refuse(moneyKind, absAmount, sources, 'order.unpaid', 'info', `Keap ${label} has no successful payment (a failed charge?); it was left out as the profile asks.`);
    return false;
  }

  store.begin();
  const lines = writeSaleLines(ctx, tables, sale, label);
  if (lines.problems.length > 0) {
    store.discard();
    const code = lines.problems.find((p) => p.code === 'product.unmapped')?.code ?? lines.problems.find((p) => p.code === 'name.too-long')?.code ?? 'name.invalid';
    refuse(moneyKind, absAmount, sources, code, 'error', `Keap ${label} was set aside: ${[...new Set(lines.problems.map((p) => p.message))].join('; ')}.`);
    return lines.withoutDetail;
  }
  if (lines.count === 0) {
    store.discard();
    refuse(moneyKind, absAmount, sources, 'order.no-lines', 'error', `Keap ${label} has no lines to write.`);
    return lines.withoutDetail;
  }
  if (!Number.isNaN(sale.total) && lines.total !== sale.total) {
    store.discard();
    refuse(moneyKind, absAmount, sources, 'order.total-mismatch', 'error', `The lines of Keap ${label} add up to ${formatCentsPlain(lines.total)} but its total is ${formatCentsPlain(sale.total)} (a difference of ${formatCentsPlain(sale.total - lines.total)}); it was set aside rather than adjusted. Check that every line of the order is in the order items export.`);
    return lines.withoutDetail;
  }

  const docSource = opts.invoiceNumberSource === 'orderId' ? sale.orderId : sale.invoiceId || sale.orderId;
  let docNum = docSource.includes('#') ? '' : docSource;
  if (docNum.length > DOCNUM_LIMIT_FORMS) {
    issues.push(issue('docnum.too-long', 'warning', `The Keap number ${docNum} is longer than the ${DOCNUM_LIMIT_FORMS} characters QuickBooks allows for an invoice number; it was left off (it is still in the memo).`, sources[0] ? { file: sources[0].file, row: sources[0].row } : {}));
    docNum = '';
  }
  const plan = planTerms(tables.payPlanItems, sale.invoiceId ? index.planItemsOf(sale.invoiceId) : []);
  const ids = [sale.invoiceId && `invoice ${sale.invoiceId}`, sale.orderId && !sale.orderId.includes('#') && sale.orderId !== sale.invoiceId && `order ${sale.orderId}`].filter(Boolean).join(', ');
  const title = sale.orderRow >= 0 ? tables.orders.title(sale.orderRow) : '';
  const baseMemo = `Keap ${ids || 'order'}${ids || !title ? '' : ` "${title}"`}`;
  const form: SaleForm = {
    saleId: sale.invoiceId || sale.orderId,
    date: sale.date,
    customer,
    docNum,
    memo: memo(plan.memo ? `${baseMemo}. ${plan.memo}` : baseMemo),
    total: lines.total,
    hasTax: lines.hasTax,
    class: fileClass(profile),
    sources,
    keapIds: [`sale:${sale.invoiceId || sale.orderId}`],
  };

  const written = paymentRows.filter((_, k) => actions[k] !== 'ignore');
  const cashPayment = cashSalePayment(ctx, payments, form, moneyIn, written);
  if (cashPayment >= 0) {
    ctx.consumedPayments.add(cashPayment);
    const txn = store.commit(cashSaleHeader(ctx, payments, form, cashPayment, sourceOf(tables, payments, cashPayment)));
    ctx.writtenPayments.set(cashPayment, { txn, clearing: ctx.viaClearing(payments.payType(cashPayment)) });
  } else if (lines.total < 0) {
    store.commit(returnHeader(ctx, form));
  } else {
    store.commit(invoiceHeader(ctx, form, plan.dueDate));
  }
  return lines.withoutDetail;
}
