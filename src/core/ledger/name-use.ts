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

// Which uses of a name were added already (bits per name number), so each Set sees a name once.
const ACCOUNT = 1;
const TYPED_ACCOUNT = 2;
const ITEM = 4;
const NAME = 8;
const CLASS = 16;
const SPLIT_CLASS = 32;
const METHOD = 64;
const SPLIT_METHOD = 128;

/** The names the transactions `order` of `store` use. */
export function collectNameUses(store: TransactionStore, order: ArrayLike<number>): NameUses {
  const uses = new NameUses();
  const names = store.names.values;
  const seen = new Uint8Array(names.length);
  const first = (ref: number, bit: number): boolean => {
    if ((seen[ref] as number) & bit) return false;
    seen[ref] = (seen[ref] as number) | bit;
    return true;
  };
  const text = (ref: number) => names[ref] as string;
  const account = (ref: number, type: 'OCASSET' | 'BANK' | 'AR' | null) => {
    if (first(ref, ACCOUNT)) uses.accounts.add(text(ref));
    if (type !== null && first(ref, TYPED_ACCOUNT)) uses.typedAccounts.set(text(ref), type);
  };
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    account(store.accountRef(i), headerAccountType(store.type(i)));
    const name = store.nameRef(i);
    if (first(name, NAME)) {
      uses.names.add(text(name));
      uses.headerNames.add(text(name));
    } else if (!uses.headerNames.has(text(name))) uses.headerNames.add(text(name));
    const cls = store.classRef(i);
    if (cls && first(cls, CLASS)) uses.classes.add(text(cls));
    const method = store.payMethodRef(i);
    if (method && first(method, METHOD)) uses.methods.add(text(method));
    const { start, end } = store.lines(i);
    for (let j = start; j < end; j++) {
      const item = store.lineItemRef(j);
      if (item) {
        account(store.lineAccountRef(j), null);
        if (first(item, ITEM)) uses.items.add(text(item));
      } else account(store.lineAccountRef(j), 'AR');
      const lineName = store.lineNameRef(j);
      if (lineName && first(lineName, NAME)) uses.names.add(text(lineName));
      const lineClass = store.lineClassRef(j);
      if (lineClass) {
        if (first(lineClass, CLASS)) uses.classes.add(text(lineClass));
        if (first(lineClass, SPLIT_CLASS)) uses.splitClasses.add(text(lineClass));
      }
      const lineMethod = store.linePayMethodRef(j);
      if (lineMethod) {
        if (first(lineMethod, METHOD)) uses.methods.add(text(lineMethod));
        if (first(lineMethod, SPLIT_METHOD)) uses.splitMethods.add(text(lineMethod));
      }
    }
  }
  return uses;
}
