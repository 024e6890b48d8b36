/**
 * Review stage: what an import will do to each QuickBooks account. Every posting of the file
 * (TRNS and SPL amounts, debits positive) summed per account into debits, credits and net
 * change, accounts grouped by the kind an accountant compares with (A/R, clearing, bank,
 * income, liability, expense). A file whose transactions all balance has a total net of zero.
 */
import { addCents, negateCents, type Cents } from '../money.ts';

/** One amount on one account (IIF sign: debit positive, credit negative). */
export interface Posting {
  account: string;
  /** QuickBooks account type (ACCNTTYPE: AR, BANK, INC…); '' when unknown. */
  accountType: string;
  amount: Cents;
}

export const ACCOUNT_GROUPS = ['receivable', 'clearing', 'bank', 'income', 'liability', 'expense', 'other'] as const;
export type AccountGroup = (typeof ACCOUNT_GROUPS)[number];

const ACCOUNT_GROUP_LABELS: Record<AccountGroup, string> = {
  receivable: 'Accounts receivable (A/R)',
  clearing: 'Undeposited Funds and other clearing accounts',
  bank: 'Bank',
  income: 'Income',
  liability: 'Liabilities',
  expense: 'Expenses',
  other: 'Other accounts',
};

const GROUP_OF_TYPE: Record<string, AccountGroup> = {
  AR: 'receivable',
  OCASSET: 'clearing',
  BANK: 'bank',
  INC: 'income',
  EXINC: 'income',
  OCLIAB: 'liability',
  LTLIAB: 'liability',
  AP: 'liability',
  CCARD: 'liability',
  EXP: 'expense',
  EXEXP: 'expense',
  COGS: 'expense',
};

/** The group an account type is shown under. */
export function accountGroupOf(accountType: string): AccountGroup {
  return GROUP_OF_TYPE[accountType] ?? 'other';
}

/** Debits and credits (both as positive cents) and net change (debits − credits). */
export interface EffectAmounts {
  debits: Cents;
  credits: Cents;
  net: Cents;
}

export interface AccountEffectRow extends EffectAmounts {
  account: string;
  accountType: string;
}

export interface AccountEffectGroup extends EffectAmounts {
  group: AccountGroup;
  label: string;
  rows: AccountEffectRow[];
}

export interface AccountEffect {
  /** Groups in ACCOUNT_GROUPS order, only those with postings; accounts by name within each. */
  groups: AccountEffectGroup[];
  /** Over every account: debits equal credits and net is zero when every transaction balances. */
  total: EffectAmounts;
}

function emptyAmounts(): EffectAmounts {
  return { debits: 0, credits: 0, net: 0 };
}

function addTo(target: EffectAmounts, debits: Cents, credits: Cents): void {
  target.debits = addCents(target.debits, debits);
  target.credits = addCents(target.credits, credits);
  target.net = addCents(target.debits, negateCents(target.credits));
}

const byName = (a: AccountEffectRow, b: AccountEffectRow): number => a.account.localeCompare(b.account, 'en', { sensitivity: 'base', numeric: true }) || (a.account < b.account ? -1 : a.account > b.account ? 1 : 0);

/** Sums the postings per account and groups the accounts by type. */
export function accountEffect(postings: Iterable<Posting>): AccountEffect {
  const rows = new Map<string, AccountEffectRow>();
  for (const p of postings) {
    let row = rows.get(p.account);
    if (!row) {
      row = { account: p.account, accountType: p.accountType, ...emptyAmounts() };
      rows.set(p.account, row);
    } else if (row.accountType === '' && p.accountType !== '') {
      row.accountType = p.accountType;
    }
    if (p.amount >= 0) addTo(row, p.amount, 0);
    else addTo(row, 0, negateCents(p.amount));
  }
  const groups = new Map<AccountGroup, AccountEffectGroup>();
  const total = emptyAmounts();
  for (const row of rows.values()) {
    const group = accountGroupOf(row.accountType);
    let g = groups.get(group);
    if (!g) groups.set(group, (g = { group, label: ACCOUNT_GROUP_LABELS[group], rows: [], ...emptyAmounts() }));
    g.rows.push(row);
    addTo(g, row.debits, row.credits);
    addTo(total, row.debits, row.credits);
  }
  const ordered = ACCOUNT_GROUPS.flatMap((k) => {
    const g = groups.get(k);
    return g ? [{ ...g, rows: g.rows.sort(byName) }] : [];
  });
  return { groups: ordered, total };
}
