/**
 * One Keap order -> the split lines of its sales form, by Keap item type: products and the
 * like on their mapped item and income account (QNTY signed like the amount, PRICE positive),
 * shipping, finance charges and discounts on their own items, and all tax lines as one
 * AUTOSTAX line with the agency as NAME. Orders without line detail get one line.
 */
import { issue } from '../issues.ts';
import { itemRoleOf } from '../keap/item-roles.ts';
import type { KeapOrderItem } from '../keap/model.ts';
import { absDecimal, decimalFromInt, decimalOf, negateCents, negateDecimal, sumCents, type Cents, type Decimal } from '../money.ts';
import type { BuildContext } from './build-context.ts';
import { makeSplit, type Split } from './model.ts';
import type { Sale } from './sales.ts';

export interface BuiltLine {
  split: Split;
  /** Keap sign: positive = sale. */
  amount: Cents;
}

export interface SaleLines {
  lines: BuiltLine[];
  /** Mapping problems that keep the order out of the file. */
  problems: string[];
  hasTax: boolean;
  /** The order came from an order-level export without line detail. */
  withoutDetail: boolean;
}

function linesTotalSign(sale: Sale): number {
  return Math.sign(sumCents(sale.items.map((i) => i.amount)));
}

/** Builds the lines of one order; `label` names the order in messages. */
export function buildSaleLines(ctx: BuildContext, sale: Sale, label: string): SaleLines {
  const { profile, reg, issues, memo, keapText } = ctx;
  const opts = profile.options;
  const lines: BuiltLine[] = [];
  const problems: string[] = [];
  const taxLines: KeapOrderItem[] = [];
  const productClass = (cls: string | undefined) => cls || opts.fileClass || undefined;
  const addItemLine = (item: string, account: string, desc: string, qty: Decimal, price: Decimal, amountCents: Cents, cls?: string, taxable?: boolean) => {
    const splitAmount = negateCents(amountCents);
    const absQty = absDecimal(qty);
    // QNTY takes the sign of the split amount; PRICE stays positive. A zero line (a freebie at
    // 0.00) keeps Keap's own sign, negated like a sale: +1 given away is QNTY -1, so QuickBooks
    // does not read it as a returned unit (for an inventory part, stock coming back).
    const negativeQty = splitAmount < 0 || (splitAmount === 0 && qty.units > 0n);
    const signedQty = negativeQty ? negateDecimal(absQty) : absQty;
    lines.push({
      amount: amountCents,
      split: makeSplit({ account, amount: splitAmount, memo: memo(desc), item, qty: signedQty, price: absDecimal(price), class: productClass(cls), taxable }),
    });
  };

  // Product lines are marked taxable when Keap charged tax on the order, as in the worked
  // example (iif-format.md 9.1); shipping, discounts and fees are not. The tax amount itself
  // is Keap's, written on the AUTOSTAX line.
  const orderHasTax = sale.items.some((it) => itemRoleOf(it.itemType, it.amount, profile.itemTypes) === 'tax');
  if (sale.items.length > 0) {
    for (const it of sale.items) {
      const desc = keapText(it.description || it.name, it.src, it.description ? 'ItemDescription' : 'ItemName');
      switch (itemRoleOf(it.itemType, it.amount, profile.itemTypes)) {
        case 'shipping': {
          const n = reg.special('shipping');
          addItemLine(n.item, n.account, desc || 'Shipping', it.qty, it.unitPrice, it.amount);
          break;
        }
        case 'tax':
          taxLines.push(it);
          break;
        case 'financeCharge': {
          const n = reg.special('financeCharge');
          addItemLine(n.item, n.account, desc || 'Finance charge', it.qty, it.unitPrice, it.amount);
          break;
        }
        case 'discount': {
          const n = reg.special('discount');
          addItemLine(n.item, n.account, desc || 'Discount', it.qty, it.unitPrice, it.amount);
          break;
        }
        case 'product': {
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
      addItemLine(m.item, m.account, only, decimalFromInt(1), decimalOf(BigInt(Math.abs(total)), 2), total, m.class);
    } else {
      const n = reg.special('defaultProduct');
      const desc = names.length > 0 ? `Keap order: ${names.join(', ')}` : sale.order.title || 'Keap order';
      addItemLine(n.item, n.account, desc, decimalFromInt(1), decimalOf(BigInt(Math.abs(total)), 2), total);
    }
  } else if (sale.invoice) {
    const n = reg.special('defaultProduct');
    const total = sale.total ?? 0;
    addItemLine(n.item, n.account, sale.invoice.description || `Keap invoice ${sale.invoiceId}`, decimalFromInt(1), decimalOf(BigInt(Math.abs(total)), 2), total);
    issues.push(issue('order.no-line-detail', 'warning', `Keap invoice ${sale.invoiceId} has no line items in the files; it was written as one line on the item "${n.item}" for its total. Add the order items export for line detail.`, { file: sale.invoice.src.file, row: sale.invoice.src.row }));
  }

  const productLines = sale.items.filter((it) => itemRoleOf(it.itemType, it.amount, profile.itemTypes) === 'product');
  const firstReturn = productLines.find((it) => it.amount < 0);
  if (firstReturn && productLines.some((it) => it.amount > 0)) {
    issues.push(issue('order.mixed-signs', 'warning', `Keap ${label} has both sold and returned products (a negative quantity or price on "${firstReturn.name}"); the return is written as a line on the same ${linesTotalSign(sale) < 0 ? 'credit memo' : 'invoice'}.`, { file: firstReturn.src.file, row: firstReturn.src.row }));
  }

  if (taxLines.length > 0) {
    const taxTotal = sumCents(taxLines.map((t) => t.amount));
    const n = reg.special('salesTax');
    const agency = reg.taxAgency();
    lines.push({
      amount: taxTotal,
      split: makeSplit({
        account: n.account,
        name: agency,
        amount: negateCents(taxTotal),
        memo: memo(taxLines.map((t) => t.description || t.name).filter((x, i, a) => a.indexOf(x) === i).join(', ') || 'Sales tax'),
        item: n.item,
        rate: profile.tax.rate ? `${profile.tax.rate}%` : undefined,
        extra: 'AUTOSTAX',
      }),
    });
  }

  return { lines, problems, hasTax: taxLines.length > 0, withoutDetail: sale.items.length === 0 && sale.order !== null };
}
