/**
 * Review stage: filtering and searching the transactions of a run for the review table.
 * Works on indices so 100,000 transactions are never copied per keystroke.
 */
import type { Transaction, TxnType } from '../ledger/model.ts';
import { formatCentsPlain } from '../money.ts';

export interface TransactionFilter {
  type: TxnType | '';
  search: string;
}

function haystack(t: Transaction): string {
  return [t.key, t.type, t.date, t.name, t.docNum ?? '', t.memo ?? '', t.account, formatCentsPlain(t.amount), ...t.keapIds]
    .join('\u0000')
    .toLowerCase();
}

/** Indices of the transactions that pass the type filter and contain every search word. */
export function filterTransactions(transactions: readonly Transaction[], filter: TransactionFilter): number[] {
  const words = filter.search.toLowerCase().split(/\s+/).filter((w) => w !== '');
  const out: number[] = [];
  for (let i = 0; i < transactions.length; i++) {
    const t = transactions[i] as Transaction;
    if (filter.type && t.type !== filter.type) continue;
    if (words.length > 0) {
      const h = haystack(t);
      if (!words.every((w) => h.includes(w))) continue;
    }
    out.push(i);
  }
  return out;
}

/** Count of transactions per IIF type, in a stable order. */
export function countByType(transactions: readonly Transaction[]): Map<TxnType, number> {
  const m = new Map<TxnType, number>();
  for (const t of transactions) m.set(t.type, (m.get(t.type) ?? 0) + 1);
  return m;
}
