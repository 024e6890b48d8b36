/**
 * Invoices (Keap's Invoice table or an invoice report): one per order, with its total, what was
 * paid and what is due. Keap's invoice and order ids are mostly, not always, the same number.
 */
import type { Day } from '../../dates.ts';
import type { Cents } from '../../money.ts';
import { fieldsOf, type CellReader } from '../cell-reader.ts';
import { CentsColumn, DayColumn, IdColumn, TextColumn, type ContentColumn, type IdCodes } from '../columns.ts';
import type { ContactDetails } from '../model.ts';
import type { InvoiceRows } from '../tables.ts';
import { CONTACT_FIELDS, ContactColumns } from './contact-columns.ts';
import { KindTable, type MergeKey, type RowRead } from './kind-table.ts';

const FIELDS = ['invoiceId', 'contactId', 'orderId', 'date', 'total', 'totalPaid', 'totalDue', 'payPlanStatus', 'description', ...CONTACT_FIELDS] as const;

export class InvoiceTable extends KindTable implements InvoiceRows {
  readonly #invoiceId: IdColumn;
  readonly #orderId: IdColumn;
  readonly #contactId: IdColumn;
  readonly #date = new DayColumn();
  readonly #total = new CentsColumn();
  readonly #totalPaid = new CentsColumn();
  readonly #totalDue = new CentsColumn();
  readonly #payPlanStatus = new TextColumn(true);
  readonly #description = new TextColumn(true);
  readonly #contact = new ContactColumns();
  readonly #content: readonly ContentColumn[];

  constructor(ids: IdCodes) {
    super();
    this.#invoiceId = new IdColumn(ids);
    this.#orderId = new IdColumn(ids);
    this.#contactId = new IdColumn(ids);
    this.#content = [this.#invoiceId, this.#orderId, this.#contactId, this.#date, this.#total, this.#totalPaid, this.#totalDue, this.#payPlanStatus, this.#description, ...this.#contact.columns()];
  }

  protected content(): readonly ContentColumn[] {
    return this.#content;
  }

  mergeKey(p: number): MergeKey {
    return this.#invoiceId.at(p);
  }

  override dayOf(p: number): Day {
    return this.#date.at(p);
  }

  invoiceId(i: number): string {
    return this.#invoiceId.text(this.at(i));
  }
  orderId(i: number): string {
    return this.#orderId.text(this.at(i));
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
  totalPaid(i: number): Cents {
    return this.#totalPaid.at(this.at(i));
  }
  totalDue(i: number): Cents {
    return this.#totalDue.at(this.at(i));
  }
  payPlanStatus(i: number): string {
    return this.#payPlanStatus.at(this.at(i));
  }
  description(i: number): string {
    return this.#description.at(this.at(i));
  }
  contact(i: number): ContactDetails {
    return this.#contact.details(this.at(i));
  }

  rowReader(columns: Readonly<Record<string, number>>, headers: readonly string[]): RowRead {
    const f = fieldsOf(FIELDS, columns, headers);
    return (r: CellReader): boolean => {
      const invoiceId = r.id(f.invoiceId, true);
      const date = r.date(f.date, true);
      const total = r.money(f.total, true);
      const totalPaid = r.money(f.totalPaid, false);
      const totalDue = r.money(f.totalDue, false);
      if (r.hasError) return false;
      const orderId = r.id(f.orderId, false);
      const contactId = r.id(f.contactId, false);
      const payPlanStatus = r.text(f.payPlanStatus);
      const description = r.text(f.description);
      this.#contact.stage(r, f);
      if (r.hasError) return false;
      this.#invoiceId.push(invoiceId);
      this.#orderId.push(orderId);
      this.#contactId.push(contactId);
      this.#date.push(date);
      this.#total.push(total);
      this.#totalPaid.push(totalPaid);
      this.#totalDue.push(totalDue);
      this.#payPlanStatus.push(payPlanStatus);
      this.#description.push(description);
      this.#contact.commit();
      return true;
    };
  }
}
