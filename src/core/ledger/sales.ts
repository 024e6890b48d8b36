/**
 * Keap orders -> sales forms. Groups order items, invoices and order-level records into one
 * sale per order (Keap's invoice id and order id may differ: the invoice table is the bridge),
 * then writes each as an INVOICE for its full total, a CREDIT MEMO when it is a return, or a
 * CASH SALE when the profile asks and it was paid in full on the order date.
 */
import { formatIifDate, type IsoDate } from '../dates.ts';
import { issue } from '../issues.ts';
import { cleanIifText } from '../iif/sanitize.ts';
import type { KeapDataset, KeapInvoice, KeapOrder, KeapOrderItem, KeapPayPlanItem, KeapPayment, SourceRef } from '../keap/model.ts';
import { formatCentsPlain, sumCents, type Cents } from '../money.ts';
import { defaultPayTypeMapping } from '../profile/defaults.ts';
import type { InvoiceNumberSource } from '../profile/types.ts';
import type { MoneyKind } from '../report.ts';
import type { BuildContext } from './build-context.ts';
import { makeTransaction, type CustomerDef, type Transaction } from './model.ts';
import { paymentKey } from './payments.ts';
import { buildSaleLines } from './sale-lines.ts';
import { joinFlat } from '../text/pool.ts';

const DOCNUM_LIMIT_FORMS = 11;

/** One Keap sale: an order with its invoice, lines and customer. */
export interface Sale {
  key: string;
  orderId: string;
  invoiceId: string;
  contactId: string;
  date: IsoDate | '';
  total: Cents | null;
  items: KeapOrderItem[];
  order: KeapOrder | null;
  invoice: KeapInvoice | null;
  sources: SourceRef[];
}

/** The sum of a sale's Keap amounts: the invoice total when the files give one, else its lines. */
export function saleAmount(sale: Sale): Cents {
  if (sale.total !== null) return sale.total;
  return sumCents(sale.items.map((i) => i.amount));
}

function planMemo(amounts: { due: IsoDate; amount: Cents }[]): string {
  if (amounts.length === 0) return '';
  const sorted = [...amounts].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  const first = sorted[0]!;
  const allEqual = sorted.every((a) => a.amount === first.amount);
  const from = formatIifDate(first.due);
  if (allEqual) return `Payment plan: ${sorted.length} x ${formatCentsPlain(first.amount)} from ${from}`;
  // Runs of equal instalments: "1 x 33.34 + 2 x 33.33".
  const runs: { count: number; amount: Cents }[] = [];
  for (const a of sorted) {
    const last = runs.at(-1);
    if (last && last.amount === a.amount) last.count++;
    else runs.push({ count: 1, amount: a.amount });
  }
  return `Payment plan: ${runs.map((r) => `${r.count} x ${formatCentsPlain(r.amount)}`).join(' + ')} from ${from}`;
}

export interface SalesIndex {
  sales: Map<string, Sale>;
  /** The sale a payment's invoice id points at. */
  findSale(invoiceId: string): Sale | undefined;
  /** Instalments of the payment plans of an invoice. */
  planItemsOf(invoiceId: string): KeapPayPlanItem[];
  /** Forgets every sale (when the build no longer needs them). */
  clear(): void;
}

/** Groups the files' records into one sale per Keap order. */
export function indexSales(data: KeapDataset, paymentRefersTo: InvoiceNumberSource = 'invoiceId'): SalesIndex {
  const invoiceById = new Map<string, KeapInvoice>();
  for (const inv of data.invoices) invoiceById.set(inv.invoiceId, inv);
  const itemsByOrder = groupItemsByOrder(data.orderItems);

  const sales = new Map<string, Sale>();
  const saleByInvoiceId = new Map<string, Sale>();
  const getSale = (orderId: string): Sale => {
    let s = sales.get(orderId);
    if (!s) {
      s = { key: orderId, orderId, invoiceId: '', contactId: '', date: '', total: null, items: [], order: null, invoice: null, sources: [] };
      sales.set(orderId, s);
    }
    return s;
  };
  for (const inv of data.invoices) {
    const s = getSale(inv.orderId || inv.invoiceId);
    s.invoice = inv;
    s.invoiceId = inv.invoiceId;
    s.contactId ||= inv.contactId;
    s.date = inv.date;
    s.total = inv.total;
    s.sources.push(inv.src);
    saleByInvoiceId.set(inv.invoiceId, s);
  }
  for (const ord of data.orders) {
    const id = ord.orderId || (ord.invoiceId && invoiceById.get(ord.invoiceId)?.orderId) || ord.invoiceId || `${ord.src.file}#${ord.src.row}`;
    const s = getSale(id);
    s.order = ord;
    s.contactId ||= ord.contactId;
    s.date ||= ord.date;
    if (s.total === null) s.total = ord.total;
    if (!s.invoiceId && ord.invoiceId) {
      s.invoiceId = ord.invoiceId;
      saleByInvoiceId.set(ord.invoiceId, s);
    }
    s.sources.push(ord.src);
  }
  for (const [orderId, items] of itemsByOrder) {
    // Lines keyed by an invoice id (a line-items report, or an invoice whose id differs from
    // its order id) join that invoice's sale when no order has that id.
    const s = sales.get(orderId) ?? saleByInvoiceId.get(orderId) ?? getSale(orderId);
    s.items = items;
    s.sources.push(...items.map((i) => i.src));
  }
  // The sources go into the transactions, which outlive this index: no spare room (an array
  // grown by push keeps room for 16 more).
  for (const s of sales.values()) s.sources = s.sources.slice();
  // Without an invoices file, Keap's invoice id usually equals the order id; the profile says
  // which one the payments carry, and the other is tried only when the first finds nothing.
  const findSale =
    paymentRefersTo === 'orderId'
      ? (id: string): Sale | undefined => sales.get(id) ?? saleByInvoiceId.get(id)
      : (id: string): Sale | undefined => saleByInvoiceId.get(id) ?? sales.get(id);

  const plansByInvoice = new Map<string, string[]>();
  for (const p of data.payPlans) {
    if (!p.invoiceId) continue;
    plansByInvoice.set(p.invoiceId, [...(plansByInvoice.get(p.invoiceId) ?? []), p.payPlanId]);
  }
  const itemsByPlan = new Map<string, KeapPayPlanItem[]>();
  for (const i of data.payPlanItems) {
    const list = itemsByPlan.get(i.payPlanId);
    if (list) list.push(i);
    else itemsByPlan.set(i.payPlanId, [i]);
  }
  const planItemsOf = (invoiceId: string) => (plansByInvoice.get(invoiceId) ?? []).flatMap((id) => itemsByPlan.get(id) ?? []);
  const clear = () => {
    sales.clear();
    saleByInvoiceId.clear();
    plansByInvoice.clear();
    itemsByPlan.clear();
  };
  return { sales, findSale, planItemsOf, clear };
}

/**
 * The lines of each order, in the order they come. The merged dataset holds an order's lines
 * next to each other, so each list is one exact-size slice (lists grown by push would keep
 * room for 16 more lines each, for as long as the build runs).
 */
function groupItemsByOrder(items: readonly KeapOrderItem[]): Map<string, KeapOrderItem[]> {
  const byOrder = new Map<string, KeapOrderItem[]>();
  let start = 0;
  for (let i = 1; i <= items.length; i++) {
    if (i < items.length && items[i]!.orderId === items[start]!.orderId) continue;
    const orderId = items[start]!.orderId;
    const run = items.slice(start, i);
    const prior = byOrder.get(orderId);
    byOrder.set(orderId, prior ? prior.concat(run) : run);
    start = i;
  }
  return byOrder;
}

const NO_ITEMS: KeapOrderItem[] = [];

/**
 * Writes every sale as its sales form, or sets it aside with the reason. With `release`, each
 * sale lets go of its records (lines, order, invoice) and its payments once it is written: the
 * money movements need only its ids and contact.
 */
export function buildSales(
  ctx: BuildContext,
  index: SalesIndex,
  paymentsBySale: Map<Sale, KeapPayment[]>,
  customerFor: (s: Sale) => CustomerDef | null,
  release = false,
): void {
  const { profile, reg, issues, transactions, input, consumedPayments, refuse, inRange, actionOf, memo } = ctx;
  const opts = profile.options;
  const { sales } = index;
  const noDetailFiles = new Map<string, number>();
  for (const sale of sales.values()) {
    buildSale(sale);
    if (release) {
      sale.items = NO_ITEMS;
      sale.order = null;
      sale.invoice = null;
      paymentsBySale.delete(sale);
    }
  }
  for (const [file, count] of noDetailFiles) {
    issues.push(issue('order.no-line-detail', 'warning', `${file} has order totals but no line detail for ${count} order${count === 1 ? '' : 's'}: each was written as one line (on the mapped product when the order holds exactly one product, otherwise on the item "${profile.items.defaultProduct}"). Add the order items export for exact lines, tax and shipping.`, { file }));
  }

  function buildSale(sale: Sale): void {
    const amount = saleAmount(sale);
    const moneyKind: MoneyKind = amount < 0 ? 'returns' : 'sales';
    const absAmount = Math.abs(amount);
    input[moneyKind].amount += absAmount;
    input[moneyKind].count++;
    const label = sale.invoiceId ? `invoice ${sale.invoiceId}` : sale.orderId.includes('#') ? `the order on ${sale.orderId.replace('#', ' row ')}` : `order ${sale.orderId}`;

    if (!sale.date) {
      refuse(moneyKind, absAmount, sale.sources, 'date.missing', 'error', `Keap ${label} has line items but no date, because neither an invoices nor an orders export holds it. Add the invoices (or orders) export that covers this order.`);
      return;
    }
    const customer = customerFor(sale);
    if (!customer) {
      refuse(moneyKind, absAmount, sale.sources, 'contact.missing', 'error', sale.contactId
        ? `Keap ${label} belongs to contact ${sale.contactId}, who is not in the contacts export, so we do not know the customer's name. Add the contacts export that holds contact ${sale.contactId}.`
        : `Keap ${label} names no contact, so it has no customer. Add the invoices or orders export with the contact id, and the contacts export.`);
      return;
    }
    if (!inRange(sale.date)) {
      refuse(moneyKind, absAmount, sale.sources, 'range.outside', 'info', `Keap ${label} dated ${formatIifDate(sale.date)} is outside the chosen date range; it was left out.`);
      return;
    }
    const payments = paymentsBySale.get(sale) ?? [];
    const moneyIn = payments.filter((p) => actionOf(p) === 'payment' && p.amount > 0);
    if (opts.skipUnpaidOrders && amount > 0 && moneyIn.length === 0) {
      refuse(moneyKind, absAmount, sale.sources, 'order.unpaid', 'info', `Keap ${label} has no successful payment (a failed charge?); it was left out as the profile asks.`);
      return;
    }

    const { lines, problems, hasTax, withoutDetail } = buildSaleLines(ctx, sale, label);
    if (withoutDetail && sale.order) noDetailFiles.set(sale.order.src.file, (noDetailFiles.get(sale.order.src.file) ?? 0) + 1);

    if (problems.length > 0) {
      refuse(moneyKind, absAmount, sale.sources, problems.some((p) => p.includes('no QuickBooks item')) ? 'product.unmapped' : problems.some((p) => p.includes('allows')) ? 'name.too-long' : 'name.invalid', 'error', `Keap ${label} was set aside: ${[...new Set(problems)].join('; ')}.`);
      return;
    }
    if (lines.length === 0) {
      refuse(moneyKind, absAmount, sale.sources, 'order.no-lines', 'error', `Keap ${label} has no lines to write.`);
      return;
    }
    const linesTotal = sumCents(lines.map((l) => l.amount));
    if (sale.total !== null && linesTotal !== sale.total) {
      refuse(moneyKind, absAmount, sale.sources, 'order.total-mismatch', 'error', `The lines of Keap ${label} add up to ${formatCentsPlain(linesTotal)} but its total is ${formatCentsPlain(sale.total)} (a difference of ${formatCentsPlain(sale.total - linesTotal)}); it was set aside rather than adjusted. Check that every line of the order is in the order items export.`);
      return;
    }

    const docSource = opts.invoiceNumberSource === 'orderId' ? sale.orderId : sale.invoiceId || sale.orderId;
    let docNum = docSource.includes('#') ? '' : docSource;
    if (docNum.length > DOCNUM_LIMIT_FORMS) {
      issues.push(issue('docnum.too-long', 'warning', `The Keap number ${docNum} is longer than the ${DOCNUM_LIMIT_FORMS} characters QuickBooks allows for an invoice number; it was left off (it is still in the memo).`, sale.sources[0] ? { file: sale.sources[0].file, row: sale.sources[0].row } : {}));
      docNum = '';
    }

    // Payment plan: due date = last instalment; memo summarises the plan.
    const planItems = sale.invoiceId ? index.planItemsOf(sale.invoiceId) : [];
    const planText = planMemo(planItems.map((i) => ({ due: i.dueDate, amount: i.amountDue })));
    const dueDate = planItems.length > 0 ? planItems.map((i) => i.dueDate).sort().at(-1) : undefined;
    const ids = [sale.invoiceId && `invoice ${sale.invoiceId}`, sale.orderId && !sale.orderId.includes('#') && sale.orderId !== sale.invoiceId && `order ${sale.orderId}`].filter(Boolean).join(', ');
    const title = sale.order?.title ? ` "${sale.order.title}"` : '';
    // Kept strings are joined flat (see joinFlat): a template literal keeps its pieces too.
    const baseMemo = memo(planText ? joinFlat('Keap ', ids || 'order', ids ? '' : title, '. ', planText) : joinFlat('Keap ', ids || 'order', ids ? '' : title));
    const keapIds = [joinFlat('sale:', sale.invoiceId || sale.orderId)];
    const cls = opts.fileClass || undefined;

    const isReturn = linesTotal < 0;
    const single = moneyIn.length === 1 ? moneyIn[0]! : null;
    const cashSale = !isReturn && opts.cashSaleWhenPaidOnOrderDate && single !== null && single.date === sale.date && single.amount === linesTotal && moneyIn.length === payments.filter((p) => actionOf(p) !== 'ignore').length;
    const saleId = sale.invoiceId || sale.orderId;
    // The three sales forms of an order differ only in these fields.
    let form: Pick<Transaction, 'key' | 'role' | 'type' | 'account' | 'memo' | 'payMethod' | 'sources' | 'keapIds' | 'dueDate' | 'terms'>;
    if (cashSale && single) {
      const pm = profile.payTypes[single.payType] ?? defaultPayTypeMapping(single.payType, single.amount);
      consumedPayments.add(single);
      form = {
        key: joinFlat('cashsale:', saleId),
        role: 'cashSale',
        type: 'CASH SALE',
        account: reg.depositAccount(pm.account),
        memo: memo(joinFlat(baseMemo, '. Paid ', formatIifDate(single.date), ' by ', single.payType || 'payment')),
        payMethod: reg.paymentMethod(pm.paymentMethod || single.payType) || undefined,
        sources: [...sale.sources, single.src],
        keapIds: [...keapIds, paymentKey(single)],
        dueDate: undefined,
        terms: undefined,
      };
    } else if (isReturn) {
      form = { key: joinFlat('return:', saleId), role: 'return', type: 'CREDIT MEMO', account: reg.ar('creditCredit'), memo: memo(joinFlat('Return: ', baseMemo)), payMethod: undefined, sources: sale.sources, keapIds, dueDate: undefined, terms: undefined };
    } else {
      form = {
        key: joinFlat('invoice:', saleId),
        role: 'invoice',
        type: 'INVOICE',
        account: reg.ar('accountsReceivable'),
        memo: baseMemo,
        payMethod: undefined,
        sources: sale.sources,
        keapIds,
        dueDate,
        terms: opts.terms ? cleanIifText(opts.terms, 31).text : undefined,
      };
    }
    transactions.push(
      makeTransaction({
        key: form.key,
        role: form.role,
        type: form.type,
        date: sale.date,
        account: form.account,
        name: customer.name,
        class: cls,
        amount: linesTotal,
        docNum: docNum || undefined,
        memo: form.memo,
        dueDate: form.dueDate,
        terms: form.terms,
        payMethod: form.payMethod,
        toPrint: false,
        isTaxable: hasTax,
        address: customer.billTo,
        splits: lines.map((l) => l.split),
        sources: form.sources,
        keapIds: form.keapIds,
      }),
    );
  }
}
