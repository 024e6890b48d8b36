/**
 * The QuickBooks names the written transactions use, gathered from the store: the list sections
 * declare them, and the check against the user's QuickBooks lists reads them.
 */
import type { TransactionStore } from './store.ts';
import type { TxnType } from './model.ts';

/** Account type a header account must have, from the form it heads (for the QuickBooks list check). */
function headerAccountType(type: TxnType): 'OCASSET' | 'BANK' | 'AR' {
  return type === 'PAYMENT' || type === 'CASH SALE' ? 'OCASSET' : type === 'CHECK' ? 'BANK' : 'AR';
}

/** Every name a set of transactions uses, in transaction order (first use first). */
export class NameUses {
  /** Header and line accounts. */
  readonly accounts = new Set<string>();
  readonly items = new Set<string>();
  /** Header and line names (customers, vendors). */
  readonly names = new Set<string>();
  readonly headerNames = new Set<string>();
  readonly methods = new Set<string>();
  readonly splitMethods = new Set<string>();
  readonly classes = new Set<string>();
  readonly splitClasses = new Set<string>();
  /**
   * Accounts the name check needs a type for, at their first use: a header account (typed by
   * its form) or a line account on a line without an item (an A/R account).
   */
  readonly typedAccounts = new Map<string, 'OCASSET' | 'BANK' | 'AR'>();
}

/** The names the transactions `order` of `store` use. */
export function collectNameUses(store: TransactionStore, order: ArrayLike<number>): NameUses {
  const uses = new NameUses();
  const names = store.names.values;
  const text = (ref: number) => names[ref] as string;
  const typeAccount = (ref: number, type: 'OCASSET' | 'BANK' | 'AR') => {
    const name = text(ref);
    uses.accounts.add(name);
    if (!uses.typedAccounts.has(name)) uses.typedAccounts.set(name, type);
  };
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    typeAccount(store.accountRef(i), headerAccountType(store.type(i)));
    const name = text(store.nameRef(i));
    if (name) {
      uses.names.add(name);
      uses.headerNames.add(name);
    }
    if (store.classRef(i)) uses.classes.add(text(store.classRef(i)));
    if (store.payMethodRef(i)) uses.methods.add(text(store.payMethodRef(i)));
    const { start, end } = store.lines(i);
    for (let j = start; j < end; j++) {
      const item = store.lineItemRef(j);
      if (item) {
        uses.accounts.add(text(store.lineAccountRef(j)));
        uses.items.add(text(item));
      } else typeAccount(store.lineAccountRef(j), 'AR');
      if (store.lineNameRef(j)) uses.names.add(text(store.lineNameRef(j)));
      const cls = store.lineClassRef(j);
      if (cls) {
        uses.classes.add(text(cls));
        uses.splitClasses.add(text(cls));
      }
      const method = store.linePayMethodRef(j);
      if (method) {
        uses.methods.add(text(method));
        uses.splitMethods.add(text(method));
      }
    }
  }
  return uses;
}
