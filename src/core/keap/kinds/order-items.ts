/**
 * Order items (Keap's OrderItem table, or a line-items report): one row per invoice line, with
 * its quantity and unit price kept exactly and its amount in cents (quantity x price, rounded
 * half away from zero, with a warning when rounding was needed).
 */
import { formatCentsPlain, multiplyToCents, type Cents, type Decimal } from '../../money.ts';
import { quoteRaw } from '../../issues.ts';
import { fieldsOf, type CellReader } from '../cell-reader.ts';
import { CentsColumn, DecimalColumn, IdColumn, SmallCodeColumn, TextColumn, type ContentColumn, type IdCodes } from '../columns.ts';
import type { OrderItemRows } from '../tables.ts';
import { KindTable, type MergeKey, type RowRead } from './kind-table.ts';
import { itemTypeOf } from './item-types.ts';

const FIELDS = ['orderId', 'productId', 'itemId', 'itemType', 'itemName', 'itemDescription', 'qty', 'pricePerUnit', 'notes'] as const;

const PRODUCT = 4;

/** Keap leaves these lines' names empty; the build and the review need one. */
function defaultName(itemType: number): string {
  return itemType === 6 ? 'Finance charge' : itemType === 2 ? 'Sales Tax' : '';
}

/** 10^n for the few n a product of two cell values can need. */
const POWERS = [1, 10, 100];

export class OrderItemTable extends KindTable implements OrderItemRows {
  readonly #itemId: IdColumn;
  readonly #orderId: IdColumn;
  readonly #productId: IdColumn;
  readonly #itemType = new SmallCodeColumn();
  readonly #name = new TextColumn(true);
  readonly #description = new TextColumn(true);
  readonly #qty = new DecimalColumn();
  readonly #unitPrice = new DecimalColumn();
  readonly #amount = new CentsColumn();
  readonly #notes = new TextColumn(false);
  readonly #content: readonly ContentColumn[];

  constructor(ids: IdCodes) {
    super();
    this.#itemId = new IdColumn(ids);
    this.#orderId = new IdColumn(ids);
    this.#productId = new IdColumn(ids);
    this.#content = [this.#itemId, this.#orderId, this.#productId, this.#itemType, this.#name, this.#description, this.#qty, this.#unitPrice, this.#amount, this.#notes];
  }

  protected content(): readonly ContentColumn[] {
    return this.#content;
  }

  // Order items are merged by order (merge-tables.ts), not by a key of their own.
  mergeKey(): MergeKey {
    return null;
  }

  /** The order code of stored row p (see IdCodes). */
  storedOrder(p: number): number {
    return this.#orderId.at(p);
  }

  /** The line-id code of stored row p (NO_ID when the export has none). */
  storedItem(p: number): number {
    return this.#itemId.at(p);
  }

  storedOrderText(p: number): string {
    return this.#orderId.text(p);
  }

  storedItemText(p: number): string {
    return this.#itemId.text(p);
  }

  itemId(i: number): string {
    return this.#itemId.text(this.at(i));
  }
  orderId(i: number): string {
    return this.#orderId.text(this.at(i));
  }
  productId(i: number): string {
    return this.#productId.text(this.at(i));
  }
  itemType(i: number): number {
    return this.#itemType.at(this.at(i));
  }
  name(i: number): string {
    return this.#name.at(this.at(i));
  }
  description(i: number): string {
    return this.#description.at(this.at(i));
  }
  notes(i: number): string {
    return this.#notes.at(this.at(i));
  }
  qty(i: number): Decimal {
    return this.#qty.at(this.at(i));
  }
  unitPrice(i: number): Decimal {
    return this.#unitPrice.at(this.at(i));
  }
  amount(i: number): Cents {
    return this.#amount.at(this.at(i));
  }

  rowReader(columns: Readonly<Record<string, number>>, headers: readonly string[]): RowRead {
    const f = fieldsOf(FIELDS, columns, headers);
    return (r: CellReader): boolean => {
      const orderId = r.id(f.orderId, true);
      const name = r.text(f.itemName);
      const typeRaw = r.text(f.itemType);
      let itemType = PRODUCT;
      if (typeRaw !== '') {
        const code = itemTypeOf(typeRaw);
        if (code === null) r.warn('item-type.unknown', f.itemType, `Item type ${quoteRaw(typeRaw)} is not a Keap item type; the line was treated as a product.`, typeRaw);
        else itemType = code;
      }
      const hasQty = r.decimal(f.qty, 'qty.invalid', 'quantity', this.#qty);
      if (!r.decimal(f.pricePerUnit, 'amount.invalid', 'unit price', this.#unitPrice)) return false;
      let amount = 0;
      // An unreadable quantity counts as 0 here: the row is set aside, and 0 x price needs no note.
      if (hasQty) {
        if (this.#qty.stagedUnits === 0 && !r.hasError) {
          r.warn('qty.zero', f.qty, `The quantity is 0, so the line adds nothing to the order; it was kept as a zero line.`);
        }
        amount = this.#lineAmount();
        if (amount !== amount) {
          let product: { cents: Cents; rounded: boolean };
          try {
            product = multiplyToCents(this.#qty.staged(), this.#unitPrice.staged());
          } catch {
            // More cents than a double holds exactly: no real order line comes near it.
            r.fail('amount.invalid', f.pricePerUnit, `${quoteRaw(r.text(f.qty))} x ${quoteRaw(r.text(f.pricePerUnit))} is far more money than any order line holds. Check the quantity and the unit price.`);
            return false;
          }
          amount = product.cents;
          if (product.rounded) {
            r.warn('price.rounded', f.pricePerUnit, `The unit price has more than two decimals; ${r.text(f.qty)} x ${r.text(f.pricePerUnit)} was rounded half away from zero to ${formatCentsPlain(amount)}.`);
          }
        }
      }
      if (r.hasError) return false;
      const itemId = r.id(f.itemId, false);
      const productId = r.id(f.productId, false);
      const description = r.text(f.itemDescription);
      const notes = r.text(f.notes);
      if (r.hasError) return false;
      this.#itemId.push(itemId);
      this.#orderId.push(orderId);
      this.#productId.push(productId);
      this.#itemType.push(itemType);
      this.#name.push(name || defaultName(itemType));
      this.#description.push(description);
      this.#qty.commit();
      this.#unitPrice.commit();
      this.#amount.push(amount);
      this.#notes.push(notes);
      return true;
    };
  }

  /**
   * The staged quantity x price in cents when both are small and have at most two decimals
   * between them (then the product is exact in doubles and needs no rounding); NaN otherwise.
   */
  #lineAmount(): Cents {
    const scale = this.#qty.stagedScale + this.#unitPrice.stagedScale;
    if (scale > 2) return NaN;
    const product = this.#qty.stagedUnits * this.#unitPrice.stagedUnits * (POWERS[2 - scale] as number);
    // + 0 turns -0 (a returned free item) into 0, as the exact multiplication gives.
    return Number.isSafeInteger(product) && Math.abs(product) <= 2 ** 51 ? product + 0 : NaN;
  }
}
