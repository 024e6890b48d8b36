/**
 * Payments (Keap's Payment or InvoicePayment table, or a payments report): money in, refunds,
 * credits and write-offs on an invoice. Without a pay type column a row is judged by its sign.
 */
import type { Day } from '../../dates.ts';
import type { Cents } from '../../money.ts';
import { fieldsOf, type CellReader } from '../cell-reader.ts';
import { CentsColumn, DayColumn, IdColumn, NO_ID, TextColumn, type ContentColumn, type IdCodes } from '../columns.ts';
import type { PaymentRows } from '../tables.ts';
import { KindTable, type MergeKey, type RowRead } from './kind-table.ts';

const FIELDS = ['invoiceId', 'paymentId', 'contactId', 'date', 'payType', 'amount', 'note'] as const;

export class PaymentTable extends KindTable implements PaymentRows {
  readonly #paymentId: IdColumn;
  readonly #invoiceId: IdColumn;
  readonly #contactId: IdColumn;
  readonly #date = new DayColumn();
  readonly #payType = new TextColumn(true);
  readonly #amount = new CentsColumn();
  readonly #note = new TextColumn(false);
  readonly #content: readonly ContentColumn[];

  constructor(ids: IdCodes) {
    super();
    this.#paymentId = new IdColumn(ids);
    this.#invoiceId = new IdColumn(ids);
    this.#contactId = new IdColumn(ids);
    this.#content = [this.#paymentId, this.#invoiceId, this.#contactId, this.#date, this.#payType, this.#amount, this.#note];
  }

  protected content(): readonly ContentColumn[] {
    return this.#content;
  }

  mergeKey(p: number): MergeKey {
    const id = this.#paymentId.at(p);
    return id === NO_ID ? null : id;
  }

  override dayOf(p: number): Day {
    return this.#date.at(p);
  }

  paymentId(i: number): string {
    return this.#paymentId.text(this.at(i));
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
  payType(i: number): string {
    return this.#payType.at(this.at(i));
  }
  amount(i: number): Cents {
    return this.#amount.at(this.at(i));
  }
  note(i: number): string {
    return this.#note.at(this.at(i));
  }

  rowReader(columns: Readonly<Record<string, number>>, headers: readonly string[]): RowRead {
    const f = fieldsOf(FIELDS, columns, headers);
    return (r: CellReader): boolean => {
      const invoiceId = r.id(f.invoiceId, true);
      const date = r.date(f.date, true);
      const payType = r.text(f.payType);
      if (payType === '' && f.payType.col >= 0) {
        r.warn('payment.pay-type-unmapped', f.payType, 'The pay type is empty; the row was treated by the sign of its amount (money in when positive, a refund when negative).');
      }
      const amount = r.money(f.amount, true);
      if (r.hasError) return false;
      const paymentId = r.id(f.paymentId, false);
      const contactId = r.id(f.contactId, false);
      const note = r.text(f.note);
      if (r.hasError) return false;
      this.#paymentId.push(paymentId);
      this.#invoiceId.push(invoiceId);
      this.#contactId.push(contactId);
      this.#date.push(date);
      this.#payType.push(payType);
      this.#amount.push(amount);
      this.#note.push(note);
      return true;
    };
  }
}
