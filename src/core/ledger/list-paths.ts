/**
 * Parents before children in a list section. A name that is a path (`Coaching:Programs`,
 * `Income:Consulting`, `Customer:Job`) gets each missing parent declared before its first
 * child, as QuickBooks' own list exports always do (whether an import makes a missing parent
 * by itself is unknown: iif-format.md §6.5). Pure: rows in, rows out, nothing else reordered.
 */
import { issue, type Issue } from '../issues.ts';
import type { AccountDef, CustomerDef, ItemDef } from './model.ts';

/** A list section's rows with every missing parent declared before its first child. */
export interface ParentsFirst<T> {
  rows: T[];
  /** The parents that were not in the list nor in QuickBooks and were declared, in order. */
  added: string[];
  /** A child whose type differs from its parent's in the file (accounts and items only). */
  issues: Issue[];
}

export type PathListKind = 'account' | 'item' | 'class' | 'customer';

export interface PathList<T> {
  kind: PathListKind;
  nameOf(row: T): string;
  /** The row declaring a parent nobody declared, made from its first child. */
  parentFrom(parentName: string, child: T): T;
  /** The type parent and child must share (ACCNTTYPE, INVITEMTYPE); absent for classes and customers. */
  typeOf?(row: T): string;
}

/** QuickBooks compares list names case-insensitively; surrounding spaces never matter. */
const keyOf = (name: string): string => name.trim().toLowerCase();

/**
 * The parents of a path, outermost first: `A:B:C` -> `A`, `A:B`. None for a name with an empty
 * part (`A::B`, `:A`): that name is refused by the name checks, and a parent guessed from it would be wrong.
 */
export function parentPaths(name: string): string[] {
  const parts = name.split(':');
  if (parts.length < 2 || parts.some((p) => p.trim() === '')) return [];
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join(':'));
}

/**
 * Returns `rows` with each parent QuickBooks lacks placed just before its first child: a parent
 * already in the rows is moved up (never repeated), a parent in neither the rows nor `existing`
 * (QuickBooks' names) is made with `list.parentFrom`. Other rows keep their order.
 */
export function declareParentsFirst<T>(rows: readonly T[], existing: Iterable<string>, list: PathList<T>): ParentsFirst<T> {
  const inQuickBooks = new Set<string>();
  for (const name of existing) inQuickBooks.add(keyOf(name));
  const firstRowOf = new Map<string, number>();
  rows.forEach((row, i) => {
    const key = keyOf(list.nameOf(row));
    if (!firstRowOf.has(key)) firstRowOf.set(key, i);
  });

  const out: T[] = [];
  const added: string[] = [];
  const issues: Issue[] = [];
  const placed = new Set<number>();
  /** Type of each name declared so far in the file (rows and made parents). */
  const declaredType = new Map<string, string>();
  const declare = (row: T): void => {
    out.push(row);
    declaredType.set(keyOf(list.nameOf(row)), list.typeOf?.(row) ?? '');
  };

  rows.forEach((row, i) => {
    if (placed.has(i)) return; // moved up earlier as a parent
    for (const parent of parentPaths(list.nameOf(row))) {
      const key = keyOf(parent);
      if (declaredType.has(key) || inQuickBooks.has(key)) continue;
      const listed = firstRowOf.get(key);
      if (listed !== undefined) {
        placed.add(listed);
        declare(rows[listed]!);
      } else {
        declare(list.parentFrom(parent, row));
        added.push(parent);
      }
    }
    placed.add(i);
    declare(row);
  });

  if (list.typeOf) for (const row of out) checkParentType(row, list, declaredType, issues);
  return { rows: out, added, issues };
}

const KIND_LABELS: Record<PathListKind, string> = { account: 'account', item: 'item', class: 'class', customer: 'customer' };

/**
 * QuickBooks keeps a sub-account (and, as its exports show, a sub-item) of its parent's type. A
 * child of another type than the parent written in the same file is a mapping the user fixes.
 * A parent QuickBooks already has is not checked here: only its name is known.
 */
function checkParentType<T>(row: T, list: PathList<T>, declaredType: ReadonlyMap<string, string>, issues: Issue[]): void {
  const name = list.nameOf(row);
  const parents = parentPaths(name);
  const parent = parents[parents.length - 1];
  if (parent === undefined) return;
  const parentType = declaredType.get(keyOf(parent));
  const childType = list.typeOf!(row);
  if (parentType === undefined || parentType === childType) return;
  const label = KIND_LABELS[list.kind];
  issues.push(
    issue(
      'name.parent-type-mismatch',
      'warning',
      `The ${label} "${name}" is of type ${childType}, but its parent "${parent}" is written as ${parentType}; QuickBooks keeps a sub-${label} of its parent's type. Map them to ${label}s of one type, or move "${name}" under another parent.`,
    ),
  );
}

/**
 * Accounts. A made parent takes its child's ACCNTTYPE (QuickBooks keeps sub-accounts of their
 * parent's type; all 47 sub-accounts of the genuine list export do) and no EXTRA: EXTRA marks
 * QuickBooks' one special account (UNDEPOSIT, SALESTAX) and is not inherited (qb-list-export.md §4.2).
 */
export function accountsWithParents(accounts: readonly AccountDef[], qbAccountNames: Iterable<string>): ParentsFirst<AccountDef> {
  return declareParentsFirst(accounts, qbAccountNames, {
    kind: 'account',
    nameOf: (a) => a.name,
    typeOf: (a) => a.type,
    parentFrom: (name, child) => ({ name, type: child.type }),
  });
}

/**
 * Items. Where QuickBooks' rule is uncertain the safer form: a made parent takes its child's
 * INVITEMTYPE and income account (all 10 sub-items of the genuine list export share their
 * parent's type, and their parents post to the same income account), so the parent can never be
 * auto-created as some other type. It carries no price or description: it is a heading, not
 * something sold at the child's price. A sales-tax (COMPTAX) parent also keeps the tax agency,
 * which QuickBooks needs on every sales-tax item.
 */
export function itemsWithParents(items: readonly ItemDef[], qbItemNames: Iterable<string>): ParentsFirst<ItemDef> {
  return declareParentsFirst(items, qbItemNames, {
    kind: 'item',
    nameOf: (i) => i.name,
    typeOf: (i) => i.type,
    parentFrom: (name, child) => (child.type === 'COMPTAX' && child.taxVendor ? { name, type: child.type, account: child.account, taxVendor: child.taxVendor } : { name, type: child.type, account: child.account }),
  });
}

/** Classes: a class has no type, so a made parent is its name alone. */
export function classesWithParents(classes: readonly string[], qbClassNames: Iterable<string>): ParentsFirst<string> {
  return declareParentsFirst(classes, qbClassNames, { kind: 'class', nameOf: (c) => c, parentFrom: (name) => name });
}

/**
 * Customers. keap2iif writes no Customer:Job of its own (a colon in a contact's name becomes
 * `-`), so this only matters for names that come with a colon from elsewhere. A made parent is
 * a name only: a CUST row overwrites a customer's details, and we know none of the parent's.
 */
export function customersWithParents(customers: readonly CustomerDef[], qbCustomerNames: Iterable<string>): ParentsFirst<CustomerDef> {
  return declareParentsFirst(customers, qbCustomerNames, {
    kind: 'customer',
    nameOf: (c) => c.name,
    parentFrom: (name) => ({ name, contactId: '', firstName: '', lastName: '', company: '', email: '', phone: '', billTo: [] }),
  });
}
