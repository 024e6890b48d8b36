/**
 * Balance check: a transaction's header amount plus its splits must be exactly zero (integer
 * cents), and split dates must equal the header date (SPL repeats TRNS's date in IIF).
 */
import { formatCentsPlain, sumCents } from '../money.ts';
import { issue, type Issue } from '../issues.ts';
import type { Transaction } from './model.ts';

/** Problems with one transaction's balance; empty when it sums to zero. */
export function checkBalanced(txn: Transaction): Issue[] {
  const total = sumCents([txn.amount, ...txn.splits.map((s) => s.amount)]);
  if (total === 0 && txn.splits.length > 0) return [];
  const src = txn.sources[0];
  return [
    issue(
      'txn.unbalanced',
      'error',
      txn.splits.length === 0
        ? `The ${txn.type} for ${txn.name} has no lines; it was not written.`
        : `The ${txn.type} for ${txn.name} dated ${txn.date} is off by ${formatCentsPlain(total)}; it was not written. This is a bug in keap2iif: please report it with the Keap rows it came from.`,
      src ? { file: src.file, row: src.row } : {},
    ),
  ];
}
