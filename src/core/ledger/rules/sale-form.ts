/**
 * What the three sales forms of an order (invoice, return, cash sale) share: the order's date,
 * customer, number, memo, total and the Keap rows and ids behind it.
 */
import type { Day } from '../../dates.ts';
import type { SourceRef } from '../../keap/model.ts';
import type { Cents } from '../../money.ts';
import type { CustomerDef } from '../model.ts';

export interface SaleForm {
  /** The invoice id, else the order id (keys the transaction). */
  saleId: string;
  date: Day;
  customer: CustomerDef;
  /** '' when the number is left off. */
  docNum: string;
  /** `Keap invoice 1001` (plus the plan summary). */
  memo: string;
  /** Sum of the lines, in Keap's sign. */
  total: Cents;
  hasTax: boolean;
  class: string | undefined;
  sources: SourceRef[];
  keapIds: string[];
}
