/**
 * Rule: one Keap order -> the lines of its sales form, by Keap item type. Products and the like
 * go on their mapped item and income account (QNTY signed like the amount, PRICE positive);
 * shipping, finance charges and discounts on their own items; all tax lines become one AUTOSTAX
 * line with the agency as NAME. Orders without line detail get one line. The lines are written
 * into the store's open transaction; the caller commits or discards it.
 */
import { issue } from '../../issues.ts';
import { itemRoleOf } from '../../keap/item-roles.ts';
import { sourceOf, type KeapTables } from '../../keap/tables.ts';
import { absDecimal, decimalFromInt, decimalOf, negateCents, negateDecimal, type Cents, type Decimal } from '../../money.ts';
import type { NameProblem } from '../../qb/names.ts';
import type { BuildContext } from '../build-context.ts';
import type { Sale } from '../sales-index.ts';
import { productLineClass } from './classes.ts';

/** A reason the order cannot be written, with its code. */
export interface LineProblem {
  code: 'product.unmapped' | NameProblem['code'];
  message: string;
}

export interface SaleLines {
  /** Lines written. */
  count: number;
  /** Sum of the lines in Keap's sign (positive = sale). */
  total: Cents;
  /** Reasons the order cannot be written (it is then discarded). */
  problems: LineProblem[];
  hasTax: boolean;
  /** The order came from an order-level export without line detail. */
  withoutDetail: boolean;
}

/** Writes the lines of one order into the open transaction; `label` names the order in messages. */
export function writeSaleLines(ctx: BuildContext, tables: KeapTables, sale: Sale, label: string): SaleLines {
  const { profile, reg, issues, memo, keapText, store } = ctx;
  const items = tables.orderItems;
  // Each line's role, worked out once (roles[k] is the role of sale.items[k]).
  const roles = sale.items.map((r) => itemRoleOf(items.itemType(r), items.amount(r), profile.itemTypes));
  const result: SaleLines = { count: 0, total: 0, problems: [], hasTax: false, withoutDetail: false };
  const addItemLine = (item: string, account: string, desc: string, qty: Decimal, price: Decimal, amount: Cents, cls?: string, taxable?: boolean) => {
    const splitAmount = negateCents(amount);
    const absQty = absDecimal(qty);
    // QNTY takes the sign of the split amount; PRICE stays positive. A zero line (a freebie at
    // 0.00) keeps Keap's own sign, negated like a sale: +1 given away is QNTY -1, so QuickBooks
    // does not read it as a returned unit (for an inventory part, stock coming back).
    const negativeQty = splitAmount < 0 || (splitAmount === 0 && qty.units > 0n);
    store.line({ account, amount: splitAmount, memo: memo(desc), item, qty: negativeQty ? negateDecimal(absQty) : absQty, price: absDecimal(price), class: productLineClass(profile, cls), taxable });
    result.count++;
    result.total += amount;
  };

  // Product lines are marked taxable when Keap charged tax on the order, as in the worked
  // example (iif-format.md 9.1); shipping, discounts and fees are not. The tax amount itself
  // is Keap's, written on the AUTOSTAX line.
  const taxRows = sale.items.filter((_, k) => roles[k] === 'tax');
  const orderHasTax = taxRows.length > 0;
  for (let k = 0; k < sale.items.length; k++) {
    const r = sale.items[k] as number;
    const name = items.name(r);
    const description = items.description(r);
    const desc = keapText(description || name, sourceOf(tables, items, r), description ? 'ItemDescription' : 'ItemName');
    const role = roles[k] as (typeof roles)[number];
    if (role === 'tax') continue;
    if (role === 'product') {
      const m = profile.products[name];
      if (!m) {
        result.problems.push({ code: 'product.unmapped', message: `product "${name}" has no QuickBooks item in the mapping` });
        issues.push(issue('product.unmapped', 'error', `The Keap product "${name}" has no QuickBooks item in the mapping, so ${label} was set aside. Map the product in the Mapping step (or run the template again).`, { ...sourceOf(tables, items, r), column: 'ItemName' }));
        continue;
      }
      result.problems.push(...reg.useProduct(name, m));
      addItemLine(m.item, m.account, desc, items.qty(r), items.unitPrice(r), items.amount(r), m.class, orderHasTax);
      continue;
    }
    const special = reg.special(role);
    addItemLine(special.item, special.account, desc || SPECIAL_LINE_TEXT[role], items.qty(r), items.unitPrice(r), items.amount(r));
  }

  if (sale.items.length === 0) writeOrderLevelLine(ctx, tables, sale, result, addItemLine);

  const productRows = sale.items.filter((_, k) => roles[k] === 'product');
  const firstReturn = productRows.find((r) => items.amount(r) < 0);
  if (firstReturn !== undefined && productRows.some((r) => items.amount(r) > 0)) {
    let sign = 0;
    for (const r of sale.items) sign += items.amount(r);
    issues.push(issue('order.mixed-signs', 'warning', `Keap ${label} has both sold and returned products (a negative quantity or price on "${items.name(firstReturn)}"); the return is written as a line on the same ${sign < 0 ? 'credit memo' : 'invoice'}.`, sourceOf(tables, items, firstReturn)));
  }

  if (orderHasTax) writeTaxLine(ctx, tables, taxRows, result);
  return result;
}

const SPECIAL_LINE_TEXT = { shipping: 'Shipping', financeCharge: 'Finance charge', discount: 'Discount' } as const;

/** An order known only from an order-level export (or an invoice alone): one line for its total. */
function writeOrderLevelLine(
  ctx: BuildContext,
  tables: KeapTables,
  sale: Sale,
  result: SaleLines,
  addItemLine: (item: string, account: string, desc: string, qty: Decimal, price: Decimal, amount: Cents, cls?: string) => void,
): void {
  const { profile, reg, issues } = ctx;
  const total = Number.isNaN(sale.total) ? 0 : sale.total;
  const one = decimalFromInt(1);
  const price = decimalOf(BigInt(Math.abs(total)), 2);
  if (sale.orderRow >= 0) {
    result.withoutDetail = true;
    const names = tables.orders.productNames(sale.orderRow);
    const only = names.length === 1 ? (names[0] as string) : null;
    const m = only !== null ? profile.products[only] : undefined;
    if (only !== null && m) {
      result.problems.push(...reg.useProduct(only, m));
      addItemLine(m.item, m.account, only, one, price, total, m.class);
    } else {
      const n = reg.special('defaultProduct');
      const desc = names.length > 0 ? `Keap order: ${names.join(', ')}` : tables.orders.title(sale.orderRow) || 'Keap order';
      addItemLine(n.item, n.account, desc, one, price, total);
    }
  } else if (sale.invoiceRow >= 0) {
    const n = reg.special('defaultProduct');
    addItemLine(n.item, n.account, tables.invoices.description(sale.invoiceRow) || `Keap invoice ${sale.invoiceId}`, one, price, total);
    issues.push(issue('order.no-line-detail', 'warning', `Keap invoice ${sale.invoiceId} has no line items in the files; it was written as one line on the item "${n.item}" for its total. Add the order items export for line detail.`, sourceOf(tables, tables.invoices, sale.invoiceRow)));
  }
}

/** Rule: sales tax. All tax lines of an order are one AUTOSTAX line, the agency as NAME, Keap's amount. */
function writeTaxLine(ctx: BuildContext, tables: KeapTables, taxRows: readonly number[], result: SaleLines): void {
  const { profile, reg, memo, store } = ctx;
  const items = tables.orderItems;
  let taxTotal = 0;
  for (const r of taxRows) taxTotal += items.amount(r);
  const n = reg.special('salesTax');
  const agency = reg.taxAgency();
  const texts = taxRows.map((r) => items.description(r) || items.name(r)).filter((x, i, a) => a.indexOf(x) === i);
  store.line({
    account: n.account,
    name: agency,
    amount: negateCents(taxTotal),
    memo: memo(texts.join(', ') || 'Sales tax'),
    item: n.item,
    rate: profile.tax.rate ? `${profile.tax.rate}%` : undefined,
    extra: 'AUTOSTAX',
  });
  result.count++;
  result.total += taxTotal;
  result.hasTax = true;
}
