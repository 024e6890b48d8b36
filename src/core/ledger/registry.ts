/**
 * Every QuickBooks name the transactions use, with the type it must have: accounts with
 * their ACCNTTYPE (and EXTRA for Undeposited Funds / Sales Tax Payable), items with their
 * INVITEMTYPE and account, the tax agency, payment methods. Names are checked against
 * QuickBooks' rules once; a transaction using a bad name is set aside, never silently cut.
 */
import { issue, type Issue } from '../issues.ts';
import { cleanIifText } from '../iif/sanitize.ts';
import { qbNameProblems, type NameProblem, type QbNameKind } from '../qb/names.ts';
import { ACCOUNT_TYPE_LABELS, type AccountType, type ItemType, type ProductMapping, type Profile } from '../profile/types.ts';
import type { AccountDef, ItemDef } from './model.ts';

export type SpecialItemRole = 'shipping' | 'financeCharge' | 'discount' | 'salesTax' | 'credit' | 'writeOff' | 'defaultProduct';

const SPECIAL: Record<SpecialItemRole, { account: keyof Profile['accounts']; type: ItemType; accountType: AccountType; desc: string }> = {
  shipping: { account: 'shippingIncome', type: 'OTHC', accountType: 'INC', desc: 'Shipping and handling' },
  financeCharge: { account: 'financeCharges', type: 'OTHC', accountType: 'INC', desc: 'Finance charge' },
  discount: { account: 'discounts', type: 'DISC', accountType: 'INC', desc: 'Discount' },
  salesTax: { account: 'salesTaxPayable', type: 'COMPTAX', accountType: 'OCLIAB', desc: 'Sales tax' },
  credit: { account: 'credits', type: 'OTHC', accountType: 'INC', desc: 'Keap credit (comp, freebie, refund)' },
  writeOff: { account: 'writeOff', type: 'OTHC', accountType: 'EXP', desc: 'Keap write-off (bad debt)' },
  defaultProduct: { account: 'defaultIncome', type: 'SERV', accountType: 'INC', desc: 'Keap order' },
};

const NO_PROBLEMS: readonly NameProblem[] = [];

export class NameRegistry {
  readonly accounts = new Map<string, AccountDef & { roles: Set<string> }>();
  readonly items = new Map<string, ItemDef>();
  readonly vendors = new Set<string>();
  readonly paymentMethods = new Set<string>();
  readonly issues: Issue[] = [];
  /** name -> problems (checked once per name and kind). */
  private readonly problems = new Map<string, NameProblem[]>();
  private readonly checked = new Map<QbNameKind, Set<string>>();
  /** Cleaned payment method names (the same few names come on every payment). */
  private readonly methodNames = new Map<string, string>();

  constructor(private readonly profile: Profile) {}

  private check(name: string, kind: QbNameKind): readonly NameProblem[] {
    let done = this.checked.get(kind);
    if (!done) this.checked.set(kind, (done = new Set()));
    if (!done.has(name)) {
      done.add(name);
      const p = qbNameProblems(name, kind);
      if (p.length > 0) this.addProblems(name, p);
    }
    return this.problems.get(name) ?? NO_PROBLEMS;
  }

  private addProblems(name: string, p: readonly NameProblem[]): void {
    const list = this.problems.get(name) ?? [];
    for (const x of p) if (!list.some((y) => y.message === x.message)) list.push(x);
    this.problems.set(name, list);
  }

  /** Registers an account with the type its role needs; a name needed with two types is a problem. */
  account(name: string, type: AccountType, role: string, extra?: AccountDef['extra']): string {
    const declared = this.profile.accountTypes[name];
    // A user-declared type wins for accounts whose role allows a choice (income, bank).
    const finalType = declared && (type === 'INC' || type === 'BANK' || type === 'EXP') ? declared : type;
    const prior = this.accounts.get(name);
    // The same account in the same role again (every invoice, every payment): nothing new.
    if (prior && prior.type === finalType && prior.roles.has(role) && (!extra || prior.extra)) return name;
    if (prior) {
      prior.roles.add(role);
      if (prior.type !== finalType) {
        const msg = `The account "${name}" is used as ${ACCOUNT_TYPE_LABELS[prior.type]} (${[...prior.roles].filter((r) => r !== role).join(', ')}) and as ${ACCOUNT_TYPE_LABELS[finalType]} (${role}); QuickBooks gives an account one type. Use different accounts.`;
        if (!(this.problems.get(name) ?? []).some((p) => p.message === msg)) {
          this.addProblems(name, [{ code: 'name.invalid', message: msg }]);
          this.issues.push(issue('mapping.invalid', 'error', msg));
        }
      }
      if (extra && !prior.extra) prior.extra = extra;
    } else {
      this.accounts.set(name, { name, type: finalType, ...(extra ? { extra } : {}), roles: new Set([role]) });
    }
    this.check(name, 'account');
    return name;
  }

  ar(role: 'accountsReceivable' | 'paymentCredit' | 'creditCredit'): string {
    const label = { accountsReceivable: 'Accounts Receivable', paymentCredit: 'Payment Credit Account', creditCredit: 'Credit Credit Account' }[role];
    return this.account(this.profile.accounts[role], 'AR', label);
  }

  depositAccount(override: string): string {
    const uf = this.profile.accounts.undepositedFunds;
    if (!override || override === uf) return this.account(uf, 'OCASSET', 'Undeposited Funds', 'UNDEPOSIT');
    return this.account(override, 'BANK', 'deposit account');
  }

  refundAccount(override: string): string {
    return this.account(override || this.profile.accounts.refundBank, 'BANK', 'refund account');
  }

  /** The Keap Payments clearing account: a bank-type account, so a DEPOSIT can move money out of it. */
  clearingAccount(): string {
    return this.account(this.profile.deposits.clearingAccount, 'BANK', 'Keap Payments clearing account');
  }

  /** The bank account Keap Payments deposits are paid into. */
  depositBank(): string {
    return this.account(this.profile.deposits.bankAccount, 'BANK', 'deposit bank account');
  }

  /** The expense account of Keap Payments fees. */
  feeAccount(): string {
    return this.account(this.profile.deposits.feeAccount, 'EXP', 'merchant fee account');
  }

  taxAgency(): string {
    const name = cleanIifText(this.profile.tax.agency || 'Sales Tax Agency').text;
    this.vendors.add(name);
    this.check(name, 'vendor');
    return name;
  }

  paymentMethod(name: string): string {
    const known = this.methodNames.get(name);
    if (known !== undefined) return known;
    const n = cleanIifText(name).text;
    this.methodNames.set(name, n);
    if (!n) return '';
    this.paymentMethods.add(n);
    this.check(n, 'paymentMethod');
    return n;
  }

  private item(def: ItemDef): void {
    const prior = this.items.get(def.name);
    if (prior && prior.type === def.type && prior.account === def.account) return;
    if (prior) {
      if (prior.type !== def.type) {
        const msg = `The item "${def.name}" is used as ${prior.type} and as ${def.type}; QuickBooks gives an item one type. Use different item names.`;
        if (!(this.problems.get(def.name) ?? []).some((p) => p.message === msg)) {
          this.addProblems(def.name, [{ code: 'name.invalid', message: msg }]);
          this.issues.push(issue('mapping.invalid', 'error', msg));
        }
      } else if (prior.account !== def.account) {
        const msg = `The item "${def.name}" is mapped to the accounts "${prior.account}" and "${def.account}"; the item is declared with "${prior.account}", and each line still posts to its own account.`;
        if (!this.issues.some((i) => i.message === msg)) this.issues.push(issue('mapping.invalid', 'warning', msg));
      }
    } else this.items.set(def.name, def);
    this.check(def.name, 'item');
  }

  special(role: SpecialItemRole): { item: string; account: string } {
    const s = SPECIAL[role];
    const accountName = this.profile.accounts[s.account];
    const account = this.account(accountName, s.accountType, `${s.desc} account`, role === 'salesTax' ? 'SALESTAX' : undefined);
    const name = this.profile.items[role];
    if (role === 'salesTax') {
      const agency = this.taxAgency();
      this.item({ name, type: 'COMPTAX', account, desc: s.desc, taxable: false, taxVendor: agency, ...(this.profile.tax.rate ? { price: `${this.profile.tax.rate}%` } : {}) });
    } else {
      this.item({ name, type: s.type, account, desc: s.desc, taxable: false });
    }
    return { item: name, account };
  }

  /** Registers a product's item and income account; returns name problems (empty when fine). */
  useProduct(keapName: string, m: ProductMapping): NameProblem[] {
    const account = this.account(m.account, 'INC', `income account of "${keapName}"`);
    this.item({ name: m.item, type: m.itemType, account, desc: keapName });
    if (m.class) this.check(m.class, 'class');
    return [...(this.problems.get(m.item) ?? []), ...(this.problems.get(m.account) ?? [])];
  }

  /** Problems with a name a transaction uses (a class is checked as a class the first time). */
  problemsOf(name: string, asClass = false): readonly NameProblem[] {
    if (asClass) return this.check(name, 'class');
    return this.problems.get(name) ?? NO_PROBLEMS;
  }
}
