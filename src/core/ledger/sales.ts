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
import { absDecimal, decimalFromInt, formatCentsPlain, negateCents, sumCents, type Cents, type Decimal } from '../money.ts';
import { defaultPayTypeMapping } from '../profile/defaults.ts';
import type { MoneyKind } from '../report.ts';
import type { BuildContext } from './build-context.ts';
import type { CustomerDef, Split } from './model.ts';
import { paymentKey } from './payments.ts';

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

interface BuiltLine {
  split: Split;
  amount: Cents; // Keap sign: positive = sale
}

function linesTotalSign(sale: Sale): number {
  return Math.sign(sumCents(sale.items.map((i) => i.amount)));
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
}

/** Groups the files' records into one sale per Keap order. */
export function indexSales(data: KeapDataset): SalesIndex {
  const invoiceById = new Map<string, KeapInvoice>();
  for (const inv of data.invoices) invoiceById.set(inv.invoiceId, inv);
  const itemsByOrder = new Map<string, KeapOrderItem[]>();
  for (const it of data.orderItems) {
    const list = itemsByOrder.get(it.orderId);
    if (list) list.push(it);
    else itemsByOrder.set(it.orderId, [it]);
  }

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
    const s = getSale(orderId);
    s.items = items;
    s.sources.push(...items.map((i) => i.src));
  }
  // Without an invoices file, Keap's invoice id usually equals the order id.
  const findSale = (invoiceId: string): Sale | undefined => saleByInvoiceId.get(invoiceId) ?? sales.get(invoiceId);

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
  return { sales, findSale, planItemsOf };
}

/** Writes every sale as its sales form, or sets it aside with the reason. */
export function buildSales(
  ctx: BuildContext,
  index: SalesIndex,
  paymentsBySale: Map<Sale, KeapPayment[]>,
  customerFor: (s: Sale) => CustomerDef | null,
): void {
  const { profile, reg, issues, transactions, input, consumedPayments, refuse, inRange, actionOf, memo, keapText } = ctx;
  const opts = profile.options;
  const { sales } = index;
  const noDetailFiles = new Map<string, number>();
  for (const sale of sales.values()) {
    const amount = saleAmount(sale);
    const moneyKind: MoneyKind = amount < 0 ? 'returns' : 'sales';
    const absAmount = Math.abs(amount);
    input[moneyKind].amount += absAmount;
    input[moneyKind].count++;
    const label = sale.invoiceId ? `invoice ${sale.invoiceId}` : sale.orderId.includes('#') ? `the order on ${sale.orderId.replace('#', ' row ')}` : `order ${sale.orderId}`;

    if (!sale.date) {
      refuse(moneyKind, absAmount, sale.sources, 'date.missing', 'error', `Keap ${label} has line items but no date, because neither an invoices nor an orders export holds it. Add the invoices (or orders) export that covers this order.`);
      continue;
    }
    const customer = customerFor(sale);
    if (!customer) {
      refuse(moneyKind, absAmount, sale.sources, 'contact.missing', 'error', sale.contactId
        ? `Keap ${label} belongs to contact ${sale.contactId}, who is not in the contacts export, so we do not know the customer's name. Add the contacts export that holds contact ${sale.contactId}.`
        : `Keap ${label} names no contact, so it has no customer. Add the invoices or orders export with the contact id, and the contacts export.`);
      continue;
    }
    if (!inRange(sale.date)) {
      refuse(moneyKind, absAmount, sale.sources, 'range.outside', 'info', `Keap ${label} dated ${formatIifDate(sale.date)} is outside the chosen date range; it was left out.`);
      continue;
    }
    const payments = paymentsBySale.get(sale) ?? [];
    const moneyIn = payments.filter((p) => actionOf(p) === 'payment' && p.amount > 0);
    if (opts.skipUnpaidOrders && amount > 0 && moneyIn.length === 0) {
      refuse(moneyKind, absAmount, sale.sources, 'order.unpaid', 'info', `Keap ${label} has no successful payment (a failed charge?); it was left out as the profile asks.`);
      continue;
    }

    // Lines
    const lines: BuiltLine[] = [];
    const problems: string[] = [];
    const lineSources: SourceRef[] = [];
    let hasTax = false;
    const taxLines: KeapOrderItem[] = [];
    const productClass = (cls: string | undefined) => cls || opts.fileClass || undefined;
    const addItemLine = (item: string, account: string, desc: string, qty: Decimal, price: Decimal, amountCents: Cents, cls?: string, taxable?: boolean) => {
      const splitAmount = negateCents(amountCents);
      const absQty = absDecimal(qty);
      // QNTY takes the sign of the split amount; PRICE stays positive.
      const signedQty = splitAmount < 0 ? { units: -absQty.units, scale: absQty.scale } : absQty;
      lines.push({
        amount: amountCents,
        split: {
          account,
          amount: splitAmount,
          memo: memo(desc),
          item,
          qty: signedQty,
          price: absDecimal(price),
          ...(productClass(cls) ? { class: productClass(cls)! } : {}),
          ...(taxable !== undefined ? { taxable } : {}),
        },
      });
    };

    // Product lines are marked taxable when Keap charged tax on the order, as in the worked
    // example (iif-format.md 9.1); shipping, discounts and fees are not. The tax amount itself
    // is Keap's, written on the AUTOSTAX line.
    const orderHasTax = sale.items.some((it) => it.itemType === 2);
    if (sale.items.length > 0) {
      for (const it of sale.items) {
        lineSources.push(it.src);
        const desc = keapText(it.description || it.name, it.src, it.description ? 'ItemDescription' : 'ItemName');
        switch (it.itemType) {
          case 1: {
            const n = reg.special('shipping');
            addItemLine(n.item, n.account, desc || 'Shipping', it.qty.units === 0n ? decimalFromInt(1) : it.qty, it.unitPrice, it.amount);
            break;
          }
          case 2:
            taxLines.push(it);
            break;
          case 6: {
            const n = reg.special('financeCharge');
            addItemLine(n.item, n.account, desc || 'Finance charge', it.qty, it.unitPrice, it.amount);
            break;
          }
          case 7: case 10: case 11: case 12: case 13: case 14: {
            const n = reg.special('discount');
            addItemLine(n.item, n.account, desc || 'Discount', it.qty, it.unitPrice, it.amount);
            break;
          }
          case 0:
            if (it.amount < 0) {
              const n = reg.special('discount');
              addItemLine(n.item, n.account, desc || 'Discount', it.qty, it.unitPrice, it.amount);
              break;
            }
          // falls through: a positive manual line is a product
          default: {
            const m = profile.products[it.name];
            if (!m) {
              problems.push(`product "${it.name}" has no QuickBooks item in the mapping`);
              issues.push(issue('product.unmapped', 'error', `The Keap product "${it.name}" has no QuickBooks item in the mapping, so ${label} was set aside. Map the product in the Mapping step (or run the template again).`, { file: it.src.file, row: it.src.row, column: 'ItemName' }));
              break;
            }
            const bad = reg.useProduct(it.name, m);
            if (bad.length > 0) problems.push(...bad);
            addItemLine(m.item, m.account, desc, it.qty, it.unitPrice, it.amount, m.class, orderHasTax);
          }
        }
      }
    } else if (sale.order) {
      const names = sale.order.productNames;
      const only = names.length === 1 ? names[0]! : null;
      const m = only !== null ? profile.products[only] : undefined;
      const total = sale.total ?? 0;
      if (only !== null && m) {
        const bad = reg.useProduct(only, m);
        if (bad.length > 0) problems.push(...bad);
        addItemLine(m.item, m.account, only, decimalFromInt(1), { units: BigInt(Math.abs(total)), scale: 2 }, total, m.class);
      } else {
        const n = reg.special('defaultProduct');
        const desc = names.length > 0 ? `Keap order: ${names.join(', ')}` : sale.order.title || 'Keap order';
        addItemLine(n.item, n.account, desc, decimalFromInt(1), { units: BigInt(Math.abs(total)), scale: 2 }, total);
      }
      noDetailFiles.set(sale.order.src.file, (noDetailFiles.get(sale.order.src.file) ?? 0) + 1);
    } else if (sale.invoice) {
      const n = reg.special('defaultProduct');
      const total = sale.total ?? 0;
      addItemLine(n.item, n.account, sale.invoice.description || `Keap invoice ${sale.invoiceId}`, decimalFromInt(1), { units: BigInt(Math.abs(total)), scale: 2 }, total);
      issues.push(issue('order.no-line-detail', 'warning', `Keap invoice ${sale.invoiceId} has no line items in the files; it was written as one line on the item "${n.item}" for its total. Add the order items export for line detail.`, { file: sale.invoice.src.file, row: sale.invoice.src.row }));
    }

    const productLines = sale.items.filter((it) => [3, 4, 5, 8, 9].includes(it.itemType) || (it.itemType === 0 && it.amount > 0));
    const firstReturn = productLines.find((it) => it.amount < 0);
    if (firstReturn && productLines.some((it) => it.amount > 0)) {
      issues.push(issue('order.mixed-signs', 'warning', `Keap ${label} has both sold and returned products (a negative quantity or price on "${firstReturn.name}"); the return is written as a line on the same ${linesTotalSign(sale) < 0 ? 'credit memo' : 'invoice'}.`, { file: firstReturn.src.file, row: firstReturn.src.row }));
    }

    if (taxLines.length > 0) {
      hasTax = true;
      const taxTotal = sumCents(taxLines.map((t) => t.amount));
      const n = reg.special('salesTax');
      const agency = reg.taxAgency();
      lines.push({
        amount: taxTotal,
        split: {
          account: n.account,
          name: agency,
          amount: negateCents(taxTotal),
          memo: memo(taxLines.map((t) => t.description || t.name).filter((x, i, a) => a.indexOf(x) === i).join(', ') || 'Sales tax'),
          item: n.item,
          ...(profile.tax.rate ? { rate: `${profile.tax.rate}%` } : {}),
          extra: 'AUTOSTAX',
        },
      });
    }

    if (problems.length > 0) {
      refuse(moneyKind, absAmount, sale.sources, problems.some((p) => p.includes('no QuickBooks item')) ? 'product.unmapped' : problems.some((p) => p.includes('allows')) ? 'name.too-long' : 'name.invalid', 'error', `Keap ${label} was set aside: ${[...new Set(problems)].join('; ')}.`);
      continue;
    }
    if (lines.length === 0) {
      refuse(moneyKind, absAmount, sale.sources, 'order.no-lines', 'error', `Keap ${label} has no lines to write.`);
      continue;
    }
    const linesTotal = sumCents(lines.map((l) => l.amount));
    if (sale.total !== null && linesTotal !== sale.total) {
      refuse(moneyKind, absAmount, sale.sources, 'order.total-mismatch', 'error', `The lines of Keap ${label} add up to ${formatCentsPlain(linesTotal)} but its total is ${formatCentsPlain(sale.total)} (a difference of ${formatCentsPlain(sale.total - linesTotal)}); it was set aside rather than adjusted. Check that every line of the order is in the order items export.`);
      continue;
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
    const baseMemo = memo([`Keap ${ids || 'order'}`, planText].filter(Boolean).join('. '));
    const keapIds = [`sale:${sale.invoiceId || sale.orderId}`];
    const cls = opts.fileClass || undefined;

    const isReturn = linesTotal < 0;
    const single = moneyIn.length === 1 ? moneyIn[0]! : null;
    const cashSale = !isReturn && opts.cashSaleWhenPaidOnOrderDate && single !== null && single.date === sale.date && single.amount === linesTotal && moneyIn.length === payments.filter((p) => actionOf(p) !== 'ignore').length;
    const splits = lines.map((l) => l.split);
    // What every sales form (invoice, credit memo, cash sale) of this order shares.
    const form = {
      date: sale.date,
      name: customer.name,
      amount: linesTotal,
      ...(docNum ? { docNum } : {}),
      toPrint: false,
      isTaxable: hasTax,
      address: customer.billTo,
      ...(cls ? { class: cls } : {}),
      splits,
    };
    if (cashSale && single) {
      const pm = profile.payTypes[single.payType] ?? defaultPayTypeMapping(single.payType, single.amount);
      const method = reg.paymentMethod(pm.paymentMethod || single.payType);
      consumedPayments.add(single);
      transactions.push({
        ...form,
        key: `cashsale:${sale.invoiceId || sale.orderId}`,
        role: 'cashSale',
        type: 'CASH SALE',
        account: reg.depositAccount(pm.account),
        memo: memo(`${baseMemo}. Paid ${formatIifDate(single.date)} by ${single.payType || 'payment'}`),
        ...(method ? { payMethod: method } : {}),
        sources: [...sale.sources, single.src],
        keapIds: [...keapIds, paymentKey(single)],
      });
    } else if (isReturn) {
      transactions.push({
        ...form,
        key: `return:${sale.invoiceId || sale.orderId}`,
        role: 'return',
        type: 'CREDIT MEMO',
        account: reg.ar('creditCredit'),
        memo: memo(`Return: ${baseMemo}`),
        sources: sale.sources,
        keapIds,
      });
    } else {
      transactions.push({
        ...form,
        key: `invoice:${sale.invoiceId || sale.orderId}`,
        role: 'invoice',
        type: 'INVOICE',
        account: reg.ar('accountsReceivable'),
        memo: baseMemo,
        ...(dueDate ? { dueDate } : {}),
        ...(opts.terms ? { terms: cleanIifText(opts.terms, 31).text } : {}),
        sources: sale.sources,
        keapIds,
      });
    }
  }
  for (const [file, count] of noDetailFiles) {
    issues.push(issue('order.no-line-detail', 'warning', `${file} has order totals but no line detail for ${count} order${count === 1 ? '' : 's'}: each was written as one line (on the mapped product when the order holds exactly one product, otherwise on the item "${profile.items.defaultProduct}"). Add the order items export for exact lines, tax and shipping.`, { file }));
  }

}
