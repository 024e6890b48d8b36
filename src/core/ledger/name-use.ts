/**
 * The QuickBooks names a transaction uses, as a sequence of small events (which name, in which
 * place). The list sections, the name check against QuickBooks and the final name check of the
 * build all read names this way, so they work the same on whole Transaction objects and on the
 * packed form a big run keeps (ledger/packed.ts), which stores only these events.
 */
import type { Transaction, TxnType } from './model.ts';

/** Where a name is used. Values are stored in packed transactions: do not renumber. */
export const USE = {
  headerAccount: 0,
  headerName: 1,
  headerClass: 2,
  headerMethod: 3,
  splitAccount: 4,
  /** A split's account on a line that has an item (the item's own account). */
  splitAccountWithItem: 5,
  splitItem: 6,
  splitName: 7,
  splitClass: 8,
  splitMethod: 9,
} as const;

export type UseCode = (typeof USE)[keyof typeof USE];

export type NameUseVisitor = (use: UseCode, name: string) => void;

/**
 * Calls `visit` for every name `t` uses, in a fixed order: header account, name, class, pay
 * method; then per split account, item, name, class, pay method. Empty names are skipped.
 */
export function visitNameUses(t: Transaction, visit: NameUseVisitor): void {
  visit(USE.headerAccount, t.account);
  visit(USE.headerName, t.name);
  if (t.class) visit(USE.headerClass, t.class);
  if (t.payMethod) visit(USE.headerMethod, t.payMethod);
  for (const s of t.splits) {
    visit(s.item ? USE.splitAccountWithItem : USE.splitAccount, s.account);
    if (s.item) visit(USE.splitItem, s.item);
    if (s.name) visit(USE.splitName, s.name);
    if (s.class) visit(USE.splitClass, s.class);
    if (s.payMethod) visit(USE.splitMethod, s.payMethod);
  }
}

/** Account type a header account must have, from the form it heads (for the QuickBooks list check). */
function headerAccountType(type: TxnType): 'OCASSET' | 'BANK' | 'AR' {
  return type === 'PAYMENT' || type === 'CASH SALE' ? 'OCASSET' : type === 'CHECK' ? 'BANK' : 'AR';
}

/** Every name a set of transactions uses, gathered in transaction order (first use first). */
export class NameUses {
  /** Header and split accounts. */
  readonly accounts = new Set<string>();
  readonly items = new Set<string>();
  /** Header and split names (customers, vendors). */
  readonly names = new Set<string>();
  readonly headerNames = new Set<string>();
  readonly methods = new Set<string>();
  readonly splitMethods = new Set<string>();
  readonly classes = new Set<string>();
  readonly splitClasses = new Set<string>();
  /**
   * Accounts the name check needs a type for, at their first use: a header account (typed by
   * its form) or a split account on a line without an item (an A/R account).
   */
  readonly typedAccounts = new Map<string, 'OCASSET' | 'BANK' | 'AR'>();

  /** Adds one transaction's uses; `type` is the transaction's IIF type. */
  add(type: TxnType, use: UseCode, name: string): void {
    switch (use) {
      case USE.headerAccount:
        this.accounts.add(name);
        if (!this.typedAccounts.has(name)) this.typedAccounts.set(name, headerAccountType(type));
        return;
      case USE.headerName:
        this.names.add(name);
        this.headerNames.add(name);
        return;
      case USE.headerClass:
        this.classes.add(name);
        return;
      case USE.headerMethod:
        this.methods.add(name);
        return;
      case USE.splitAccount:
        this.accounts.add(name);
        if (!this.typedAccounts.has(name)) this.typedAccounts.set(name, 'AR');
        return;
      case USE.splitAccountWithItem:
        this.accounts.add(name);
        return;
      case USE.splitItem:
        this.items.add(name);
        return;
      case USE.splitName:
        this.names.add(name);
        return;
      case USE.splitClass:
        this.classes.add(name);
        this.splitClasses.add(name);
        return;
      case USE.splitMethod:
        this.methods.add(name);
        this.splitMethods.add(name);
        return;
    }
  }

  /** Adds every name `t` uses. */
  addTransaction(t: Transaction): void {
    visitNameUses(t, (use, name) => this.add(t.type, use, name));
  }
}
