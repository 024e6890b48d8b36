/**
 * Keap dataset + profile -> QuickBooks transactions. Each Keap event becomes what an
 * accountant would enter by hand: one INVOICE per order for its full total (payment plans
 * included: QuickBooks has none), one PAYMENT per instalment, a CHECK per refund, a CREDIT
 * MEMO per credit, write-off or return. Records that cannot be written are set aside with
 * the reason; nothing is adjusted to make numbers fit.
 */
import { formatIifDate, type IsoDate } from '../dates.ts';
import { issue, type Issue } from '../issues.ts';
import { cleanIifText } from '../iif/sanitize.ts';
import type {
  KeapDataset,
  KeapInvoice,
  KeapOrder,
  KeapOrderItem,
  KeapPayment,
  SourceRef,
} from '../keap/model.ts';
import {
  absDecimal,
  decimalFromInt,
  formatCentsPlain,
  negateCents,
  sumCents,
  type Cents,
  type Decimal,
} from '../money.ts';
import { defaultPayTypeMapping } from '../profile/defaults.ts';
import type { PayTypeAction, Profile } from '../profile/types.ts';
import type { MoneyKind } from '../report.ts';
import { checkBalanced } from './check.ts';
import { assignCustomerNames, type ContactInput } from './customers.ts';
import type { CustomerDef, Split, Transaction } from './model.ts';
import { NameRegistry } from './registry.ts';

/** A Keap record (or group) that could not be written, with its money for reconciliation. */
export interface SetAside {
  kind: MoneyKind;
  amount: Cents;
  sources: SourceRef[];
  code: Issue['code'];
}

export interface BuildResult {
  transactions: Transaction[];
  setAside: SetAside[];
  issues: Issue[];
  registry: NameRegistry;
  customers: Map<string, CustomerDef>;
  /** Money read from the files per kind (independent of what was written). */
  input: Record<MoneyKind, { amount: Cents; count: number }>;
}

const MEMO_LIMIT = 4095;
const DOCNUM_LIMIT_FORMS = 11;
const DOCNUM_LIMIT_PAYMENT = 20;

/** One Keap sale: an order with its invoice, lines and customer. */
interface Sale {
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

function sourceOf(...lists: (SourceRef | undefined)[]): SourceRef[] {
  return lists.filter((s): s is SourceRef => s !== undefined);
}

function linesTotalSign(sale: Sale): number {
  return Math.sign(sumCents(sale.items.map((i) => i.amount)));
}

/** The sum of a sale's Keap amounts: the invoice total when the files give one, else its lines. */
function saleAmount(sale: Sale): Cents {
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

export function buildTransactions(data: KeapDataset, profile: Profile): BuildResult {
  const issues: Issue[] = [];
  const transactions: Transaction[] = [];
  const setAside: SetAside[] = [];
  const input: BuildResult['input'] = {
    sales: { amount: 0, count: 0 },
    returns: { amount: 0, count: 0 },
    payments: { amount: 0, count: 0 },
    refunds: { amount: 0, count: 0 },
    credits: { amount: 0, count: 0 },
    writeOffs: { amount: 0, count: 0 },
  };
  const reg = new NameRegistry(profile);
  const opts = profile.options;

  // ---- index the files ------------------------------------------------------------------
  const contactsById = new Map(data.contacts.map((c) => [c.contactId, c]));
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

  // ---- customers ------------------------------------------------------------------------
  const contactInputs: ContactInput[] = [];
  const seenContact = new Set<string>();
  for (const s of sales.values()) {
    if (s.contactId && contactsById.has(s.contactId)) {
      if (!seenContact.has(s.contactId)) {
        const c = contactsById.get(s.contactId)!;
        contactInputs.push({ ...c });
        seenContact.add(s.contactId);
      }
    } else if (s.order && (s.order.contact.firstName || s.order.contact.lastName || s.order.contact.company)) {
      const id = s.contactId || `order:${s.key}`;
      if (!seenContact.has(id)) {
        contactInputs.push({ ...s.order.contact, contactId: id, src: s.order.src });
        seenContact.add(id);
      }
      s.contactId = id;
    }
  }
  for (const p of data.payments) {
    if (!findSale(p.invoiceId) && p.contactId && contactsById.has(p.contactId) && !seenContact.has(p.contactId)) {
      contactInputs.push({ ...contactsById.get(p.contactId)! });
      seenContact.add(p.contactId);
    }
  }
  const reserved = new Set<string>([profile.tax.agency.toLowerCase()]);
  for (const v of profile.qbLists?.vendors ?? []) reserved.add(v.name.toLowerCase());
  for (const v of profile.qbLists?.otherNames ?? []) reserved.add(v.name.toLowerCase());
  const { customers, issues: customerIssues } = assignCustomerNames(contactInputs, opts.customerName, reserved);
  issues.push(...customerIssues);

  const customerFor = (s: Sale): CustomerDef | null => (s.contactId ? (customers.get(s.contactId) ?? null) : null);

  // ---- payments grouped by sale (for cash sales, unpaid orders, refund checks) -----------
  const actionOf = (p: KeapPayment): PayTypeAction => {
    const m = profile.payTypes[p.payType] ?? defaultPayTypeMapping(p.payType, p.amount);
    if (m.action === 'payment' && p.amount < 0) return 'refund';
    return m.action;
  };
  const paymentsBySale = new Map<Sale, KeapPayment[]>();
  for (const p of data.payments) {
    const s = findSale(p.invoiceId);
    if (!s) continue;
    const list = paymentsBySale.get(s);
    if (list) list.push(p);
    else paymentsBySale.set(s, [p]);
  }

  const inRange = (d: IsoDate): boolean => (!opts.dateFrom || d >= opts.dateFrom) && (!opts.dateTo || d <= opts.dateTo);
  const memo = (text: string): string => cleanIifText(text, MEMO_LIMIT).text;
  /**
   * Cleans a Keap text that goes into the file, warning (once per row and column) when
   * QuickBooks could not take it as it is: characters outside Windows-1252, or too long.
   */
  const warnedText = new Set<string>();
  const keapText = (text: string, src: SourceRef, column: string): string => {
    const c = cleanIifText(text, MEMO_LIMIT);
    const key = `${src.file}\u0000${src.row}\u0000${column}`;
    if (warnedText.has(key)) return c.text;
    const outside = [...text].some((ch) => !/[\t\r\n]/.test(ch) && (ch.codePointAt(0)! > 0xff || (ch.codePointAt(0)! >= 0x80 && ch.codePointAt(0)! < 0xa0)) && !cleanIifText(ch).text.includes(ch));
    if (c.truncated) {
      warnedText.add(key);
      issues.push(issue('text.truncated', 'warning', `The ${column} text is longer than the ${MEMO_LIMIT} characters QuickBooks keeps in a memo; it was shortened.`, { file: src.file, row: src.row, column }));
    } else if (outside) {
      warnedText.add(key);
      issues.push(issue('text.replaced', 'warning', `The ${column} text holds characters QuickBooks Desktop cannot store (outside Windows-1252, such as emoji or CJK); they were replaced: "${c.text.slice(0, 60)}".`, { file: src.file, row: src.row, column, raw: text.slice(0, 200) }));
    }
    return c.text;
  };
  const consumedPayments = new Set<KeapPayment>();

  const refuse = (kind: MoneyKind, amount: Cents, sources: SourceRef[], code: Issue['code'], severity: 'error' | 'warning' | 'info', message: string) => {
    setAside.push({ kind, amount, sources, code });
    const first = sources[0];
    issues.push(issue(code, severity, message, first ? { file: first.file, row: first.row } : {}));
  };

  // ---- sales: invoices, returns, cash sales ---------------------------------------------
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
    const plans = data.payPlans.filter((p) => p.invoiceId && p.invoiceId === sale.invoiceId);
    const planItems = data.payPlanItems.filter((i) => plans.some((p) => p.payPlanId === i.payPlanId));
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

  // ---- money movements ------------------------------------------------------------------
  const paidByInvoice = new Map<string, Cents>();
  const refundedByInvoice = new Map<string, Cents>();
  for (const p of data.payments) {
    const a = actionOf(p);
    if (a === 'payment') paidByInvoice.set(p.invoiceId, (paidByInvoice.get(p.invoiceId) ?? 0) + p.amount);
    if (a === 'refund') refundedByInvoice.set(p.invoiceId, (refundedByInvoice.get(p.invoiceId) ?? 0) + Math.abs(p.amount));
  }
  // Keap writes a refund as a pair: Refund (-x) and Credit (+x) on the same invoice.
  const unpairedCredits = new Set<KeapPayment>();
  const unpairedRefunds = new Set<KeapPayment>();
  const byInvoice = new Map<string, KeapPayment[]>();
  for (const p of data.payments) {
    const list = byInvoice.get(p.invoiceId);
    if (list) list.push(p);
    else byInvoice.set(p.invoiceId, [p]);
  }
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

  for (const p of data.payments) {
    const action = actionOf(p);
    const kind: MoneyKind = action === 'refund' ? 'refunds' : action === 'credit' ? 'credits' : action === 'writeOff' ? 'writeOffs' : p.amount < 0 ? 'refunds' : 'payments';
    const abs = Math.abs(p.amount);
    input[kind].amount += abs;
    input[kind].count++;
    if (consumedPayments.has(p)) continue; // written inside a cash sale
    const where = { file: p.src.file, row: p.src.row };
    const typeLabel = p.payType || (p.amount < 0 ? 'refund' : 'payment');
    if (action === 'ignore') {
      refuse(kind, abs, [p.src], 'payment.ignored', 'info', `The ${typeLabel} of ${formatCentsPlain(p.amount)} on invoice ${p.invoiceId} was left out: the pay type "${p.payType}" is set to be ignored in the mapping.`);
      continue;
    }
    if (p.amount === 0) {
      refuse(kind, 0, [p.src], 'payment.zero', 'info', `The ${typeLabel} row on invoice ${p.invoiceId} is for 0.00; there is nothing to write.`);
      continue;
    }
    const sale = findSale(p.invoiceId);
    const customer = sale ? customerFor(sale) : p.contactId ? (customers.get(p.contactId) ?? null) : null;
    if (!customer) {
      refuse(kind, abs, [p.src], 'payment.no-invoice', 'error', sale
        ? `The ${typeLabel} of ${formatCentsPlain(p.amount)} is for Keap invoice ${p.invoiceId}, whose contact is not in the files, so we do not know the customer. Add the contacts export.`
        : `The ${typeLabel} of ${formatCentsPlain(p.amount)} is for Keap invoice ${p.invoiceId}, which is not in the files, so we do not know the customer. Add the invoices (or orders) export that holds invoice ${p.invoiceId}.`);
      continue;
    }
    if (!inRange(p.date)) {
      refuse(kind, abs, [p.src], 'range.outside', 'info', `The ${typeLabel} dated ${formatIifDate(p.date)} on invoice ${p.invoiceId} is outside the chosen date range; it was left out.`);
      continue;
    }
    const note = p.note ? `: ${keapText(p.note, p.src, 'PayNote')}` : '';
    const pm = profile.payTypes[p.payType] ?? defaultPayTypeMapping(p.payType, p.amount);
    const cls = opts.fileClass || undefined;
    const base = { date: p.date, name: customer.name, sources: [p.src], keapIds: [paymentKey(p)], ...(cls ? { class: cls } : {}) };
    if (action === 'payment' && p.amount > 0) {
      const deposit = reg.depositAccount(pm.account);
      const method = reg.paymentMethod(pm.paymentMethod || p.payType);
      const docNum = p.paymentId && p.paymentId.length <= DOCNUM_LIMIT_PAYMENT ? p.paymentId : '';
      transactions.push({
        ...base,
        key: `payment:${paymentKey(p)}`,
        role: 'payment',
        type: 'PAYMENT',
        account: deposit,
        amount: p.amount,
        ...(docNum ? { docNum } : {}),
        memo: memo(`Keap ${typeLabel} payment for invoice ${p.invoiceId}${note}`),
        splits: [{ account: reg.ar('paymentCredit'), name: customer.name, amount: -p.amount, memo: memo(`Keap invoice ${p.invoiceId}`), ...(method ? { payMethod: method } : {}), ...(cls ? { class: cls } : {}) }],
      });
    } else if (action === 'refund' || (action === 'payment' && p.amount < 0)) {
      if (unpairedRefunds.has(p)) {
        issues.push(issue('refund.unpaired', 'warning', `The refund of ${formatCentsPlain(abs)} on invoice ${p.invoiceId} has no matching Credit row; it was written as a refund check, but the invoice balance in QuickBooks will not be reduced unless you apply a credit.`, where));
      }
      const paid = paidByInvoice.get(p.invoiceId) ?? 0;
      const refunded = refundedByInvoice.get(p.invoiceId) ?? 0;
      if (refunded > paid) {
        issues.push(issue('refund.exceeds-paid', 'warning', `Refunds on invoice ${p.invoiceId} total ${formatCentsPlain(refunded)} but the payments in the files total ${formatCentsPlain(paid)}. The refund was written; check that the payment it returns is in QuickBooks (perhaps from an earlier export).`, where));
      }
      transactions.push({
        ...base,
        key: `refund:${paymentKey(p)}`,
        role: 'refund',
        type: 'CHECK',
        account: reg.refundAccount(pm.account),
        amount: -abs,
        memo: memo(`Keap refund for invoice ${p.invoiceId}${note}`),
        toPrint: false,
        address: customer.billTo,
        splits: [{ account: reg.ar('paymentCredit'), name: customer.name, amount: abs, memo: memo(`Refund for Keap invoice ${p.invoiceId}`), ...(cls ? { class: cls } : {}) }],
      });
    } else if (action === 'credit' || action === 'writeOff') {
      if (p.amount < 0) {
        refuse(kind, abs, [p.src], 'amount.invalid', 'error', `The ${typeLabel} on invoice ${p.invoiceId} is negative (${formatCentsPlain(p.amount)}); a credit or write-off reduces what the customer owes and must be positive. Check the row in Keap.`);
        continue;
      }
      if (action === 'credit' && unpairedCredits.has(p)) {
        issues.push(issue('refund.unpaired', 'warning', `The Credit of ${formatCentsPlain(abs)} on invoice ${p.invoiceId} has no matching Refund row, so it was written as a credit memo (a comp or freebie). If money was returned, add the Refund row.`, where));
      }
      const n = reg.special(action === 'credit' ? 'credit' : 'writeOff');
      const what = action === 'credit' ? 'Credit' : 'Write-off';
      transactions.push({
        ...base,
        key: `${action}:${paymentKey(p)}`,
        role: action,
        type: 'CREDIT MEMO',
        account: reg.ar('creditCredit'),
        amount: -abs,
        memo: memo(`Keap ${what} on invoice ${p.invoiceId}${note}`),
        toPrint: false,
        isTaxable: false,
        address: customer.billTo,
        splits: [{ account: n.account, amount: abs, memo: memo(`${what} on Keap invoice ${p.invoiceId}${note}`), item: n.item, qty: decimalFromInt(1), price: { units: BigInt(abs), scale: 2 }, ...(cls ? { class: cls } : {}) }],
      });
    }
  }

  // ---- final checks: names and balance --------------------------------------------------
  const kept: Transaction[] = [];
  for (const t of transactions) {
    const nameProblems = reg.problemsFor(t);
    if (nameProblems.length > 0) {
      for (const [kind, amount] of moneyOf(t)) setAside.push({ kind, amount, sources: t.sources, code: 'name.invalid' });
      const first = t.sources[0];
      issues.push(issue(nameProblems.some((p) => p.includes('allows')) ? 'name.too-long' : 'name.invalid', 'error', `The ${t.type} for ${t.name} (${t.keapIds.join(', ')}) was set aside because the mapping has a name QuickBooks cannot take: ${nameProblems.join(' ')} Fix it in the Mapping step.`, first ? { file: first.file, row: first.row } : {}));
      continue;
    }
    const balance = checkBalanced(t);
    if (balance.length > 0) {
      issues.push(...balance);
      for (const [kind, amount] of moneyOf(t)) setAside.push({ kind, amount, sources: t.sources, code: 'txn.unbalanced' });
      continue;
    }
    kept.push(t);
  }
  issues.push(...reg.issues);
  kept.sort(compareTransactions);
  return { transactions: kept, setAside, issues, registry: reg, customers, input };
}

/** Stable id of a Keap payment row (its Keap id, or its content when the export has none). */
export function paymentKey(p: KeapPayment): string {
  return p.paymentId ? `payment:${p.paymentId}` : `payment:${p.invoiceId}|${p.date}|${p.payType}|${p.amount}`;
}

const TYPE_ORDER: Record<string, number> = { INVOICE: 0, 'CASH SALE': 1, 'CREDIT MEMO': 2, PAYMENT: 3, CHECK: 4 };

export function compareTransactions(a: Transaction, b: Transaction): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  const ta = TYPE_ORDER[a.type] ?? 9;
  const tb = TYPE_ORDER[b.type] ?? 9;
  if (ta !== tb) return ta - tb;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** The money a transaction accounts for, per kind (a cash sale is a sale and a payment). */
export function moneyOf(t: Transaction): [MoneyKind, Cents][] {
  const abs = Math.abs(t.amount);
  switch (t.role) {
    case 'invoice':
      return [['sales', abs]];
    case 'cashSale':
      return [['sales', abs], ['payments', abs]];
    case 'return':
      return [['returns', abs]];
    case 'payment':
      return [['payments', abs]];
    case 'refund':
      return [['refunds', abs]];
    case 'credit':
      return [['credits', abs]];
    case 'writeOff':
      return [['writeOffs', abs]];
  }
}
