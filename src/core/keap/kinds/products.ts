/** Products (Keap's product export): names, SKUs and prices, known by id or else by name. */
import type { Cents } from '../../money.ts';
import { fieldsOf, type CellReader } from '../cell-reader.ts';
import { CentsColumn, IdColumn, NO_ID, TextColumn, type ContentColumn, type IdCodes } from '../columns.ts';
import type { ProductRows } from '../tables.ts';
import { KindTable, type MergeKey, type RowRead } from './kind-table.ts';

const FIELDS = ['productId', 'name', 'sku', 'price'] as const;

export class ProductTable extends KindTable implements ProductRows {
  readonly #productId: IdColumn;
  readonly #name = new TextColumn(false);
  readonly #sku = new TextColumn(false);
  readonly #price = new CentsColumn();
  readonly #content: readonly ContentColumn[];

  constructor(ids: IdCodes) {
    super();
    this.#productId = new IdColumn(ids);
    this.#content = [this.#productId, this.#name, this.#sku, this.#price];
  }

  protected content(): readonly ContentColumn[] {
    return this.#content;
  }

  /** A product is known by its id, or by its name when the export has no ids. */
  mergeKey(p: number): MergeKey {
    return this.#productId.at(p) === NO_ID ? this.#name.at(p) : this.#productId.text(p);
  }

  productId(i: number): string {
    return this.#productId.text(this.at(i));
  }
  name(i: number): string {
    return this.#name.at(this.at(i));
  }
  sku(i: number): string {
    return this.#sku.at(this.at(i));
  }
  price(i: number): Cents {
    return this.#price.at(this.at(i));
  }

  rowReader(columns: Readonly<Record<string, number>>, headers: readonly string[]): RowRead {
    const f = fieldsOf(FIELDS, columns, headers);
    return (r: CellReader): boolean => {
      const name = r.text(f.name);
      if (name === '') r.warn('id.missing', f.name, 'The product name is empty; the row was skipped as a product definition.');
      const price = r.money(f.price, false);
      if (r.hasError || name === '') return false;
      const productId = r.id(f.productId, false);
      const sku = r.text(f.sku);
      if (r.hasError) return false;
      this.#productId.push(productId);
      this.#name.push(name);
      this.#sku.push(sku);
      this.#price.push(price);
      return true;
    };
  }
}
