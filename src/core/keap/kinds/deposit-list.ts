/**
 * The Keap Payments deposits list (payouts to the bank): per deposit its date, status, amount,
 * method and Deposit ID. It dates the deposit files that carry no date, and states each
 * deposit's amount, which the deposit's rows must add up to.
 */
import type { Day } from '../../dates.ts';
import type { Cents } from '../../money.ts';
import { fieldsOf, type CellReader } from '../cell-reader.ts';
import { CentsColumn, DayColumn, IdColumn, TextColumn, type ContentColumn, type IdCodes } from '../columns.ts';
import type { DepositListRows } from '../tables.ts';
import { KindTable, type MergeKey, type RowRead } from './kind-table.ts';

const FIELDS = ['depositId', 'date', 'status', 'amount', 'method'] as const;

export class DepositListTable extends KindTable implements DepositListRows {
  readonly #depositId: IdColumn;
  readonly #date = new DayColumn();
  readonly #status = new TextColumn(true);
  readonly #amount = new CentsColumn();
  readonly #method = new TextColumn(true);
  readonly #content: readonly ContentColumn[];

  constructor(ids: IdCodes) {
    super();
    this.#depositId = new IdColumn(ids);
    this.#content = [this.#depositId, this.#date, this.#status, this.#amount, this.#method];
  }

  protected content(): readonly ContentColumn[] {
    return this.#content;
  }

  mergeKey(p: number): MergeKey {
    return this.#depositId.at(p);
  }

  override dayOf(p: number): Day {
    return this.#date.at(p);
  }

  depositId(i: number): string {
    return this.#depositId.text(this.at(i));
  }
  date(i: number): Day {
    return this.#date.at(this.at(i));
  }
  status(i: number): string {
    return this.#status.at(this.at(i));
  }
  amount(i: number): Cents {
    return this.#amount.at(this.at(i));
  }
  method(i: number): string {
    return this.#method.at(this.at(i));
  }

  rowReader(columns: Readonly<Record<string, number>>, headers: readonly string[]): RowRead {
    const f = fieldsOf(FIELDS, columns, headers);
    return (r: CellReader): boolean => {
      const depositId = r.id(f.depositId, true);
      const date = r.date(f.date, true);
      const status = r.text(f.status);
      const amount = r.money(f.amount, true);
      const method = r.text(f.method);
      if (r.hasError) return false;
      this.#depositId.push(depositId);
      this.#date.push(date);
      this.#status.push(status);
      this.#amount.push(amount);
      this.#method.push(method);
      return true;
    };
  }
}
