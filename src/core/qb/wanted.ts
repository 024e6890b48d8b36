/**
 * The names an export will use, with the type each must have in QuickBooks, for checking
 * against the user's QuickBooks list export before anything is imported.
 */
import type { Ledger } from '../ledger/model.ts';
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

/** Every account, item, customer, vendor, payment method and class the ledger uses. */
export function wantedNamesFromLedger(ledger: Ledger, profile: Profile): WantedNames {
  const roleFor = (name: string): string => {
    const roles = Object.entries(profile.accounts)
      .filter(([, v]) => v === name)
      .map(([k]) => ROLE_OF[k as keyof Profile['accounts']] ?? k);
    return roles.length > 0 ? roles.join(', ') : 'income account';
  };
  const accounts = new Map<string, { name: string; type: WantedNames['accounts'][number]['type']; role: string }>();
  for (const a of ledger.accounts) accounts.set(a.name, { name: a.name, type: a.type, role: roleFor(a.name) });
  // Accounts left out of the list sections (already in QuickBooks) still need checking.
  const items = new Map<string, WantedNames['items'][number]>(ledger.items.map((i) => [i.name, { name: i.name, type: i.type, role: 'item' }]));
  const names = new Set<string>();
  const methods = new Set(ledger.paymentMethods);
  const classes = new Set(ledger.classes);
  for (const t of ledger.transactions) {
    names.add(t.name);
    if (!accounts.has(t.account)) accounts.set(t.account, { name: t.account, type: t.type === 'PAYMENT' || t.type === 'CASH SALE' ? 'OCASSET' : t.type === 'CHECK' ? 'BANK' : 'AR', role: roleFor(t.account) });
    for (const s of t.splits) {
      if (s.item && !items.has(s.item)) items.set(s.item, { name: s.item, type: '', role: 'item' });
      if (s.payMethod) methods.add(s.payMethod);
      if (s.class) classes.add(s.class);
      if (!accounts.has(s.account) && !s.item) accounts.set(s.account, { name: s.account, type: 'AR', role: roleFor(s.account) });
    }
  }
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
