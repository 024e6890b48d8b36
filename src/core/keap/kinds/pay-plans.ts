/** Payment plans (Keap's PayPlan table): which invoice a plan pays, from when, and its first amount. */
import type { Day } from '../../dates.ts';
import type { Cents } from '../../money.ts';
import { fieldsOf, type CellReader } from '../cell-reader.ts';
import { CentsColumn, DayColumn, IdColumn, type ContentColumn, type IdCodes } from '../columns.ts';
import type { PayPlanRows } from '../tables.ts';
import { KindTable, type MergeKey, type RowRead } from './kind-table.ts';

const FIELDS = ['payPlanId', 'invoiceId', 'startDate', 'firstPayAmt'] as const;

export class PayPlanTable extends KindTable implements PayPlanRows {
  readonly #payPlanId: IdColumn;
  readonly #invoiceId: IdColumn;
  readonly #startDate = new DayColumn();
  readonly #firstPayAmt = new CentsColumn();
  readonly #content: readonly ContentColumn[];

  constructor(ids: IdCodes) {
    super();
    this.#payPlanId = new IdColumn(ids);
    this.#invoiceId = new IdColumn(ids);
    this.#content = [this.#payPlanId, this.#invoiceId, this.#startDate, this.#firstPayAmt];
  }

  protected content(): readonly ContentColumn[] {
    return this.#content;
  }

  mergeKey(p: number): MergeKey {
    return this.#payPlanId.at(p);
  }

  payPlanId(i: number): string {
    return this.#payPlanId.text(this.at(i));
  }
  invoiceId(i: number): string {
    return this.#invoiceId.text(this.at(i));
  }
  startDate(i: number): Day {
    return this.#startDate.at(this.at(i));
  }
  firstPayAmt(i: number): Cents {
    return this.#firstPayAmt.at(this.at(i));
  }

  rowReader(columns: Readonly<Record<string, number>>, headers: readonly string[]): RowRead {
    const f = fieldsOf(FIELDS, columns, headers);
    return (r: CellReader): boolean => {
      const payPlanId = r.id(f.payPlanId, true);
      const invoiceId = r.id(f.invoiceId, true);
      const startDate = r.date(f.startDate, false);
      const firstPayAmt = r.money(f.firstPayAmt, false);
      if (r.hasError) return false;
      this.#payPlanId.push(payPlanId);
      this.#invoiceId.push(invoiceId);
      this.#startDate.push(startDate);
      this.#firstPayAmt.push(firstPayAmt);
      return true;
    };
  }
}
