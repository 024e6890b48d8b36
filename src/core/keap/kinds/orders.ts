/**
 * Orders at order level: Keap's Orders report (buyer, products by name and total on each row)
 * or the Job table. An order without an id column is known only by its row.
 */
import type { Day } from '../../dates.ts';
import type { Cents } from '../../money.ts';
import { fieldsOf, type CellReader } from '../cell-reader.ts';
import { CentsColumn, DayColumn, IdColumn, NO_ID, TextColumn, type ContentColumn, type IdCodes } from '../columns.ts';
import type { ContactDetails } from '../model.ts';
import type { OrderRows } from '../tables.ts';
import { CONTACT_FIELDS, ContactColumns } from './contact-columns.ts';
import { KindTable, type MergeKey, type RowRead } from './kind-table.ts';

const FIELDS = ['orderId', 'invoiceId', 'contactId', ...CONTACT_FIELDS, 'orderDate', 'productNames', 'orderTitle', 'promoCode', 'orderTotal'] as const;

const NO_NAMES: readonly string[] = Object.freeze([]);

/**
 * The product names of a cell ("A; B", "A | B", one per line) joined by line breaks: a name
 * never holds one after the split, so equal lists have equal texts.
 */
function joinedNames(cell: string): string {
  if (!hasNameSeparator(cell)) return cell;
  return cell
    .split(/\s*[;|]\s*|\s*\n\s*/)
    .filter((n) => n !== '')
    .join('\n');
}

function hasNameSeparator(cell: string): boolean {
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    if (c === 0x3b || c === 0x7c || c === 0x0a) return true;
  }
  return false;
}

export class OrderTable extends KindTable implements OrderRows {
  readonly #orderId: IdColumn;
  readonly #invoiceId: IdColumn;
  readonly #contactId: IdColumn;
  readonly #date = new DayColumn();
  readonly #total = new CentsColumn();
  readonly #names = new TextColumn(true);
  readonly #title = new TextColumn(false);
  readonly #promoCode = new TextColumn(true);
  readonly #contact = new ContactColumns();
  readonly #content: readonly ContentColumn[];
  /** The split product names of each distinct names text (by its number in #names). */
  readonly #nameLists: (readonly string[] | undefined)[] = [];

  constructor(ids: IdCodes) {
    super();
    this.#orderId = new IdColumn(ids);
    this.#invoiceId = new IdColumn(ids);
    this.#contactId = new IdColumn(ids);
    this.#content = [this.#orderId, this.#invoiceId, this.#contactId, this.#date, this.#total, this.#names, this.#title, this.#promoCode, ...this.#contact.columns()];
  }

  protected content(): readonly ContentColumn[] {
    return this.#content;
  }

  /** Orders are the same record when they share the order id, or the invoice id when there is no order id. */
  mergeKey(p: number): MergeKey {
    const order = this.#orderId.at(p);
    if (order !== NO_ID) return order;
    const invoice = this.#invoiceId.at(p);
    return invoice === NO_ID ? null : invoice;
  }

  override dayOf(p: number): Day {
    return this.#date.at(p);
  }

  orderId(i: number): string {
    return this.#orderId.text(this.at(i));
  }
  invoiceId(i: number): string {
    return this.#invoiceId.text(this.at(i));
  }
  contactId(i: number): string {
    return this.#contactId.text(this.at(i));
  }
  date(i: number): Day {
    return this.#date.at(this.at(i));
  }
  total(i: number): Cents {
    return this.#total.at(this.at(i));
  }
  productNames(i: number): readonly string[] {
    const k = this.#names.indexAt(this.at(i));
    if (k === 0) return NO_NAMES;
    return (this.#nameLists[k] ??= Object.freeze((this.#names.values[k] as string).split('\n')));
  }
  title(i: number): string {
    return this.#title.at(this.at(i));
  }
  promoCode(i: number): string {
    return this.#promoCode.at(this.at(i));
  }
  contact(i: number): ContactDetails {
    return this.#contact.details(this.at(i));
  }

  rowReader(columns: Readonly<Record<string, number>>, headers: readonly string[]): RowRead {
    const f = fieldsOf(FIELDS, columns, headers);
    return (r: CellReader): boolean => {
      const date = r.date(f.orderDate, true);
      const total = r.money(f.orderTotal, true);
      const names = r.text(f.productNames);
      this.#contact.stage(r, f);
      if (r.hasError) return false;
      const orderId = r.id(f.orderId, false);
      const invoiceId = r.id(f.invoiceId, false);
      const contactId = r.id(f.contactId, false);
      const title = r.text(f.orderTitle);
      const promoCode = r.text(f.promoCode);
      if (r.hasError) return false;
      this.#orderId.push(orderId);
      this.#invoiceId.push(invoiceId);
      this.#contactId.push(contactId);
      this.#date.push(date);
      this.#total.push(total);
      this.#names.push(joinedNames(names));
      this.#title.push(title);
      this.#promoCode.push(promoCode);
      this.#contact.commit();
      return true;
    };
  }
}
