/**
 * The postings of the written transactions (each TRNS and SPL amount on its account), summed
 * per account straight from the store: the input of the account effect.
 */
import type { TransactionStore } from '../ledger/store.ts';
import type { Posting } from './account-effect.ts';

/** Debits and credits per account of the transactions `order`, as one posting per side. */
export function postingsOf(store: TransactionStore, order: ArrayLike<number>, accountType: (account: string) => string): Posting[] {
  const size = store.names.values.length;
  const debits = new Float64Array(size);
  const credits = new Float64Array(size);
  const used = new Uint8Array(size);
  const add = (ref: number, amount: number) => {
    used[ref] = 1;
    if (amount >= 0) debits[ref] = (debits[ref] as number) + amount;
    else credits[ref] = (credits[ref] as number) + amount;
  };
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    add(store.accountRef(i), store.amount(i));
    const { start, end } = store.lines(i);
    for (let j = start; j < end; j++) add(store.lineAccountRef(j), store.lineAmount(j));
  }
  const postings: Posting[] = [];
  for (let ref = 0; ref < size; ref++) {
    if (!used[ref]) continue;
    const account = store.names.values[ref] as string;
    const type = accountType(account);
    postings.push({ account, accountType: type, amount: debits[ref] as number });
    if (credits[ref] !== 0) postings.push({ account, accountType: type, amount: credits[ref] as number });
  }
  return postings;
}
