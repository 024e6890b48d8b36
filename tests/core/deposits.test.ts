// Keap Payments deposits (issue 14): the two new file kinds (every synonym a row), the column
// mapper's way in, grouping and dating, totals and ties, each bad input as a problem with its own
// code, the profile section, and the test export of one deposit.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { InputFile } from '../../src/core/convert-types.ts';
import { detectKind } from '../../src/core/keap/detect.ts';
import { FILE_SCHEMAS, headerKey } from '../../src/core/keap/schemas.ts';
import type { Issue } from '../../src/core/issues.ts';
import { catalogOf } from '../../src/core/keap/catalog.ts';
import { defaultProfile, goesThroughKeapPayments } from '../../src/core/profile/defaults.ts';
import { applyTemplate } from '../../src/core/profile/template.ts';
import { validateProfile } from '../../src/core/profile/validate.ts';
import { isReconciled } from '../../src/core/report.ts';
import { monthlyTotals } from '../../src/core/review/monthly.ts';
import { convertFiles } from '../support/convert.ts';
import { textFile } from '../support/iif-check.ts';
import { readAll } from '../support/read.ts';

const BASIC = new URL('../fixtures/keap/basic/', import.meta.url);
const basic = (): InputFile[] => readdirSync(BASIC).sort().map((name) => ({ name, bytes: new Uint8Array(readFileSync(new URL(name, BASIC))) }));
const profile = applyTemplate(defaultProfile('Deposits'), catalogOf(readAll(basic()).tables));

const KEAP_LABELS = ['Date the Payment was created', 'Type of Transaction', 'Payment ID', 'Payment Amount', 'Fees', 'Net after Fees'];
const LIST_LABELS = ['Date', 'Status', 'Amount', 'Method', 'Deposit ID'];

/** A deposit file of the basic fixture's 90.00 card payment of 03/20/2024, with rows as given. */
const deposit = (name: string, rows: string[], header = `Deposit Date,${KEAP_LABELS.join(',')}`): InputFile => textFile(name, `${header}\r\n${rows.join('\r\n')}\r\n`);
const PAYMENT_ROW = '03/22/2024,03/20/2024,Payment,P-1,90.00,2.91,87.09';

describe('reading deposit files: every synonym of every field', () => {
  // [kind, field, header]: the header replaces (or joins) the documented labels.
  const rows: [('deposits' | 'depositList'), string, string][] = [];
  for (const kind of ['deposits', 'depositList'] as const) {
    for (const spec of FILE_SCHEMAS[kind].fields) {
      const source = kind === 'deposits' ? SYNONYM_TEXT.deposits : SYNONYM_TEXT.depositList;
      for (const header of source[spec.field] ?? []) rows.push([kind, spec.field, header]);
    }
  }

  it('lists every synonym of the schemas (no synonym without its test row)', () => {
    for (const kind of ['deposits', 'depositList'] as const) {
      for (const spec of FILE_SCHEMAS[kind].fields) {
        expect(SYNONYM_TEXT[kind][spec.field]?.length, `${kind}.${spec.field}`).toBe(spec.synonyms.length);
      }
    }
  });

  it.each(rows)('%s: %s from "%s"', (kind, field, header) => {
    const base = kind === 'deposits' ? KEAP_LABELS : LIST_LABELS;
    const spec = FILE_SCHEMAS[kind].fields.find((s) => s.field === field)!;
    const documented = base.findIndex((h) => spec.synonyms.includes(h.toLowerCase().replace(/[^a-z0-9#]/g, '').replace(/#/g, 'no')));
    const headers = documented >= 0 ? base.map((h, i) => (i === documented ? header : h)) : [...base, header];
    const d = detectKind(headers);
    expect(d.kind).toBe(kind);
    expect(d.columns[field]).toBe(headers.indexOf(header));
  });
});

// The synonyms as written in the schemas (the normalised forms are what detection compares).
const SYNONYM_TEXT: Record<'deposits' | 'depositList', Record<string, string[]>> = {
  deposits: {
    depositId: ['Deposit ID', 'DepositId', 'Payout ID', 'PayoutId', 'Deposit #', 'Deposit Number', 'Payout #', 'Payout Number'],
    depositDate: ['Deposit Date', 'Payout Date', 'Date Deposited', 'Arrival Date'],
    date: ['Date the Payment was created', 'Payment Created', 'Date Created', 'Created', 'Payment Date', 'Transaction Date', 'Date'],
    type: ['Type of Transaction', 'Transaction Type', 'Payment Type', 'Type'],
    paymentId: ['Payment ID', 'PaymentId', 'Charge ID', 'ChargeId', 'Transaction ID', 'TransactionId', 'Id'],
    amount: ['Payment Amount', 'Gross', 'Gross Amount', 'Amount'],
    fee: ['Fees', 'Fee', 'Processing Fee', 'Processing Fees', 'Fee Amount'],
    net: ['Net after Fees', 'Net', 'Net Amount'],
    customer: ['Customer Name', 'Customer', 'Name'],
    email: ['Customer Email', 'Email'],
    depositAmount: ['Deposit Amount', 'Deposit Total', 'Payout Amount', 'Payout Total', 'Total Deposited'],
  },
  depositList: {
    depositId: ['Deposit ID', 'DepositId', 'Payout ID', 'PayoutId', 'Deposit #', 'Deposit Number', 'Payout #', 'Payout Number', 'Id'],
    date: ['Date', 'Deposit Date', 'Payout Date', 'Arrival Date', 'Date Deposited'],
    status: ['Status', 'Deposit Status', 'Payout Status'],
    amount: ['Amount', 'Deposit Amount', 'Payout Amount', 'Net', 'Total'],
    method: ['Method', 'Deposit Method', 'Payout Method', 'Bank Account', 'Destination'],
  },
};

describe('a deposit file is never a payments file, and the other way round', () => {
  it.each([
    ['Keap\'s per-deposit CSV', KEAP_LABELS, 'deposits'],
    ['a processor-style payout report', ['Payout ID', 'Transaction Date', 'Transaction Type', 'Charge ID', 'Customer', 'Gross', 'Fee', 'Net'], 'deposits'],
    ['a deposit file with an amount and a pay-type-like column', ['Date', 'Payment Type', 'Amount', 'Fee', 'Net', 'Payment ID'], 'deposits'],
    ['the deposits list', LIST_LABELS, 'depositList'],
    ['Keap\'s payments table', ['InvoiceId', 'PayDate', 'PayType', 'PayAmt', 'PayNote'], 'payments'],
    ['a payments report', ['Invoice Id', 'Payment Date', 'Payment Type', 'Amount', 'Payment Id'], 'payments'],
    ['an orders report', ['Order Id', 'Contact Name', 'Order Date', 'Order Total'], 'orders'],
  ] as const)('%s', (_what, headers, kind) => {
    expect(detectKind(headers).kind).toBe(kind);
  });
});

describe('the column mapper makes a deposit file with unknown labels work, and remembers it', () => {
  it('offers both kinds with their fields (its inputs are FILE_SCHEMAS)', () => {
    expect(FILE_SCHEMAS.deposits.fields.filter((f) => f.required).map((f) => f.field)).toEqual(['date', 'amount']);
    expect(FILE_SCHEMAS.depositList.label).toBe('Keap Payments deposits list');
  });

  it('a saved map reads the file as a deposit', () => {
    const headers = ['Fecha', 'Tipo', 'Referencia', 'Bruto', 'Comision', 'Neto', 'Abonado'];
    expect(detectKind(headers).kind).toBeNull();
    const map = { headerKey: headerKey(headers), kind: 'deposits' as const, columns: { date: 'Fecha', type: 'Tipo', paymentId: 'Referencia', amount: 'Bruto', fee: 'Comision', net: 'Neto', depositDate: 'Abonado' } };
    const withMap = { ...structuredClone(profile), columnMaps: [map] };
    const file = textFile('deposito.csv', `${headers.join(',')}\r\n03/20/2024,Pago,P-1,90.00,2.91,87.09,03/22/2024\r\n`);
    const r = convertFiles([...basic(), file], withMap);
    expect(r.summary.files.find((f) => f.file === 'deposito.csv')).toMatchObject({ kind: 'deposits', rowsConverted: 1 });
    expect(r.transactions.filter((t) => t.type === 'DEPOSIT').map((t) => [t.date, t.amount])).toEqual([['03/22/2024', 8709]]);
  });
});

describe('grouping, dating and duplicates', () => {
  it('a file with a deposit id column holds many deposits; each is one DEPOSIT', () => {
    const file = deposit('payouts.csv', ['D-1,03/21/2024,03/20/2024,Payment,P-1,90.00,2.91,87.09', 'D-2,04/06/2024,04/05/2024,Payment,P-3,33.33,1.27,32.06'], `Deposit ID,Deposit Date,${KEAP_LABELS.join(',')}`);
    const r = convertFiles([...basic(), file], profile);
    expect(r.transactions.filter((t) => t.type === 'DEPOSIT').map((t) => [t.date, t.amount, t.memo])).toEqual([
      ['03/21/2024', 8709, 'Keap Payments deposit D-1: 1 payment of 90.00'],
      ['04/06/2024', 3206, 'Keap Payments deposit D-2: 1 payment of 33.33'],
    ]);
    expect(r.keapIds.filter((ids) => ids[0]!.startsWith('deposit:'))).toEqual([['deposit:D-1'], ['deposit:D-2']]);
  });

  it('the same deposit dropped twice counts once', () => {
    const r = convertFiles([...basic(), deposit('a.csv', [PAYMENT_ROW]), deposit('a copy.csv', [PAYMENT_ROW])], profile);
    expect(r.transactions.filter((t) => t.type === 'DEPOSIT')).toHaveLength(1);
    expect(r.issues.find((i) => i.code === 'row.duplicate')).toMatchObject({ file: 'a copy.csv', severity: 'info' });
    expect(r.summary.files.find((f) => f.file === 'a copy.csv')).toMatchObject({ rowsDuplicate: 1 });
    expect(r.summary.reconciliation.deposits).toMatchObject({ input: 8709, output: 8709, countIn: 1 });
  });

  const noDate = (name: string) => deposit(name, ['03/20/2024,Payment,P-1,90.00,2.91,87.09'], KEAP_LABELS.join(','));

  it.each([
    ['the deposits list by id', [noDate('d.csv'), textFile('list.csv', `${LIST_LABELS.join(',')}\r\n03/25/2024,Completed,87.09,ACH,D-7\r\n`)], {}, '03/25/2024'],
    ['the deposits list by a unique amount', [noDate('d.csv'), textFile('list.csv', `${LIST_LABELS.join(',')}\r\n03/26/2024,Paid,87.09,ACH,D-7\r\n03/27/2024,Paid,12.00,ACH,D-8\r\n`)], {}, '03/26/2024'],
    ['the date given for the file', [noDate('d.csv')], { 'd.csv': '2024-03-28' }, '03/28/2024'],
  ] as const)('a deposit without a date is dated by %s', (_how, files, depositDates, date) => {
    const r = convertFiles([...basic(), ...files], profile, { depositDates });
    expect(r.transactions.find((t) => t.type === 'DEPOSIT')).toMatchObject({ date, amount: 8709 });
  });

  it('a deposit whose date is still unknown is set aside with how to fix it', () => {
    const r = convertFiles([...basic(), noDate('d.csv')], profile);
    const hit = r.issues.find((i) => i.code === 'deposit.no-date')!;
    expect(hit).toMatchObject({ severity: 'error', file: 'd.csv', row: 2 });
    expect(hit.message).toContain('--deposit-date "d.csv=MM/DD/YYYY"');
    expect(r.summary.reconciliation.deposits).toMatchObject({ input: 8709, output: 0, setAside: 8709 });
    expect(r.summary.files.find((f) => f.file === 'd.csv')).toMatchObject({ rowsSetAside: 1, rowsConverted: 0 });
  });

  it('deposits list rows not paid are reported, not written; paid ones without a file are reported too', () => {
    const list = textFile('list.csv', `${LIST_LABELS.join(',')}\r\n03/25/2024,In transit,50.00,ACH,D-7\r\n03/26/2024,Paid,60.00,ACH,D-8\r\n`);
    const r = convertFiles([...basic(), list], profile);
    expect(r.issues.filter((i) => i.file === 'list.csv').map((i) => [i.code, i.severity, i.row])).toEqual([['deposit.not-paid', 'info', 2], ['deposit.list-unmatched', 'info', 3]]);
    // A list alone changes nothing: no deposit is written and payments keep their accounts.
    expect(r.transactions.some((t) => t.account === 'Keap Payments Clearing')).toBe(false);
  });
});

describe('bad input: a clear problem with its own code, never a crash or a wrong deposit', () => {
  const header = `Deposit ID,Deposit Date,${KEAP_LABELS.join(',')}`;
  const cases: { what: string; files: InputFile[]; code: Issue['code']; severity: Issue['severity']; file: string; row: number; written: boolean }[] = [
    { what: 'fee larger than the amount', files: [deposit('d.csv', ['03/22/2024,03/20/2024,Payment,P-1,90.00,95.00,-5.00'])], code: 'deposit.fee-exceeds-amount', severity: 'error', file: 'd.csv', row: 2, written: false },
    { what: 'net that is not amount minus fee', files: [deposit('d.csv', ['03/22/2024,03/20/2024,Payment,P-1,90.00,2.91,88.00'])], code: 'deposit.net-mismatch', severity: 'error', file: 'd.csv', row: 2, written: false },
    { what: 'missing payment id (tied by date, amount and customer instead)', files: [deposit('d.csv', ['03/22/2024,03/20/2024,Payment,,90.00,2.91,87.09'])], code: 'deposit.payment-id-missing', severity: 'warning', file: 'd.csv', row: 2, written: true },
    { what: 'a deposit file with no rows', files: [deposit('d.csv', [])], code: 'file.header-only', severity: 'warning', file: 'd.csv', row: NaN, written: false },
    { what: 'the same deposit in two files with different contents', files: [deposit('a.csv', ['D-9,03/22/2024,03/20/2024,Payment,P-1,90.00,2.91,87.09'], header), deposit('b.csv', ['D-9,03/22/2024,03/20/2024,Payment,P-1,90.00,2.61,87.39'], header)], code: 'deposit.conflict', severity: 'error', file: 'b.csv', row: 2, written: false },
    { what: 'a deposit date before its payments', files: [deposit('d.csv', ['03/19/2024,03/20/2024,Payment,P-1,90.00,2.91,87.09'])], code: 'deposit.before-payment', severity: 'error', file: 'd.csv', row: 2, written: false },
    { what: 'text in a money column', files: [deposit('d.csv', ['03/22/2024,03/20/2024,Payment,P-1,ninety,2.91,87.09', '03/22/2024,03/20/2024,Payment,P-2,10.00,0.59,9.41'])], code: 'amount.invalid', severity: 'error', file: 'd.csv', row: 2, written: false },
    { what: 'a stated deposit total the rows do not add up to', files: [deposit('d.csv', ['03/22/2024,03/20/2024,Payment,P-1,90.00,2.91,87.09,87.00'], `Deposit Date,${KEAP_LABELS.join(',')},Deposit Amount`)], code: 'deposit.total-mismatch', severity: 'error', file: 'd.csv', row: 2, written: false },
    { what: 'a row that is neither payment, refund nor fee', files: [deposit('d.csv', [PAYMENT_ROW, '03/22/2024,03/21/2024,Refund,P-4,5.00,0.00,5.00'])], code: 'deposit.unknown-row', severity: 'error', file: 'd.csv', row: 3, written: false },
  ];

  it.each(cases)('$what -> $code', (c) => {
    const r = convertFiles([...basic(), ...c.files], profile);
    const hit = r.issues.find((i) => i.code === c.code && i.file === c.file);
    expect(hit, JSON.stringify(r.issues.map((i) => [i.code, i.file, i.row]))).toBeDefined();
    expect(hit!.severity).toBe(c.severity);
    if (!Number.isNaN(c.row)) expect(hit!.row).toBe(c.row);
    expect(hit!.message.length).toBeGreaterThan(30);
    expect(r.transactions.some((t) => t.type === 'DEPOSIT' || t.type === 'GENERAL JOURNAL')).toBe(c.written);
    expect(isReconciled(r.summary.reconciliation)).toBe(true);
    for (const f of r.summary.files) expect(f.rowsRead).toBe(f.rowsConverted + f.rowsSetAside + f.rowsBlank);
  });

  it('a stated total that does not add up shows the difference', () => {
    const r = convertFiles([...basic(), ...cases.find((c) => c.code === 'deposit.total-mismatch')!.files], profile);
    expect(r.issues.find((i) => i.code === 'deposit.total-mismatch')!.message).toContain('states 87.00, but its rows add up to 87.09');
    expect(r.issues.find((i) => i.code === 'deposit.total-mismatch')!.message).toContain('a difference of -0.09');
  });

  it('the deposits list amount is a stated total too', () => {
    const list = textFile('list.csv', `${LIST_LABELS.join(',')}\r\n03/25/2024,Paid,87.90,ACH,D-7\r\n`);
    const r = convertFiles([...basic(), deposit('d.csv', ['D-7,03/20/2024,Payment,P-1,90.00,2.91,87.09'], `Deposit ID,${KEAP_LABELS.join(',')}`), list], profile);
    expect(r.issues.find((i) => i.code === 'deposit.total-mismatch')!.message).toContain('the deposits list states 87.90');
  });
});

describe('payments, ties and what is not yet deposited', () => {
  it('with a deposit file, card payments land in the clearing account; PayPal keeps Undeposited Funds', () => {
    const r = convertFiles([...basic(), deposit('d.csv', [PAYMENT_ROW])], profile);
    expect(r.transactions.filter((t) => t.type === 'PAYMENT').map((t) => [t.memo.split(' payment')[0], t.account])).toEqual([
      ['Keap Credit Card', 'Keap Payments Clearing'],
      ['Keap PayPal', 'Undeposited Funds'],
      ['Keap Credit Card (Manual)', 'Keap Payments Clearing'],
      ['Keap Credit Card (Manual)', 'Keap Payments Clearing'],
    ]);
    // The deposit line names the customer of the payment it was tied to (by date, amount: no ids in the payments file).
    expect(r.transactions.find((t) => t.type === 'DEPOSIT')!.splits[0]).toMatchObject({ ACCNT: 'Keap Payments Clearing', NAME: 'Jane Doe', AMOUNT: '-90.00' });
    // The two instalments are in the clearing account and no deposit of the files covers them.
    expect(r.notYetDeposited.map((p) => [p.date, p.customer, p.amount])).toEqual([['2024-04-05', 'Jane Doe', 3333], ['2024-05-05', 'Jane Doe', 3333]]);
    expect(r.summary.deposits).toEqual({ count: 1, gross: 9000, fees: 291, otherFees: 0, refunds: 0, net: 8709, notYetDeposited: { count: 2, amount: 6666 } });
  });

  it('the pay types that go through Keap Payments are the profile\'s choice', () => {
    const chosen = structuredClone(profile);
    chosen.deposits.payTypes = ['Credit Card'];
    expect(goesThroughKeapPayments(chosen, 'Credit Card (Manual)')).toBe(false);
    const r = convertFiles([...basic(), deposit('d.csv', [PAYMENT_ROW])], chosen);
    expect(r.transactions.filter((t) => t.type === 'PAYMENT').map((t) => t.account)).toEqual(['Keap Payments Clearing', 'Undeposited Funds', 'Undeposited Funds', 'Undeposited Funds']);
  });

  it('a deposited payment in neither the conversion nor the history is a warning; in the history it is not', () => {
    const file = deposit('d.csv', ['03/22/2024,03/20/2024,Payment,P-77,12.00,0.65,11.35']);
    const withIds = textFile('payments.csv', 'PaymentId,InvoiceId,PayDate,PayType,PayAmt\r\nP-1,1001,2024-03-20,Credit Card,90.00\r\n');
    const inputs = [...basic().filter((f) => f.name !== 'payments.csv'), withIds, file];
    const warned = convertFiles(inputs, profile);
    expect(warned.issues.find((i) => i.code === 'deposit.payment-missing')).toMatchObject({ severity: 'warning', file: 'd.csv', row: 2 });
    expect(warned.issues.find((i) => i.code === 'deposit.payment-missing')!.message).toContain('payment P-77 of 12.00');
    const known = convertFiles(inputs, profile, { alreadyExported: ['payment:P-77'] });
    expect(known.issues.filter((i) => i.code === 'deposit.payment-missing')).toEqual([]);
    // Tied by payment id, the other payment is covered.
    expect(known.notYetDeposited.map((p) => p.paymentId)).toEqual(['P-1']);
  });

  it('a payment that fits several payments by date and amount is not tied, with a warning', () => {
    const twice = textFile('payments.csv', 'InvoiceId,PayDate,PayType,PayAmt\r\n1001,2024-03-20,Credit Card,45.00\r\n1002,2024-03-20,Credit Card,45.00\r\n');
    const r = convertFiles([...basic().filter((f) => f.name !== 'payments.csv'), twice, deposit('d.csv', ['03/22/2024,03/20/2024,Payment,,45.00,1.61,43.39'])], profile);
    expect(r.issues.find((i) => i.code === 'deposit.not-tied')!.message).toContain('fits 2 payments');
    expect(r.transactions.find((t) => t.type === 'DEPOSIT')!.splits[0]!.NAME).toBe('');
  });

  it('the test export can take one deposit; the history knows deposits by Keap id', () => {
    const file = deposit('payouts.csv', ['D-1,03/21/2024,03/20/2024,Payment,P-1,90.00,2.91,87.09', 'D-2,04/06/2024,04/05/2024,Payment,P-3,33.33,1.27,32.06'], `Deposit ID,Deposit Date,${KEAP_LABELS.join(',')}`);
    const one = convertFiles([...basic(), file], profile, { depositId: 'D-2' });
    expect(one.transactions.map((t) => [t.type, t.amount])).toEqual([['DEPOSIT', 3206]]);
    expect(one.summary.deposits).toMatchObject({ count: 1, net: 3206 });
    const again = convertFiles([...basic(), file], profile, { alreadyExported: ['deposit:D-1'] });
    expect(again.transactions.filter((t) => t.type === 'DEPOSIT').map((t) => t.amount)).toEqual([3206]);
  });

  it('monthly totals carry the fees of the deposits', () => {
    expect(monthlyTotals([
      { type: 'DEPOSIT', date: '2024-03-22', amount: 8709, fees: 291 },
      { type: 'GENERAL JOURNAL', date: '2024-03-29', amount: -500, fees: 1500 },
      { type: 'PAYMENT', date: '2024-03-20', amount: 9000 },
    ])).toEqual([{ month: '2024-03', invoiced: 0, collected: 9000, fees: 1791 }]);
  });
});

describe('the profile\'s deposits section', () => {
  it('a profile saved before deposits is valid and gets the defaults, without a warning', () => {
    const old = structuredClone(defaultProfile('Old')) as Partial<ReturnType<typeof defaultProfile>>;
    delete old.deposits;
    const v = validateProfile(old);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.profile.deposits).toEqual({ clearingAccount: 'Keap Payments Clearing', bankAccount: 'Checking', feeAccount: 'Merchant Fees' });
    expect(v.warnings.join(' ')).not.toContain('deposits');
    expect(goesThroughKeapPayments(v.profile, 'Credit Card (Manual)')).toBe(true);
    expect(goesThroughKeapPayments(v.profile, 'PayPal')).toBe(false);
  });

  it.each([
    [{ clearingAccount: '' }, '"deposits.clearingAccount" must be an account name.'],
    [{ feeAccount: 3 }, '"deposits.feeAccount" must be an account name.'],
    [{ payTypes: 'Credit Card' }, '"deposits.payTypes" must be a list of Keap pay types.'],
    ['yes', '"deposits" must be an object.'],
  ])('refuses %j', (deposits, error) => {
    const v = validateProfile({ ...defaultProfile('Bad'), deposits });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors).toContain(error);
  });

  it('keeps the chosen accounts and pay types', () => {
    const v = validateProfile({ ...defaultProfile('Mine'), deposits: { clearingAccount: 'Stripe Clearing', bankAccount: 'Operating', feeAccount: 'Bank Fees', payTypes: ['Credit Card', 'PayPal'] } });
    expect(v.ok && v.profile.deposits).toEqual({ clearingAccount: 'Stripe Clearing', bankAccount: 'Operating', feeAccount: 'Bank Fees', payTypes: ['Credit Card', 'PayPal'] });
  });

  it('the template writes out the card pay types found, and adds new ones later', () => {
    expect(profile.deposits.payTypes).toEqual(['Credit Card', 'Credit Card (Manual)']);
    const later = applyTemplate(profile, { products: [], itemTypes: [], payTypes: [{ name: 'Credit Card (Keap Pay)', rows: 1, total: 100 }, { name: 'Venmo', rows: 1, total: 5 }] });
    expect(later.deposits.payTypes).toEqual(['Credit Card', 'Credit Card (Manual)', 'Credit Card (Keap Pay)']);
  });

  it('the accounts are declared with their types, and a user\'s own names are used', () => {
    const mine = structuredClone(profile);
    mine.deposits = { ...mine.deposits, clearingAccount: 'KP Clearing', bankAccount: 'Operating', feeAccount: 'Card Fees' };
    const r = convertFiles([...basic(), deposit('d.csv', [PAYMENT_ROW])], mine);
    expect([...r.facts.accounts].filter(([n]) => ['KP Clearing', 'Operating', 'Card Fees'].includes(n))).toEqual([['KP Clearing', 'BANK'], ['Operating', 'BANK'], ['Card Fees', 'EXP']]);
  });
});
