/**
 * The names an export will use, with the type each must have in QuickBooks, for checking
 * against the user's QuickBooks list export before anything is imported.
 */
import type { ListSections } from '../ledger/model.ts';
import type { NameUses } from '../ledger/name-use.ts';
import type { Profile } from '../profile/types.ts';
import type { WantedNames } from './lists.ts';

const ROLE_OF: Partial<Record<keyof Profile['accounts'], string>> = {
  accountsReceivable: 'Accounts Receivable',
  undepositedFunds: 'Undeposited Funds',
  paymentCredit: 'Payment Credit Account',
  creditCredit: 'Credit Credit Account',
  refundBank: 'refund bank account',
  salesTaxPayable: 'sales tax liability',
  writeOff: 'write-off (bad debt) account',
};

/**
 * Every account, item, customer, vendor, payment method and class the list sections name; `uses` holds
 * the names of its transactions (see usedLists).
 */
export function wantedNames(ledger: ListSections, uses: NameUses, profile: Profile): WantedNames {
  const roleFor = (name: string): string => {
    const roles = Object.entries(profile.accounts)
      .filter(([, v]) => v === name)
      .map(([k]) => ROLE_OF[k as keyof Profile['accounts']] ?? k);
    return roles.length > 0 ? roles.join(', ') : 'income account';
  };
  const accounts = new Map<string, { name: string; type: WantedNames['accounts'][number]['type']; role: string }>();
  for (const a of ledger.accounts) accounts.set(a.name, { name: a.name, type: a.type, role: roleFor(a.name) });
  // Accounts left out of the list sections (already in QuickBooks) still need checking.
  for (const [name, type] of uses.typedAccounts) if (!accounts.has(name)) accounts.set(name, { name, type, role: roleFor(name) });
  const items = new Map<string, WantedNames['items'][number]>(ledger.items.map((i) => [i.name, { name: i.name, type: i.type, role: 'item' }]));
  for (const item of uses.items) if (!items.has(item)) items.set(item, { name: item, type: '', role: 'item' });
  const names = new Set(uses.headerNames);
  const methods = new Set([...ledger.paymentMethods, ...uses.splitMethods]);
  const classes = new Set([...ledger.classes, ...uses.splitClasses]);
  const vendors = new Set(ledger.vendors);
  for (const i of ledger.items) if (i.taxVendor) vendors.add(i.taxVendor);
  for (const v of vendors) names.delete(v);
  return {
    accounts: [...accounts.values()],
    items: [...items.values()],
    customers: [...names],
    vendors: [...vendors],
    paymentMethods: [...methods],
    classes: [...classes],
  };
}
