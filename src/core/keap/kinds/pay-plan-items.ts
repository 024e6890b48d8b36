/**
 * Payment plan instalments (Keap's PayPlanItem table): what is due on which day. They have no id
 * of their own, so repeats across files are found by their contents.
 */
import type { Day } from '../../dates.ts';
import type { Cents } from '../../money.ts';
import { fieldsOf, type CellReader } from '../cell-reader.ts';
import { CentsColumn, DayColumn, IdColumn, type ContentColumn, type IdCodes } from '../columns.ts';
import type { PayPlanItemRows } from '../tables.ts';
import { KindTable, type MergeKey, type RowRead } from './kind-table.ts';

const FIELDS = ['payPlanId', 'dueDate', 'amountDue'] as const;

export class PayPlanItemTable extends KindTable implements PayPlanItemRows {
  readonly #payPlanId: IdColumn;
  readonly #dueDate = new DayColumn();
  readonly #amountDue = new CentsColumn();
  readonly #content: readonly ContentColumn[];

  constructor(ids: IdCodes) {
    super();
    this.#payPlanId = new IdColumn(ids);
    this.#content = [this.#payPlanId, this.#dueDate, this.#amountDue];
  }

  protected content(): readonly ContentColumn[] {
    return this.#content;
  }

  mergeKey(): MergeKey {
    return null;
  }

  override dayOf(p: number): Day {
    return this.#dueDate.at(p);
  }

  payPlanId(i: number): string {
    return this.#payPlanId.text(this.at(i));
  }
  dueDate(i: number): Day {
    return this.#dueDate.at(this.at(i));
  }
  amountDue(i: number): Cents {
    return this.#amountDue.at(this.at(i));
  }

  rowReader(columns: Readonly<Record<string, number>>, headers: readonly string[]): RowRead {
    const f = fieldsOf(FIELDS, columns, headers);
    return (r: CellReader): boolean => {
      const payPlanId = r.id(f.payPlanId, true);
      const dueDate = r.date(f.dueDate, true);
      const amountDue = r.money(f.amountDue, true);
      if (r.hasError) return false;
      this.#payPlanId.push(payPlanId);
      this.#dueDate.push(dueDate);
      this.#amountDue.push(amountDue);
      return true;
    };
  }
}
