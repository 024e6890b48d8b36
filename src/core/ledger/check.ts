/**
 * Balance check: a transaction's header amount plus its lines must be exactly zero (integer
 * cents), and it must have lines. Returns the problem with its code, or null.
 */
import { formatIifDate, isoOfDay } from '../dates.ts';
import { formatCentsPlain } from '../money.ts';
import type { TransactionStore } from './store.ts';

export interface BalanceProblem {
  code: 'txn.unbalanced';
  message: string;
}

/** The problem with transaction i's balance, or null when it sums to zero. */
export function checkBalance(store: TransactionStore, i: number): BalanceProblem | null {
  const { start, end } = store.lines(i);
  let total = store.amount(i);
  for (let j = start; j < end; j++) total += store.lineAmount(j);
  if (total === 0 && end > start) return null;
  return {
    code: 'txn.unbalanced',
    message: end === start
      ? `The ${store.type(i)} for ${store.name(i)} has no lines; it was not written.`
      : `The ${store.type(i)} for ${store.name(i)} dated ${formatIifDate(isoOfDay(store.date(i)))} is off by ${formatCentsPlain(total)}; it was not written. This is a bug in keap2iif: please report it with the Keap rows it came from.`,
  };
}
