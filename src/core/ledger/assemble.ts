/**
 * Chosen transactions -> a complete Ledger: the list entries those transactions use, leaving
 * out what the profile says exists already (and, with the QuickBooks lists loaded, what the
 * company file already has, since a CUST row overwrites an existing customer).
 */
import { cleanIifText } from '../iif/sanitize.ts';
import type { Profile } from '../profile/types.ts';
import type { CustomerDef, Ledger, Transaction } from './model.ts';
import type { NameRegistry } from './registry.ts';

const lower = (s: string) => s.trim().toLowerCase();

export function assembleLedger(
  transactions: Transaction[],
  registry: NameRegistry,
  customers: Map<string, CustomerDef>,
  profile: Profile,
): Ledger {
  const usedAccounts = new Set<string>();
  const usedItems = new Set<string>();
  const usedNames = new Set<string>();
  const usedMethods = new Set<string>();
  const usedClasses = new Set<string>();
  for (const t of transactions) {
    usedAccounts.add(t.account);
    usedNames.add(t.name);
    if (t.payMethod) usedMethods.add(t.payMethod);
    if (t.class) usedClasses.add(t.class);
    for (const s of t.splits) {
      usedAccounts.add(s.account);
      if (s.item) usedItems.add(s.item);
      if (s.name) usedNames.add(s.name);
      if (s.payMethod) usedMethods.add(s.payMethod);
      if (s.class) usedClasses.add(s.class);
    }
  }
  const qb = profile.qbLists;
  const inQb = (list: { name: string }[] | undefined, name: string) => !!list && list.some((e) => lower(e.name) === lower(name));
  const items = [...registry.items.values()].filter((i) => usedItems.has(i.name));
  for (const i of items) usedAccounts.add(i.account);
  const accounts = [...registry.accounts.values()]
    .filter((a) => usedAccounts.has(a.name) && !inQb(qb?.accounts, a.name))
    .map(({ roles: _roles, ...a }) => a);
  const vendors = [...registry.vendors].filter((v) => (usedNames.has(v) || items.some((i) => i.taxVendor === v)) && !inQb(qb?.vendors, v));
  const byName = new Map([...customers.values()].map((c) => [c.name, c]));
  const custs = [...usedNames]
    .map((n) => byName.get(n))
    .filter((c): c is CustomerDef => c !== undefined && !inQb(qb?.customers, c.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    accounts: profile.options.writeAccounts ? accounts : [],
    items: profile.options.writeItems ? items.filter((i) => !inQb(qb?.items, i.name)) : [],
    vendors: profile.options.writeAccounts || profile.options.writeItems ? vendors : [],
    paymentMethods: [...usedMethods].filter((m) => !inQb(qb?.paymentMethods, m)).map((m) => cleanIifText(m).text),
    classes: [...usedClasses].filter((c) => !inQb(qb?.classes, c)),
    customers: profile.options.writeCustomers ? custs : [],
    transactions,
  };
}
