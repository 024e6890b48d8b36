/**
 * Which row of the payments export a deposited payment is: by payment id when both files carry
 * one; otherwise by date, amount and customer, when exactly one written payment fits.
 */
import type { KeapTables } from '../keap/tables.ts';
import type { Cents } from '../money.ts';
import type { BuildContext } from './build-context.ts';
import type { CustomerDef } from './model.ts';

/** The row found (-1: none) and how many rows fitted. */
export interface Tie {
  row: number;
  candidates: number;
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

export class PaymentLookup {
  readonly #byId = new Map<string, number[]>();
  readonly #byDayAmount = new Map<string, number[]>();
  readonly #customerByName = new Map<string, CustomerDef>();

  constructor(
    private readonly ctx: BuildContext,
    private readonly tables: KeapTables,
  ) {
    const payments = tables.payments;
    for (let p = 0; p < payments.count; p++) {
      if (payments.amount(p) <= 0) continue;
      const id = payments.paymentId(p);
      if (id) push(this.#byId, id, p);
      // Only written payments can be told apart by customer.
      if (ctx.writtenPayments.has(p)) push(this.#byDayAmount, `${payments.date(p)}|${payments.amount(p)}`, p);
    }
    for (const c of ctx.customers.values()) this.#customerByName.set(c.name, c);
  }

  /** The payments export row of a deposited payment. */
  find(paymentId: string, day: number, amount: Cents, customer: string, email: string): Tie {
    if (paymentId && this.#byId.size > 0) {
      const hits = this.#byId.get(paymentId) ?? [];
      return { row: hits.length === 1 ? hits[0]! : -1, candidates: hits.length };
    }
    const hits = (this.#byDayAmount.get(`${day}|${amount}`) ?? []).filter((p) => this.#sameCustomer(p, customer, email));
    return { row: hits.length === 1 ? hits[0]! : -1, candidates: hits.length };
  }

  /** The QuickBooks customer a written payment row was written for. */
  customerOf(p: number): string | undefined {
    const w = this.ctx.writtenPayments.get(p);
    return w === undefined ? undefined : this.ctx.store.name(w.txn);
  }

  #sameCustomer(p: number, customer: string, email: string): boolean {
    if (!customer && !email) return true;
    const name = this.customerOf(p);
    const c = name === undefined ? undefined : this.#customerByName.get(name);
    if (!c) return false;
    if (email && norm(c.email) === norm(email)) return true;
    const wanted = norm(customer);
    return wanted !== '' && [c.name, `${c.firstName} ${c.lastName}`, c.company].some((n) => norm(n) === wanted);
  }

  /** The date of a payments export row. */
  date(p: number): number {
    return this.tables.payments.date(p);
  }
}

function push(index: Map<string, number[]>, key: string, p: number): void {
  const list = index.get(key);
  if (list) list.push(p);
  else index.set(key, [p]);
}
