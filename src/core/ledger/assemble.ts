/**
 * Chosen transactions -> their list sections: the list entries those transactions use, leaving
 * out what the profile says exists already (and, with the QuickBooks lists loaded, what the
 * company file already has, since a CUST row overwrites an existing customer).
 */
import { cleanIifText } from '../iif/sanitize.ts';
import type { Profile } from '../profile/types.ts';
import type { CustomerDef, ListSections } from './model.ts';
import type { NameRegistry } from './registry.ts';
import type { NameUses } from './name-use.ts';
import type { Issue } from '../issues.ts';
import { accountsWithParents, classesWithParents, customersWithParents, itemsWithParents } from './list-paths.ts';

const lower = (s: string) => s.trim().toLowerCase();

/**
 * Every list entry the written transactions use (accounts, items, names…), before any is left
 * out; `uses` holds their names.
 */
export function usedLists(uses: NameUses, registry: NameRegistry, customers: Map<string, CustomerDef>): ListSections {
  const usedAccounts = new Set(uses.accounts);
  const usedItems = uses.items;
  const usedNames = uses.names;
  const usedMethods = uses.methods;
  const usedClasses = uses.classes;
  const items = [...registry.items.values()].filter((i) => usedItems.has(i.name));
  for (const i of items) usedAccounts.add(i.account);
  const taxVendors = new Set(items.map((i) => i.taxVendor).filter((v): v is string => !!v));
  const byName = new Map([...customers.values()].map((c) => [c.name, c]));
  return {
    accounts: [...registry.accounts.values()].filter((a) => usedAccounts.has(a.name)).map(({ roles: _roles, ...a }) => a),
    items,
    vendors: [...registry.vendors].filter((v) => usedNames.has(v) || taxVendors.has(v)),
    paymentMethods: [...usedMethods].map((m) => cleanIifText(m).text),
    classes: [...usedClasses],
    customers: [...usedNames]
      .map((n) => byName.get(n))
      .filter((c): c is CustomerDef => c !== undefined)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
}

/**
 * Every path name (`Income:Consulting`) with its parents declared first, as QuickBooks' own list
 * exports have them; parents QuickBooks already has are left out (list-paths.ts).
 */
export function withParentsFirst(used: ListSections, profile: Profile): { lists: ListSections; issues: Issue[] } {
  const qb = profile.qbLists;
  const names = (list: { name: string }[] | undefined) => (list ?? []).map((e) => e.name);
  const accounts = accountsWithParents(used.accounts, names(qb?.accounts));
  const items = itemsWithParents(used.items, names(qb?.items));
  const classes = classesWithParents(used.classes, names(qb?.classes));
  const customers = customersWithParents(used.customers, names(qb?.customers));
  return {
    lists: { ...used, accounts: accounts.rows, items: items.rows, classes: classes.rows, customers: customers.rows },
    issues: [...accounts.issues, ...items.issues, ...classes.issues, ...customers.issues],
  };
}

/** The list rows to write: leaves out what the profile says not to write and what QuickBooks has. */
export function listsToWrite(used: ListSections, profile: Profile): ListSections {
  const qb = profile.qbLists;
  // Lower-cased name sets, built once: QuickBooks matches names without regard to case.
  const known = (list: { name: string }[] | undefined) => new Set((list ?? []).map((e) => lower(e.name)));
  const qbAccounts = known(qb?.accounts);
  const qbItems = known(qb?.items);
  const qbVendors = known(qb?.vendors);
  const qbCustomers = known(qb?.customers);
  const qbMethods = known(qb?.paymentMethods);
  const qbClasses = known(qb?.classes);
  const o = profile.options;
  return {
    accounts: o.writeAccounts ? used.accounts.filter((a) => !qbAccounts.has(lower(a.name))) : [],
    items: o.writeItems ? used.items.filter((i) => !qbItems.has(lower(i.name))) : [],
    vendors: o.writeAccounts || o.writeItems ? used.vendors.filter((v) => !qbVendors.has(lower(v))) : [],
    paymentMethods: used.paymentMethods.filter((m) => !qbMethods.has(lower(m))),
    classes: used.classes.filter((c) => !qbClasses.has(lower(c))),
    customers: o.writeCustomers ? used.customers.filter((c) => !qbCustomers.has(lower(c.name))) : [],
  };
}
