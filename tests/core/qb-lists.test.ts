import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { readIif } from '../../src/core/iif/read.ts';
import {
  checkNames,
  findAccount,
  findItem,
  hasName,
  listNames,
  readQbLists,
  readQbListsBytes,
  specialAccountNames,
} from '../../src/core/qb/lists.ts';
import type { WantedNames } from '../../src/core/qb/lists.ts';
import type { QbLists } from '../../src/core/profile/types.ts';

const ALL_LISTS = 'qb-list-export_all-lists.iif';
const bytes = new Uint8Array(readFileSync(new URL(`../fixtures/iif/${ALL_LISTS}`, import.meta.url)));
const text = new TextDecoder().decode(bytes);
const { lists, issues } = readQbListsBytes(bytes, ALL_LISTS);

describe('readQbLists on the genuine all-lists export', () => {
  it('reads without issues', () => {
    expect(issues).toEqual([]);
    expect(lists.sourceFile).toBe(ALL_LISTS);
  });

  it('counts every list as a hand count of the file does', () => {
    // Counted in the file: ACCNT lines 4-109; INVITEM 45 main rows (137-181) + 5 GRP/STAX rows of the
    // group table (184, 186, 192, 197, 201); CUST 251-315; VEND 325-362; OTHERNAME 368-374;
    // PAYMETH 382-389; CLASS 206-209.
    expect({
      accounts: lists.accounts.length,
      items: lists.items.length,
      customers: lists.customers.length,
      vendors: lists.vendors.length,
      otherNames: lists.otherNames.length,
      paymentMethods: lists.paymentMethods.length,
      classes: lists.classes.length,
    }).toEqual({ accounts: 106, items: 50, customers: 65, vendors: 38, otherNames: 7, paymentMethods: 8, classes: 4 });
  });

  it('takes GRP/STAX items from the second !INVITEM table and does not duplicate their components', () => {
    expect(lists.items.filter((i) => i.type === 'GRP' || i.type === 'STAX').map((i) => [i.name, i.type])).toEqual([
      ['Reimb Group', 'GRP'],
      ['Rock Fountain', 'GRP'],
      ['Sprinkler Systems', 'GRP'],
      ['Walkway', 'GRP'],
      ['San Thomas Group', 'STAX'],
    ]);
    const names = lists.items.map((i) => i.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    // Components keep the definition of the main table (account, tax vendor), not the short group row.
    expect(findItem(lists, 'Installation')).toEqual({ name: 'Installation', type: 'SERV', account: 'Landscaping Services:Labor:Installation', hidden: false, taxVendor: '' });
    expect(findItem(lists, 'County, San Thomas')).toMatchObject({ type: 'COMPTAX', account: 'Sales Tax Payable', taxVendor: 'State Board of Equalization' });
  });

  it('reads quoted names with commas without their quotes', () => {
    expect(lists.customers.map((c) => c.name)).toContain('Andres, Cristina');
    expect(lists.customers.map((c) => c.name)).toContain('Balak, Mike:330 Main St');
    expect(lists.customers.map((c) => c.name)).toContain('Price,  Gwen');
    expect(lists.vendors.map((v) => v.name)).toContain('Campion, Patrick, CPA');
    expect(lists.items.map((i) => i.name)).toContain('County, San Thomas');
    expect(lists.customers.some((c) => c.name.includes('"'))).toBe(false);
    expect(lists.vendors.some((v) => v.name.includes('"'))).toBe(false);
  });

  it('keeps the EMAIL of a customer, and none for a customer whose EMAIL cell is empty', () => {
    const byName = (name: string) => lists.customers.find((c) => c.name === name);
    expect(byName('Andres, Cristina')).toEqual({ name: 'Andres, Cristina', hidden: false, email: 'cristina@samplename.com' });
    // Spelled as QuickBooks holds it; matching compares e-mails without regard to case.
    expect(byName("DJ's Computers")?.email).toBe('DJ@samplename.com');
    expect(byName("Adam's Candy Shop")).toEqual({ name: "Adam's Candy Shop", hidden: false });
    // Jobs of the sample carry no e-mail of their own.
    expect(byName('Balak, Mike:330 Main St')).toEqual({ name: 'Balak, Mike:330 Main St', hidden: false });
    // Counted in the file: 32 of the 65 CUST rows have an EMAIL.
    expect(lists.customers.filter((c) => c.email !== undefined)).toHaveLength(32);
  });

  it('reads account types and EXTRA flags', () => {
    expect(findAccount(lists, 'Accounts Receivable')).toEqual({ name: 'Accounts Receivable', type: 'AR', extra: '', hidden: false });
    expect(findAccount(lists, 'Undeposited Funds')).toMatchObject({ type: 'OCASSET', extra: 'UNDEPOSIT' });
    expect(findAccount(lists, 'Sales Tax Payable')).toMatchObject({ type: 'OCLIAB', extra: 'SALESTAX' });
    // A sub-account of a special account does not inherit EXTRA.
    expect(findAccount(lists, 'Sales Tax Payable:EXTORTION-FEES-PAYABLE')).toMatchObject({ type: 'OCLIAB', extra: '' });
    expect(lists.accounts.every((a) => a.hidden === false)).toBe(true);
  });

  it('keeps the EMP row with a raw TAB inside its quoted NOTEPAD aligned', () => {
    const doc = readIif(text);
    const emp = doc.rows.filter((r) => r.keyword === 'EMP');
    expect(emp.map((r) => r.values.NAME)).toEqual(['Duncan Fisher', 'Jenny Miller', 'Shane B. Hamby']);
    const shane = emp[2]!;
    expect(shane.line).toBe(366);
    expect(shane.values.NOTEPAD).toContain('Job Title\t\t\t: Current');
    expect(shane.values.NOTEPAD).toContain('\\n'); // backslash-n stays two characters
    expect(shane.values.LASTNAME).toBe('Hamby');
    expect(shane.values.CUSTFLD1).toBe('Loleta');
    expect(shane.values.HIDDEN).toBe('N');
    expect(shane.values.DELCOUNT).toBe('0');
    expect(doc.issues).toEqual([]);
    // The section after EMP still parses.
    expect(lists.otherNames[0]).toEqual({ name: 'Accumulated Depreciation', hidden: false });
  });

  it('finds the special accounts by EXTRA and the AR accounts by type', () => {
    expect(specialAccountNames(lists)).toEqual({
      undepositedFunds: 'Undeposited Funds',
      salesTaxPayable: 'Sales Tax Payable',
      accountsReceivable: ['Accounts Receivable'],
    });
  });

  it('gives the same lists for LF, CRLF and CR-only copies', () => {
    expect(text.includes('\r')).toBe(false); // the stored fixture is LF-only
    const crlf = readQbLists(text.replace(/\n/g, '\r\n'), ALL_LISTS);
    const cr = readQbLists(text.replace(/\n/g, '\r'), ALL_LISTS);
    expect(crlf).toEqual({ lists, issues });
    expect(cr).toEqual({ lists, issues });
  });
});

describe('readQbLists on other input', () => {
  const SYNTHETIC = [
    '!HDR\tPROD\tVER',
    'HDR\tQuickBooks Pro\tVersion 24.0D',
    '!ACCNT\tNAME\tACCNTTYPE\tEXTRA\tHIDDEN',
    'ACCNT\tChecking\tBANK\t\tN',
    'ACCNT\tOld Bank\tBANK\t\tY',
    'ACCNT\t*Undeposited Funds\tOCASSET\tUNDEPOSIT\tN',
    'ACCNT\tAR Old\tAR\t\tY',
    'ACCNT\tAR Main\tAR\t\tN',
    '!INVITEM\tNAME\tINVITEMTYPE\tACCNT\tTAXVEND\tHIDDEN',
    'INVITEM\tWidget\tPART\tSales\t\tN',
    'INVITEM\tRetired Widget\tPART\tSales\t\tY',
    '!CUST\tNAME\tHIDDEN',
    'CUST\t"Doe, Jane"\tN',
    'CUST\tGone Customer\tY',
    '!VEND\tNAME\tHIDDEN',
    'VEND\tState Dept of Revenue\tN',
    '!PAYMETH\tNAME\tHIDDEN',
    'PAYMETH\tVisa\tN',
    'PAYMETH\tBarter\tY',
    '!CLASS\tNAME\tHIDDEN',
    'CLASS\tWeb\tN',
    'CLASS\t\tN',
  ].join('\r\n');

  it('flags hidden entries in every list', () => {
    const r = readQbLists(SYNTHETIC, 'small.iif');
    expect(r.lists.accounts.filter((a) => a.hidden).map((a) => a.name)).toEqual(['Old Bank', 'AR Old']);
    expect(r.lists.items.filter((i) => i.hidden).map((i) => i.name)).toEqual(['Retired Widget']);
    expect(r.lists.customers).toEqual([
      { name: 'Doe, Jane', hidden: false },
      { name: 'Gone Customer', hidden: true },
    ]);
    expect(r.lists.paymentMethods).toEqual([
      { name: 'Visa', hidden: false },
      { name: 'Barter', hidden: true },
    ]);
  });

  it('reports a row with an empty NAME instead of dropping it silently', () => {
    const r = readQbLists(SYNTHETIC, 'small.iif');
    expect(r.lists.classes).toEqual([{ name: 'Web', hidden: false }]);
    expect(r.issues.map((i) => [i.code, i.row, i.file])).toEqual([['id.missing', 22, 'small.iif']]);
  });

  it('suggests special accounts by EXTRA and only active AR accounts', () => {
    const r = readQbLists(SYNTHETIC, 'small.iif');
    expect(specialAccountNames(r.lists)).toEqual({ undepositedFunds: '*Undeposited Funds', accountsReceivable: ['AR Main'] });
  });

  it('decodes a Windows-1252 byte (0xE9 = é)', () => {
    const head = new TextEncoder().encode('!CUST\tNAME\tHIDDEN\r\nCUST\tCaf');
    const tail = new TextEncoder().encode(' Ren\tN\r\n');
    const b = new Uint8Array([...head, 0xe9, ...tail]);
    const r = readQbListsBytes(b, 'cp1252.iif');
    expect(r.lists.customers).toEqual([{ name: 'Caf\u00e9 Ren', hidden: false }]);
    expect(r.issues).toEqual([]);
  });

  it('says when a file is not a list export', () => {
    const tx = new Uint8Array(readFileSync(new URL('../fixtures/iif/stripe-export_basic.iif', import.meta.url)));
    const r = readQbListsBytes(tx, 'stripe.iif');
    expect(r.issues.map((i) => [i.code, i.severity, i.file])).toEqual([['file.unknown-kind', 'error', 'stripe.iif']]);
    expect(r.issues[0]!.message).toContain('not a QuickBooks list export');
    expect(r.lists.accounts).toEqual([]);
  });

  it('reports empty and binary files', () => {
    expect(readQbLists('', 'e.iif').issues.map((i) => i.code)).toEqual(['iif.empty']);
    const pdf = new TextEncoder().encode('%PDF-1.7\n');
    expect(readQbListsBytes(pdf, 'x.pdf').issues.map((i) => i.code)).toEqual(['iif.binary']);
  });

  it('does not take component rows as items even without the short header', () => {
    const r = readQbLists(
      ['!INVITEM\tNAME\tINVITEMTYPE', 'INVITEM\tA\tSERV', 'INVITEM\tKit\tGRP', 'INVITEM\tA\tSERV', 'ENDGRP', 'INVITEM\tB\tPART'].join('\n'),
      'g.iif',
    );
    expect(r.lists.items.map((i) => i.name)).toEqual(['A', 'Kit', 'B']);
  });
});

describe('name look-ups', () => {
  it.each([
    ['exact', 'Undeposited Funds', true],
    ['other case', 'undeposited funds', true],
    ['surrounding spaces', '  UNDEPOSITED FUNDS ', true],
    ['inner spaces matter', 'Undeposited  Funds', false],
    ['sub-account path', 'truck:original purchase', true],
    ['missing', 'Petty Cash', false],
  ])('findAccount: %s', (_label, name, found) => {
    expect(findAccount(lists, name) !== undefined).toBe(found);
  });

  it('hasName works on any list', () => {
    expect(hasName(lists.paymentMethods, 'visa')).toBe(true);
    expect(hasName(lists.customers, 'andres, cristina ')).toBe(true);
    expect(hasName(lists.classes, 'Web')).toBe(false);
  });

  it('listNames sorts names per list and carries account types', () => {
    const n = listNames(lists);
    expect(n.accounts).toHaveLength(106);
    expect(n.accounts[0]).toEqual({ name: 'Accounts Payable', type: 'AP' });
    expect(n.paymentMethods).toEqual(['American Express', 'Barter', 'Cash', 'Check', 'Discover', 'E-Check', 'Master Card', 'VISA']);
    expect(n.classes).toEqual(['Design', 'Landscaping', 'Maintenance', 'Overhead']);
    expect(n.items.find((i) => i.name === 'Walkway')).toEqual({ name: 'Walkway', type: 'GRP' });
    const sorted = [...n.customers].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true }));
    expect(n.customers).toEqual(sorted);
  });

  it('listNames leaves inactive entries out unless asked', () => {
    const small: QbLists = {
      ...emptyLists(),
      customers: [
        { name: 'b', hidden: false },
        { name: 'A', hidden: true },
      ],
    };
    expect(listNames(small).customers).toEqual(['b']);
    expect(listNames(small, { includeHidden: true }).customers).toEqual(['A', 'b']);
  });
});

function emptyLists(): QbLists {
  return { sourceFile: 't.iif', accounts: [], items: [], customers: [], vendors: [], otherNames: [], paymentMethods: [], classes: [] };
}

function wanted(partial: Partial<WantedNames>): WantedNames {
  return { accounts: [], items: [], customers: [], vendors: [], paymentMethods: [], classes: [], ...partial };
}

describe('checkNames', () => {
  const qb: QbLists = {
    ...emptyLists(),
    accounts: [
      { name: 'Accounts Receivable', type: 'AR', extra: '', hidden: false },
      { name: 'Accounts Receivable 2', type: 'BANK', extra: '', hidden: false },
      { name: 'Sales', type: 'INC', extra: '', hidden: false },
      { name: 'Old Sales', type: 'INC', extra: '', hidden: true },
    ],
    items: [
      { name: 'Widget', type: 'PART', account: 'Sales', hidden: false, taxVendor: '' },
      { name: 'Kit', type: 'GRP', account: '', hidden: false, taxVendor: '' },
      { name: 'Old Widget', type: 'PART', account: 'Sales', hidden: true, taxVendor: '' },
    ],
    customers: [
      { name: 'Doe, Jane', hidden: false },
      { name: 'Gone Customer', hidden: true },
    ],
    vendors: [{ name: 'Acme Supplies', hidden: false }],
    otherNames: [{ name: 'Petty Person', hidden: false }],
    paymentMethods: [{ name: 'Visa', hidden: false }],
    classes: [{ name: 'Web', hidden: true }],
  };

  it.each<[string, WantedNames['accounts'][number], string, string | undefined, RegExp]>([
    ['ok', { name: 'Sales', type: 'INC', role: 'Default Income Account' }, 'ok', 'INC', /QuickBooks has the Income account "Sales"\.$/],
    ['ok, other case', { name: ' accounts receivable ', type: 'AR', role: 'Accounts Receivable' }, 'ok', 'AR', /spelled "Accounts Receivable" there/],
    ['missing', { name: 'Sales:Widgets', type: 'INC', role: 'income account' }, 'missing', undefined, /^QuickBooks has no account "Sales:Widgets"; the import will create it as a new Income account\.$/],
    [
      'type mismatch',
      { name: 'Accounts Receivable 2', type: 'AR', role: 'Payment Credit Account' },
      'type-mismatch',
      'BANK',
      /^"Accounts Receivable 2" is a Bank account in QuickBooks, but the Payment Credit Account must be an Accounts receivable \(AR\) account\.$/,
    ],
    ['inactive', { name: 'old sales', type: 'INC', role: 'income account' }, 'inactive', 'INC', /"Old Sales".*inactive/],
  ])('account: %s', (_label, w, status, actualType, message) => {
    const [check] = checkNames(qb, wanted({ accounts: [w] }));
    expect(check).toMatchObject({ list: 'account', name: w.name, role: w.role, status, expectedType: w.type });
    expect(check!.actualType).toBe(actualType);
    expect(check!.message).toMatch(message);
  });

  it.each<[string, WantedNames['items'][number], string, RegExp]>([
    ['ok', { name: 'WIDGET', type: 'PART', role: 'item for product "Widget"' }, 'ok', /Non-inventory part item "WIDGET" \(spelled "Widget" there\)/],
    ['missing', { name: 'Shipping', type: 'OTHC', role: 'Shipping item' }, 'missing', /no item "Shipping".*new Other charge item/],
    ['type mismatch', { name: 'Kit', type: 'SERV', role: 'item for product "Kit"' }, 'type-mismatch', /"Kit" is a Group item in QuickBooks, but the item for product "Kit" must be a Service \(SERV\) item\./],
    ['inactive', { name: 'Old Widget', type: 'PART', role: 'item' }, 'inactive', /inactive/],
    ['any type accepted when none is wanted', { name: 'Kit', type: '', role: 'item' }, 'ok', /Group item "Kit"/],
  ])('item: %s', (_label, w, status, message) => {
    const [check] = checkNames(qb, wanted({ items: [w] }));
    expect(check).toMatchObject({ list: 'item', status });
    expect(check!.message).toMatch(message);
  });

  it('checks customers, vendors, payment methods and classes', () => {
    const checks = checkNames(
      qb,
      wanted({
        customers: ['doe, jane', 'Gone Customer', 'New Person', 'Acme Supplies', ''],
        vendors: ['ACME SUPPLIES', 'Tax Agency', 'Petty Person'],
        paymentMethods: ['VISA', 'Cash'],
        classes: ['web'],
      }),
    );
    expect(checks.map((c) => [c.list, c.name, c.status, c.actualType])).toEqual([
      ['customer', 'doe, jane', 'ok', undefined],
      ['customer', 'Gone Customer', 'inactive', undefined],
      ['customer', 'New Person', 'missing', undefined],
      ['customer', 'Acme Supplies', 'type-mismatch', 'vendor'],
      ['vendor', 'ACME SUPPLIES', 'ok', undefined],
      ['vendor', 'Tax Agency', 'missing', undefined],
      ['vendor', 'Petty Person', 'type-mismatch', 'otherName'],
      ['paymentMethod', 'VISA', 'ok', undefined],
      ['paymentMethod', 'Cash', 'missing', undefined],
      ['class', 'web', 'inactive', undefined],
    ]);
    expect(checks[2]!.message).toBe('QuickBooks has no customer "New Person"; it will be added as a new customer when the file is imported.');
    expect(checks[3]!.message).toMatch(/"Acme Supplies" is a vendor in QuickBooks, but it is needed as a customer/);
  });

  it('gives one check per distinct name and role', () => {
    const checks = checkNames(
      qb,
      wanted({
        accounts: [
          { name: 'Accounts Receivable', type: 'AR', role: 'Accounts Receivable' },
          { name: 'accounts receivable', type: 'AR', role: 'Accounts Receivable' },
          { name: 'Accounts Receivable', type: 'AR', role: 'Payment Credit Account' },
        ],
        customers: ['Doe, Jane', 'DOE, JANE'],
      }),
    );
    expect(checks.map((c) => [c.list, c.role])).toEqual([
      ['account', 'Accounts Receivable'],
      ['account', 'Payment Credit Account'],
      ['customer', 'Customer'],
    ]);
  });

  it('works against the genuine export', () => {
    const checks = checkNames(
      lists,
      wanted({
        accounts: [
          { name: 'Undeposited Funds', type: 'OCASSET', role: 'Undeposited Funds account' },
          { name: 'Checking', type: 'AR', role: 'Payment Credit Account' },
        ],
        items: [{ name: 'county, san thomas', type: 'COMPTAX', role: 'sales tax item' }],
        customers: ['Andres, Cristina'],
        paymentMethods: ['Visa'],
      }),
    );
    expect(checks.map((c) => c.status)).toEqual(['ok', 'type-mismatch', 'ok', 'ok', 'ok']);
    expect(checks[1]!.message).toBe('"Checking" is a Bank account in QuickBooks, but the Payment Credit Account must be an Accounts receivable (AR) account.');
  });
});
