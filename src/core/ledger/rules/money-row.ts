/**
 * One Keap payment row as the money rules read it: what it is for, whose it is, and how to name
 * it in a memo. Made by the payments step (payments.ts) for rows that will be written.
 */
import type { Day } from '../../dates.ts';
import type { SourceRef } from '../../keap/model.ts';
import type { Cents } from '../../money.ts';
import type { CustomerDef } from '../model.ts';

export interface MoneyRow {
  row: number;
  paymentId: string;
  invoiceId: string;
  date: Day;
  payType: string;
  /** Keap's sign: positive = money in. */
  amount: Cents;
  customer: CustomerDef;
  class: string | undefined;
  /** `: <the Keap note>`, or ''. */
  note: string;
  /** The pay type, or `payment`/`refund` when the row has none. */
  typeLabel: string;
  /** paymentKeapId of the row. */
  keapId: string;
  source: SourceRef;
}
