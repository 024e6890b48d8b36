/**
 * Step 3 at a thousand names: the names QuickBooks lacks (or has with another type) grouped by
 * list, each with its count, and narrowed by a filter. Accounts and items, where a typo is
 * costly, are open by default; the long customer list is collapsed behind its count.
 */
import type { NameCheck, NameCheckList } from '../core/qb/lists.ts';

export interface NameGroup {
  list: NameCheckList;
  title: string;
  /** The group's names that match the filter. */
  checks: NameCheck[];
  /** Names of the group before filtering. */
  total: number;
  /** Shown open until the user closes it. */
  openByDefault: boolean;
}

const NAME_LIST_ORDER: readonly NameCheckList[] = ['account', 'item', 'customer', 'vendor', 'paymentMethod', 'class'];

const NAME_LIST_TITLES: Record<NameCheckList, string> = {
  account: 'Accounts',
  item: 'Items',
  customer: 'Customers',
  vendor: 'Vendors',
  paymentMethod: 'Payment methods',
  class: 'Classes',
};

const COLLAPSED: ReadonlySet<NameCheckList> = new Set<NameCheckList>(['customer']);

/** The checks that need attention (not found, or of another type), grouped by list in a fixed order; `filter` matches name or use. */
export function groupNameChecks(checks: readonly NameCheck[], filter: string): NameGroup[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (c: NameCheck): boolean => {
    const text = `${c.name} ${c.role}`.toLowerCase();
    return words.every((w) => text.includes(w));
  };
  const out: NameGroup[] = [];
  for (const list of NAME_LIST_ORDER) {
    const all = checks.filter((c) => c.list === list && c.status !== 'ok');
    if (all.length === 0) continue;
    out.push({ list, title: NAME_LIST_TITLES[list], checks: words.length > 0 ? all.filter(matches) : all, total: all.length, openByDefault: !COLLAPSED.has(list) });
  }
  return out;
}
