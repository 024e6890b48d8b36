/**
 * Keap Payments deposits: the CSV of one deposit's payments (Keap's help names its columns "Date
 * the Payment was created, Type of Transaction, Payment ID, Payment Amount, Fees, Net after
 * Fees"), or a file whose deposit id column holds many deposits. A row is a payment, a refund or
 * chargeback (negative), or a fee that belongs to no payment.
 *
 * A row with a cell that cannot be read is kept, marked unreadable, rather than set aside alone:
 * a deposit missing one of its rows would not be the deposit the bank received, so the build
 * sets the whole deposit aside. A file with rows that could not be read at all (a ragged row, an
 * empty deposit id) is marked incomplete by the merge, and so are all its deposits.
 */
import type { Day } from '../../dates.ts';
import type { Cents } from '../../money.ts';
import { fieldsOf, type CellReader } from '../cell-reader.ts';
import { CentsColumn, DayColumn, IdColumn, SmallCodeColumn, TextColumn, type ContentColumn, type IdCodes } from '../columns.ts';
import type { DepositRows } from '../tables.ts';
import { KindTable, type MergeKey, type RowRead } from './kind-table.ts';

const FIELDS = ['depositId', 'depositDate', 'date', 'type', 'paymentId', 'amount', 'fee', 'net', 'customer', 'email', 'depositAmount'] as const;

export class DepositTable extends KindTable implements DepositRows {
  readonly #depositId: IdColumn;
  readonly #depositDate = new DayColumn();
  readonly #date = new DayColumn();
  readonly #type = new TextColumn(true);
  readonly #paymentId: IdColumn;
  readonly #amount = new CentsColumn();
  readonly #fee = new CentsColumn();
  readonly #net = new CentsColumn();
  readonly #customer = new TextColumn(true);
  readonly #email = new TextColumn(true);
  readonly #depositAmount = new CentsColumn();
  readonly #unreadable = new SmallCodeColumn();
  readonly #content: readonly ContentColumn[];
  readonly #incompleteFiles = new Set<number>();

  constructor(ids: IdCodes) {
    super();
    this.#depositId = new IdColumn(ids);
    this.#paymentId = new IdColumn(ids);
    this.#content = [this.#depositId, this.#depositDate, this.#date, this.#type, this.#paymentId, this.#amount, this.#fee, this.#net, this.#customer, this.#email, this.#depositAmount, this.#unreadable];
  }

  protected content(): readonly ContentColumn[] {
    return this.#content;
  }

  /** Deposits are merged as whole deposits (merge-tables.ts), not row by row. */
  mergeKey(_p: number): MergeKey {
    return null;
  }

  override dayOf(p: number): Day {
    return this.#date.at(p);
  }

  /** The deposit id code of stored row p (NO_ID: the file has none, so the file is one deposit). */
  storedDeposit(p: number): number {
    return this.#depositId.at(p);
  }

  storedDepositText(p: number): string {
    return this.#depositId.text(p);
  }

  /** Rows of file `fileIndex` could not be read at all: its deposits are not complete. */
  markIncomplete(fileIndex: number): void {
    this.#incompleteFiles.add(fileIndex);
  }

  incompleteFile(fileIndex: number): boolean {
    return this.#incompleteFiles.has(fileIndex);
  }

  depositId(i: number): string {
    return this.#depositId.text(this.at(i));
  }
  depositDate(i: number): Day {
    return this.#depositDate.at(this.at(i));
  }
  date(i: number): Day {
    return this.#date.at(this.at(i));
  }
  type(i: number): string {
    return this.#type.at(this.at(i));
  }
  paymentId(i: number): string {
    return this.#paymentId.text(this.at(i));
  }
  amount(i: number): Cents {
    return this.#amount.at(this.at(i));
  }
  fee(i: number): Cents {
    return this.#fee.at(this.at(i));
  }
  net(i: number): Cents {
    return this.#net.at(this.at(i));
  }
  customer(i: number): string {
    return this.#customer.at(this.at(i));
  }
  email(i: number): string {
    return this.#email.at(this.at(i));
  }
  depositAmount(i: number): Cents {
    return this.#depositAmount.at(this.at(i));
  }
  unreadable(i: number): boolean {
    return this.#unreadable.at(this.at(i)) === 1;
  }

  rowReader(columns: Readonly<Record<string, number>>, headers: readonly string[]): RowRead {
    const f = fieldsOf(FIELDS, columns, headers);
    return (r: CellReader): boolean => {
      // Without its deposit id (in a file that has the column) a row belongs to no deposit.
      const depositId = r.id(f.depositId, f.depositId.col >= 0);
      if (r.hasError) return false;
      const depositDate = r.date(f.depositDate, false);
      const date = r.date(f.date, false);
      const type = r.text(f.type);
      const paymentId = r.id(f.paymentId, false);
      const amount = r.money(f.amount, false);
      const fee = r.money(f.fee, false);
      const net = r.money(f.net, false);
      if (amount !== amount && fee !== fee && net !== net && !r.hasError) {
        r.fail('amount.missing', f.amount, `The row has no amount, fee or net in column "${f.amount.name}"; a deposit's rows must say how much money they move.`);
      }
      const customer = r.text(f.customer);
      const email = r.text(f.email);
      const depositAmount = r.money(f.depositAmount, false);
      this.#depositId.push(depositId);
      this.#depositDate.push(depositDate);
      this.#date.push(date);
      this.#type.push(type);
      this.#paymentId.push(paymentId);
      this.#amount.push(amount);
      this.#fee.push(fee);
      this.#net.push(net);
      this.#customer.push(customer);
      this.#email.push(email);
      this.#depositAmount.push(depositAmount);
      this.#unreadable.push(r.hasError ? 1 : 0);
      return true;
    };
  }
}
