// The command line in-process: template then convert on the fixture files, exit codes, report
// contents, what goes to stderr on a terminal and off one.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIif } from '../support/iif-check.ts';
import { runInProcess as run } from '../support/cli.ts';

const fixtures = new URL('../fixtures/keap/basic/', import.meta.url).pathname;
const names = readdirSync(fixtures).filter((f) => f.endsWith('.csv'));
const csvs = names.map((f) => join(fixtures, f));

describe('command line', async () => {
  const work = mkdtempSync(join(tmpdir(), 'keap2iif-cli-'));
  const profilePath = join(work, 'profile.json');
  writeFileSync(profilePath, (await run(['template', ...csvs])).stdout);

  it('template names every product and pay type with working defaults', async () => {
    const r = await run(['template', ...csvs], { terminal: true });
    expect(r.code).toBe(0);
    const profile = JSON.parse(r.stdout);
    expect(profile.format).toBe('keap2iif-profile');
    expect(profile.version).toBe(1);
    expect(profile.name).toBe('Keap export');
    expect(Object.keys(profile.products).sort()).toEqual(['Gadget', 'Monthly Tips', 'Widget']);
    expect(Object.keys(profile.payTypes).sort()).toEqual(['Credit Card', 'Credit Card (Manual)', 'PayPal']);
    expect(profile.itemTypes).toEqual({ '1': { label: 'Shipping', role: 'shipping' }, '4': { label: 'Product', role: 'product' }, '9': { label: 'Subscription plan', role: 'product' } });
    expect(r.stderr).toContain('Taken as Payments');
  });

  it('template --name names the profile, and --profile starts from an existing one', async () => {
    expect(JSON.parse((await run(['template', '--name', 'Acme', ...csvs])).stdout).name).toBe('Acme');
    const edited = JSON.parse(readFileSync(profilePath, 'utf8'));
    edited.products.Widget.item = 'Widgets:Blue';
    const editedPath = join(work, 'edited.json');
    writeFileSync(editedPath, JSON.stringify(edited));
    const r = await run(['template', '--profile', editedPath, ...csvs]);
    expect(JSON.parse(r.stdout).products.Widget.item).toBe('Widgets:Blue');
  });

  it('inspect prints what each file was taken as and what the files hold', async () => {
    const r = await run(['inspect', ...csvs]);
    expect(r.code).toBe(0);
    const found = JSON.parse(r.stdout);
    expect(found.files.map((f: { kind: string }) => f.kind).sort()).toEqual(['contacts', 'invoices', 'orderItems', 'payments']);
    expect(found.catalog.products.map((p: { name: string }) => p.name)).toEqual(['Gadget', 'Monthly Tips', 'Widget']);
  });

  it('convert writes a balanced IIF and a report, exit 0 when every row converted', async () => {
    const out = join(work, 'out.iif');
    const report = join(work, 'report.json');
    const r = await run(['convert', '--profile', profilePath, '--out', out, '--report', report, ...csvs], { terminal: true });
    expect(r.stderr).toContain('7 transactions written');
    expect(r.code).toBe(0);
    const bytes = readFileSync(out);
    expect(bytes[0]).toBe(0x21); // '!' first: no BOM
    expect(existsSync(`${out}.partial`)).toBe(false);
    const facts = checkIif(bytes.toString('latin1'));
    expect(facts.transactions).toHaveLength(7);
    const rep = JSON.parse(readFileSync(report, 'utf8'));
    expect(rep.files.map((f: { kind: string }) => f.kind).sort()).toEqual(['contacts', 'invoices', 'orderItems', 'payments']);
    for (const f of rep.files) expect(f.rowsRead).toBe(f.rowsConverted + f.rowsSetAside + f.rowsBlank);
    expect(rep.totals.reconciliation.sales.input).toBe(23750);
    expect(rep.totals.byTransactionType).toEqual({ INVOICE: { count: 3, amount: 23750 }, PAYMENT: { count: 4, amount: 20416 } });
    expect(rep.totals.reconciled).toBe(true);
    expect(rep.problems).toEqual([]);
  });

  it('takes relative paths from the user\'s folder', async () => {
    mkdirSync(join(work, 'in'), { recursive: true });
    for (const name of names) copyFileSync(join(fixtures, name), join(work, 'in', name));
    const r = await run(['convert', '--profile', 'profile.json', '--out', 'relative.iif', ...names.map((n) => join('in', n))], { cwd: work });
    expect(r.code).toBe(0);
    const absolute = await run(['convert', '--profile', profilePath, '--out', join(work, 'absolute.iif'), ...csvs]);
    expect(absolute.code).toBe(0);
    expect(readFileSync(join(work, 'relative.iif'))).toEqual(readFileSync(join(work, 'absolute.iif')));
  });

  it('off a terminal, stderr carries problems only; on one, notes and a progress line too', async () => {
    const quiet = await run(['convert', '--profile', profilePath, '--out', join(work, 'quiet.iif'), ...csvs]);
    expect(quiet).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const loud = await run(['convert', '--profile', profilePath, '--out', join(work, 'loud.iif'), ...csvs], { terminal: true });
    expect(loud.stderr).toMatch(/^\r\u001b\[2Kkeap2iif reading: /);
    expect(loud.stderr).toContain('order-items.csv: orderItems; 5 rows: 5 converted, 0 set aside, 0 blank');
  });

  it('exit 1 when some rows were set aside, listing them on stderr and in the report', async () => {
    const bad = join(work, 'payments-bad.csv');
    writeFileSync(bad, 'InvoiceId,PayDate,PayType,PayAmt,PayNote\n1001,2024-03-20,Credit Card,90.00,\n1002,2024-03-21,Check,abc,\n');
    const others = csvs.filter((c) => !c.endsWith('payments.csv'));
    const report = join(work, 'report-bad.json');
    const r = await run(['convert', '--profile', profilePath, '--out', join(work, 'bad.iif'), '--report', report, ...others, bad]);
    expect(r.code).toBe(1);
    // A problem, so it is shown even off a terminal.
    expect(r.stderr).toContain('payments-bad.csv, row 3, column "PayAmt"');
    const rep = JSON.parse(readFileSync(report, 'utf8'));
    expect(rep.problems).toContainEqual(expect.objectContaining({ file: 'payments-bad.csv', row: 3, column: 'PayAmt', code: 'amount.invalid', severity: 'error' }));
    expect(rep.files.find((f: { file: string }) => f.file === 'payments-bad.csv')).toMatchObject({ rowsRead: 2, rowsConverted: 1, rowsSetAside: 1 });
  });

  it('exit 2 for wrong usage or unreadable input, with a message on stderr', async () => {
    expect((await run([])).code).toBe(2);
    const noProfile = await run(['convert', ...csvs]);
    expect(noProfile.code).toBe(2);
    expect(noProfile.stderr).toContain('--profile');
    const missing = await run(['convert', '--profile', join(work, 'nope.json'), '--out', join(work, 'x.iif'), ...csvs]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read the profile');
    writeFileSync(join(work, 'bad-profile.json'), '{"format":"something-else"}');
    const r = await run(['convert', '--profile', join(work, 'bad-profile.json'), '--out', join(work, 'x.iif'), ...csvs]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a keap2iif profile');
    const absent = await run(['convert', '--profile', profilePath, '--out', join(work, 'x.iif'), join(work, 'no-such.csv')]);
    expect(absent.code).toBe(2);
    expect(absent.stderr).toContain('Cannot read');
    expect(absent.stderr).toContain('no-such.csv');
    const noFolder = await run(['convert', '--profile', profilePath, '--out', join(work, 'no', 'x.iif'), ...csvs]);
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr).toContain(`Cannot write ${join(work, 'no', 'x.iif')}`);
    const noReportFolder = await run(['convert', '--profile', profilePath, '--out', join(work, 'y.iif'), '--report', join(work, 'no', 'r.json'), ...csvs]);
    expect(noReportFolder.code).toBe(2);
    expect(noReportFolder.stderr).toContain('Cannot write the report');
  });

  it('exit 2 and no IIF when no file is a Keap export', async () => {
    writeFileSync(join(work, 'pic.csv'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    const out = join(work, 'pic.iif');
    const p = await run(['convert', '--profile', profilePath, '--out', out, join(work, 'pic.csv')]);
    expect(p.code).toBe(2);
    expect(p.stderr).toContain('PNG');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });
});

describe('command line: Keap Payments deposits', async () => {
  const golden = new URL('../fixtures/golden/deposit-negative-journal/', import.meta.url).pathname;
  const inputs = readdirSync(golden).filter((f) => f.endsWith('.csv')).sort().map((f) => join(golden, f));
  const work = mkdtempSync(join(tmpdir(), 'keap2iif-deposits-'));
  const profilePath = join(work, 'profile.json');
  writeFileSync(profilePath, (await run(['template', ...inputs])).stdout);

  it('--deposit-date dates a deposit file: the same bytes as the golden file, the deposits in the report', async () => {
    const out = join(work, 'out.iif');
    const report = join(work, 'report.json');
    const r = await run(['convert', '--profile', profilePath, '--out', out, '--report', report, '--deposit-date', `${join(golden, 'deposit-may-8.csv')}=05/08/2024`, ...inputs], { terminal: true });
    expect(r.code).toBe(0);
    expect(readFileSync(out).equals(readFileSync(join(golden, 'expected.iif')))).toBe(true);
    expect(r.stderr).toContain('1 Keap Payments deposits: net -55.88 (payments 20.00, fees 0.88, other fees 15.00, refunds 60.00); 0 payments of 0.00 not yet deposited.');
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json.summary.deposits).toEqual({ count: 1, gross: 2000, fees: 88, otherFees: 1500, refunds: 6000, net: -5588, notYetDeposited: { count: 0, amount: 0 } });
    expect(json.notYetDeposited).toEqual([]);
    expect(json.totals.reconciliation.deposits).toMatchObject({ input: 5588, output: 5588, setAside: 0 });
  });

  it('without the date the deposit is set aside (exit 1) with how to give it; not-yet-deposited payments are listed', async () => {
    const report = join(work, 'report2.json');
    const r = await run(['convert', '--profile', profilePath, '--out', join(work, 'no-date.iif'), '--report', report, ...inputs]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--deposit-date "deposit-may-8.csv=MM/DD/YYYY"');
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json.notYetDeposited).toEqual([{ date: '2024-05-06', customer: 'Jane Doe', amount: 2000, paymentId: '701', file: 'payments.csv', row: 2 }]);
    expect(json.summary.deposits.notYetDeposited).toEqual({ count: 1, amount: 2000 });
  });

  it.each([
    ['deposit-may-8.csv', 'takes FILE=MM/DD/YYYY'],
    ['deposit-may-8.csv=13/45/2024', 'takes FILE=MM/DD/YYYY'],
    ['deposit-may-8.csv=05/08/24', 'takes FILE=MM/DD/YYYY'],
    ['other.csv=05/08/2024', 'not one of the input files'],
  ])('--deposit-date %s is a usage error (exit 2)', async (value, message) => {
    const r = await run(['convert', '--profile', profilePath, '--out', join(work, 'bad.iif'), '--deposit-date', value, ...inputs]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('profile files written through npm', () => {
  it('reads a profile file that starts with npm\'s script banner', async () => {
    const { parseProfileText } = await import('../../src/cli/profile-file.ts');
    const text = '\n> keap2iif@0.1.0 cli\n> node dist-cli/bin.js template a.csv\n\n{\n  "format": "keap2iif-profile"\n}\n';
    expect(parseProfileText(text)).toEqual({ format: 'keap2iif-profile' });
    expect(() => parseProfileText('nonsense {')).toThrow();
  });

  it('the project .npmrc keeps npm quiet so `npm run cli -- template > profile.json` is pure JSON', () => {
    const npmrc = readFileSync(new URL('../../.npmrc', import.meta.url), 'utf8');
    expect(npmrc).toMatch(/^loglevel=silent$/m);
  });
});
