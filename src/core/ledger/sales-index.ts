/**
 * Keap orders joined into sales: one Sale per order, with its invoice row, order row and line
 * rows. Keap's invoice id and order id may differ (the invoice table is the bridge), and the
 * payments point at one or the other, as the profile says.
 */
import { NO_DAY, type Day } from '../dates.ts';
import type { SourceRef } from '../keap/model.ts';
import { sourceOf, type KeapTables } from '../keap/tables.ts';
import type { Cents } from '../money.ts';
import type { InvoiceNumberSource } from '../profile/types.ts';

/** One Keap sale: an order with its invoice, lines and customer (rows of the tables). */
export interface Sale {
  /** The order id, or `file#row` for an order row without ids. */
  key: string;
  orderId: string;
  invoiceId: string;
  contactId: string;
  date: Day;
  /** The invoice (or order) total; NaN when the files give none. */
  total: Cents;
  /** Rows in `tables.orderItems`. */
  items: number[];
  /** Row in `tables.orders`, or -1. */
  orderRow: number;
  /** Row in `tables.invoices`, or -1. */
  invoiceRow: number;
}

export interface SalesIndex {
  /** Every sale, in the order first met (invoices, then orders, then lines). */
  sales: Sale[];
  /** The sale a payment's invoice id points at. */
  findSale(invoiceId: string): Sale | undefined;
  /** Instalment rows (in `tables.payPlanItems`) of the payment plans of an invoice. */
  planItemsOf(invoiceId: string): number[];
  /** Keap rows behind a sale: invoice, order, then lines. */
  sourcesOf(sale: Sale): SourceRef[];
}

const NO_ITEMS: number[] = [];

/** Joins the tables into one sale per Keap order. */
export function indexSales(tables: KeapTables, paymentRefersTo: InvoiceNumberSource = 'invoiceId'): SalesIndex {
  const { invoices, orders, orderItems } = tables;
  const sales: Sale[] = [];
  const byOrderId = new Map<string, Sale>();
  const byInvoiceId = new Map<string, Sale>();
  const saleFor = (orderId: string): Sale => {
    let s = byOrderId.get(orderId);
    if (!s) {
      s = { key: orderId, orderId, invoiceId: '', contactId: '', date: NO_DAY, total: Number.NaN, items: NO_ITEMS, orderRow: -1, invoiceRow: -1 };
      byOrderId.set(orderId, s);
      sales.push(s);
    }
    return s;
  };
  const orderOfInvoice = new Map<string, string>();
  for (let r = 0; r < invoices.count; r++) {
    const invoiceId = invoices.invoiceId(r);
    const orderId = invoices.orderId(r);
    orderOfInvoice.set(invoiceId, orderId);
    const s = saleFor(orderId || invoiceId);
    s.invoiceRow = r;
    s.invoiceId = invoiceId;
    s.contactId ||= invoices.contactId(r);
    s.date = invoices.date(r);
    s.total = invoices.total(r);
    byInvoiceId.set(invoiceId, s);
  }
  for (let r = 0; r < orders.count; r++) {
    const orderId = orders.orderId(r);
    const invoiceId = orders.invoiceId(r);
    const src = sourceOf(tables, orders, r);
    const s = saleFor(orderId || (invoiceId && orderOfInvoice.get(invoiceId)) || invoiceId || `${src.file}#${src.row}`);
    s.orderRow = r;
    s.contactId ||= orders.contactId(r);
    if (s.date === NO_DAY) s.date = orders.date(r);
    if (Number.isNaN(s.total)) s.total = orders.total(r);
    if (!s.invoiceId && invoiceId) {
      s.invoiceId = invoiceId;
      byInvoiceId.set(invoiceId, s);
    }
  }
  // An order's lines sit next to each other; lines keyed by an invoice id (a line-items report,
  // or an invoice whose id differs from its order id) join that invoice's sale when no order has that id.
  for (let r = 0; r < orderItems.count; ) {
    const orderId = orderItems.orderId(r);
    let end = r + 1;
    while (end < orderItems.count && orderItems.orderId(end) === orderId) end++;
    const s = byOrderId.get(orderId) ?? byInvoiceId.get(orderId) ?? saleFor(orderId);
    const rows: number[] = s.items === NO_ITEMS ? [] : s.items;
    for (let k = r; k < end; k++) rows.push(k);
    s.items = rows;
    r = end;
  }
  // Without an invoices file, Keap's invoice id usually equals the order id; the profile says
  // which one the payments carry, and the other is tried only when the first finds nothing.
  const findSale =
    paymentRefersTo === 'orderId'
      ? (id: string): Sale | undefined => byOrderId.get(id) ?? byInvoiceId.get(id)
      : (id: string): Sale | undefined => byInvoiceId.get(id) ?? byOrderId.get(id);

  const plansByInvoice = new Map<string, string[]>();
  for (let r = 0; r < tables.payPlans.count; r++) {
    const invoiceId = tables.payPlans.invoiceId(r);
    if (!invoiceId) continue;
    const list = plansByInvoice.get(invoiceId);
    if (list) list.push(tables.payPlans.payPlanId(r));
    else plansByInvoice.set(invoiceId, [tables.payPlans.payPlanId(r)]);
  }
  const itemsByPlan = new Map<string, number[]>();
  for (let r = 0; r < tables.payPlanItems.count; r++) {
    const id = tables.payPlanItems.payPlanId(r);
    const list = itemsByPlan.get(id);
    if (list) list.push(r);
    else itemsByPlan.set(id, [r]);
  }
  const planItemsOf = (invoiceId: string): number[] => (plansByInvoice.get(invoiceId) ?? []).flatMap((id) => itemsByPlan.get(id) ?? []);

  const sourcesOf = (sale: Sale): SourceRef[] => {
    const out: SourceRef[] = [];
    if (sale.invoiceRow >= 0) out.push(sourceOf(tables, invoices, sale.invoiceRow));
    if (sale.orderRow >= 0) out.push(sourceOf(tables, orders, sale.orderRow));
    for (const r of sale.items) out.push(sourceOf(tables, orderItems, r));
    return out;
  };
  return { sales, findSale, planItemsOf, sourcesOf };
}
