import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  accountsWithParents,
  classesWithParents,
  customersWithParents,
  declareParentsFirst,
  itemsWithParents,
  parentPaths,
} from '../../src/core/ledger/list-paths.ts';
import type { AccountDef, CustomerDef, ItemDef, ListSections } from '../../src/core/ledger/model.ts';
import { writeLists } from '../../src/core/iif/write.ts';
import { readQbListsBytes } from '../../src/core/qb/lists.ts';

const names = (rows: readonly { name: string }[]) => rows.map((r) => r.name);

describe('parentPaths', () => {
  it.each<[string, string[]]>([
    ['Coaching', []],
    ['Coaching:Programs', ['Coaching']],
    ['A:B:C', ['A', 'A:B']],
    ['A::B', []],
    [':A', []],
    ['A:', []],
    ['A: :B', []],
  ])('%s -> %j', (name, parents) => {
    expect(parentPaths(name)).toEqual(parents);
  });
});

describe('classesWithParents', () => {
  it.each<[string, string[], string[], string[], string[]]>([
    ['a class path', ['Coaching:Programs'], [], ['Coaching', 'Coaching:Programs'], ['Coaching']],
    ['a 3-level path', ['Coaching:Programs:Group'], [], ['Coaching', 'Coaching:Programs', 'Coaching:Programs:Group'], ['Coaching', 'Coaching:Programs']],
    ['a parent QuickBooks has, in other case', ['Coaching:Programs'], ['COACHING'], ['Coaching:Programs'], []],
    ['a grandparent QuickBooks has', ['Coaching:Programs:Group'], ['coaching'], ['Coaching:Programs', 'Coaching:Programs:Group'], ['Coaching:Programs']],
    ['a parent already in the list after its child: moved up, not repeated', ['Coaching:Programs', 'Web', 'Coaching'], [], ['Coaching', 'Coaching:Programs', 'Web'], []],
    ['a parent already in the list before its child', ['Coaching', 'Web', 'Coaching:Programs'], [], ['Coaching', 'Web', 'Coaching:Programs'], []],
    ['a listed parent in other case', ['Coaching:Programs', 'coaching'], [], ['coaching', 'Coaching:Programs'], []],
    ['a listed middle parent after its child, its own parent made', ['A:B:C', 'X', 'A:B'], [], ['A', 'A:B', 'A:B:C', 'X'], ['A']],
    ['one parent for two children, before the first', ['Coaching:One', 'Web', 'Coaching:Two'], [], ['Coaching', 'Coaching:One', 'Web', 'Coaching:Two'], ['Coaching']],
    ['the first spelling of a parent is declared', ['coaching:One', 'Coaching:Two'], [], ['coaching', 'coaching:One', 'Coaching:Two'], ['coaching']],
    ['names without a path keep their order', ['Web', 'Retail', 'Events'], [], ['Web', 'Retail', 'Events'], []],
    ['a name with an empty part gets no guessed parent', ['A::B', ':C'], [], ['A::B', ':C'], []],
    ['an empty list', [], ['Coaching'], [], []],
  ])('%s', (_what, classes, inQuickBooks, expected, added) => {
    const result = classesWithParents(classes, inQuickBooks);
    expect(result.rows).toEqual(expected);
    expect(result.added).toEqual(added);
    expect(result.issues).toEqual([]);
  });

  it('takes QuickBooks names from any iterable (a Set of them here)', () => {
    expect(classesWithParents(['Coaching:Programs'], new Set(['Coaching'])).rows).toEqual(['Coaching:Programs']);
  });

  it('keeps a repeated row (it only adds or moves parents, never drops a row)', () => {
    expect(classesWithParents(['Web', 'Web'], []).rows).toEqual(['Web', 'Web']);
  });
});

describe('accountsWithParents', () => {
  it('an account path: the parent takes the child type, no EXTRA and no description', () => {
    const result = accountsWithParents([{ name: 'Income:Consulting', type: 'INC', desc: 'Consulting fees' }], []);
    expect(result.rows).toEqual([
      { name: 'Income', type: 'INC' },
      { name: 'Income:Consulting', type: 'INC', desc: 'Consulting fees' },
    ]);
    expect(result.added).toEqual(['Income']);
    expect(result.issues).toEqual([]);
  });

  it('the parent of a special account is not special: EXTRA marks the one Undeposited Funds', () => {
    const result = accountsWithParents([{ name: 'Clearing:Stripe Funds', type: 'OCASSET', extra: 'UNDEPOSIT' }], []);
    expect(result.rows[0]).toEqual({ name: 'Clearing', type: 'OCASSET' });
  });

  it('a parent QuickBooks has is left out; the other rows keep their order', () => {
    const accounts: AccountDef[] = [
      { name: 'Accounts Receivable', type: 'AR' },
      { name: 'Income:Consulting', type: 'INC' },
      { name: 'Undeposited Funds', type: 'OCASSET', extra: 'UNDEPOSIT' },
    ];
    expect(accountsWithParents(accounts, ['income']).rows).toEqual(accounts);
  });

  it('a child of another type than its made parent is reported (QuickBooks keeps sub-accounts of the parent type)', () => {
    const result = accountsWithParents(
      [
        { name: 'Income:Consulting', type: 'INC' },
        { name: 'Income:Refunds', type: 'EXP' },
      ],
      [],
    );
    expect(names(result.rows)).toEqual(['Income', 'Income:Consulting', 'Income:Refunds']);
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([['name.parent-type-mismatch', 'warning']]);
    expect(result.issues[0]!.message).toBe(
      `The account "Income:Refunds" is of type EXP, but its parent "Income" is written as INC; QuickBooks keeps a sub-account of its parent's type. Map them to accounts of one type, or move "Income:Refunds" under another parent.`,
    );
  });

  it('a child of another type than its listed parent is reported too', () => {
    const result = accountsWithParents(
      [
        { name: 'Sales:Fees', type: 'EXP' },
        { name: 'Sales', type: 'INC' },
      ],
      [],
    );
    expect(names(result.rows)).toEqual(['Sales', 'Sales:Fees']);
    expect(result.issues.map((i) => i.message.slice(0, 40))).toEqual(['The account "Sales:Fees" is of type EXP,']);
  });

  it('no type check against a parent QuickBooks has (only its name is known)', () => {
    expect(accountsWithParents([{ name: 'Income:Refunds', type: 'EXP' }], ['Income']).issues).toEqual([]);
  });
});

describe('itemsWithParents', () => {
  it('an item path: the parent takes the child type and account, and no price, description or taxable flag', () => {
    const child: ItemDef = { name: 'Coaching:Programs', type: 'SERV', account: 'Income:Coaching', desc: 'Group programs', price: '250.00', taxable: true };
    const result = itemsWithParents([child], []);
    expect(result.rows).toEqual([{ name: 'Coaching', type: 'SERV', account: 'Income:Coaching' }, child]);
    expect(result.added).toEqual(['Coaching']);
  });

  it('a sales-tax item parent keeps the tax agency QuickBooks needs on every sales-tax item', () => {
    const result = itemsWithParents([{ name: 'Tax:IL', type: 'COMPTAX', account: 'Sales Tax Payable', price: '6.5%', taxVendor: 'IL Dept of Revenue' }], []);
    expect(result.rows[0]).toEqual({ name: 'Tax', type: 'COMPTAX', account: 'Sales Tax Payable', taxVendor: 'IL Dept of Revenue' });
  });

  it('a 3-level item path with the top in QuickBooks', () => {
    const result = itemsWithParents([{ name: 'Coaching:Programs:Group', type: 'SERV', account: 'Coaching Income' }], ['Coaching']);
    expect(result.rows).toEqual([
      { name: 'Coaching:Programs', type: 'SERV', account: 'Coaching Income' },
      { name: 'Coaching:Programs:Group', type: 'SERV', account: 'Coaching Income' },
    ]);
  });

  it('sub-items of another type than their parent are reported', () => {
    const result = itemsWithParents(
      [
        { name: 'Kits:Starter', type: 'PART', account: 'Sales' },
        { name: 'Kits:Setup', type: 'SERV', account: 'Sales' },
      ],
      [],
    );
    expect(result.issues.map((i) => i.message.slice(0, 45))).toEqual(['The item "Kits:Setup" is of type SERV, but it']);
  });
});

describe('customersWithParents', () => {
  it('a Customer:Job: the parent is a name only (a CUST row overwrites what QuickBooks knows)', () => {
    const job: CustomerDef = { name: 'Acme:Spring Launch', contactId: '9', firstName: '', lastName: '', company: 'Acme', email: 'a@acme.test', phone: '', billTo: ['Acme'] };
    const result = customersWithParents([job], []);
    expect(result.rows).toEqual([{ name: 'Acme', contactId: '', firstName: '', lastName: '', company: '', email: '', phone: '', billTo: [] }, job]);
  });

  it('customers without a colon, as keap2iif writes them, are unchanged', () => {
    const rows = ['Doe, Jane', 'Acme Inc'].map((name): CustomerDef => ({ name, contactId: '1', firstName: '', lastName: '', company: '', email: '', phone: '', billTo: [] }));
    expect(customersWithParents(rows, []).rows).toEqual(rows);
  });
});

describe('declareParentsFirst with its own list kind', () => {
  it('builds parents with the function given, from the first child', () => {
    const seen: string[] = [];
    const result = declareParentsFirst(['P:one', 'P:two'], [], {
      kind: 'class',
      nameOf: (n) => n,
      parentFrom: (name, child) => {
        seen.push(`${name} from ${child}`);
        return name;
      },
    });
    expect(result.rows).toEqual(['P', 'P:one', 'P:two']);
    expect(seen).toEqual(['P from P:one']);
  });
});

describe('written IIF sections: the parent row comes first', () => {
  const sections = (partial: Partial<ListSections>): ListSections => ({ accounts: [], items: [], vendors: [], paymentMethods: [], classes: [], customers: [], ...partial });
  const rowsOf = (text: string) => text.split('\r\n').filter((l) => l !== '' && !l.startsWith('!'));

  it('a class path', () => {
    expect(rowsOf(writeLists(sections({ classes: classesWithParents(['Coaching:Programs'], []).rows })))).toEqual(['CLASS\tCoaching', 'CLASS\tCoaching:Programs']);
  });

  it('an account path', () => {
    const { rows } = accountsWithParents([{ name: 'Income:Consulting', type: 'INC' }], []);
    expect(rowsOf(writeLists(sections({ accounts: rows })))).toEqual(['ACCNT\tIncome\tINC\t\t', 'ACCNT\tIncome:Consulting\tINC\t\t']);
  });

  it('an item path', () => {
    const { rows } = itemsWithParents([{ name: 'Coaching:Programs', type: 'SERV', account: 'Income:Coaching', desc: 'Programs' }], []);
    expect(rowsOf(writeLists(sections({ items: rows })))).toEqual(['INVITEM\tCoaching\tSERV\t\tIncome:Coaching\t\tN\t', 'INVITEM\tCoaching:Programs\tSERV\tPrograms\tIncome:Coaching\t\tN\t']);
  });
});

describe('what the genuine list export shows (the evidence for the choices above)', () => {
  const file = 'qb-list-export_all-lists.iif';
  const { lists } = readQbListsBytes(new Uint8Array(readFileSync(new URL(`../fixtures/iif/${file}`, import.meta.url))), file);

  // Its four classes have no sub-class, so classes are not in this table.
  it.each([
    ['accounts', lists.accounts],
    ['items', lists.items],
    ['customers', lists.customers.map((c) => ({ ...c, type: '' }))],
  ])('every sub-entry of the %s has its parent before it, of the same type', (_list, entries) => {
    const seen = new Map<string, string>();
    let subEntries = 0;
    for (const e of entries) {
      const parents = parentPaths(e.name);
      if (parents.length > 0) {
        subEntries++;
        expect(seen.get(parents[parents.length - 1]!.toLowerCase())).toBe(e.type);
      }
      seen.set(e.name.toLowerCase(), e.type);
    }
    expect(subEntries).toBeGreaterThan(0);
  });

  it('declareParentsFirst leaves the genuine order as it is (every parent is already first)', () => {
    expect(accountsWithParents(lists.accounts.map((a) => ({ name: a.name, type: a.type as AccountDef['type'] })), []).added).toEqual([]);
    expect(classesWithParents(lists.classes.map((c) => c.name), []).rows).toEqual(lists.classes.map((c) => c.name));
  });
});
