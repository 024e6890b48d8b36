// The command line: template then convert on the fixture files, exit codes, report contents.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { checkIif } from '../support/iif-check.ts';

const fixtures = new URL('../fixtures/keap/basic/', import.meta.url).pathname;
const csvs = readdirSync(fixtures).filter((f) => f.endsWith('.csv')).map((f) => join(fixtures, f));

function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('command line', () => {
  const work = mkdtempSync(join(tmpdir(), 'keap2iif-cli-'));
  const profilePath = join(work, 'profile.json');
  writeFileSync(profilePath, run(['template', ...csvs]).stdout);

  it('template names every product and pay type with working defaults', () => {
    const r = run(['template', ...csvs]);
    expect(r.code).toBe(0);
    const profile = JSON.parse(r.stdout);
    expect(profile.format).toBe('keap2iif-profile');
    expect(profile.version).toBe(1);
    expect(Object.keys(profile.products).sort()).toEqual(['Gadget', 'Monthly Tips', 'Widget']);
    expect(Object.keys(profile.payTypes).sort()).toEqual(['Credit Card', 'Credit Card (Manual)', 'PayPal']);
    expect(profile.itemTypes).toEqual({ '1': { label: 'Shipping', role: 'shipping' }, '4': { label: 'Product', role: 'product' }, '9': { label: 'Subscription plan', role: 'product' } });
    expect(r.stderr).toContain('Taken as Payments');
  });

  it('convert writes a balanced IIF and a report, exit 0 when every row converted', () => {
    const out = join(work, 'out.iif');
    const report = join(work, 'report.json');
    const r = run(['convert', '--profile', profilePath, '--out', out, '--report', report, ...csvs]);
    expect(r.stderr).toContain('7 transactions');
    expect(r.code).toBe(0);
    const bytes = readFileSync(out);
    expect(bytes[0]).toBe(0x21); // '!' first: no BOM
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

  it('exit 1 when some rows were set aside, listing them in the report', () => {
    const bad = join(work, 'payments-bad.csv');
    writeFileSync(bad, 'InvoiceId,PayDate,PayType,PayAmt,PayNote\n1001,2024-03-20,Credit Card,90.00,\n1002,2024-03-21,Check,abc,\n');
    const others = csvs.filter((c) => !c.endsWith('payments.csv'));
    const report = join(work, 'report-bad.json');
    const r = run(['convert', '--profile', profilePath, '--out', join(work, 'bad.iif'), '--report', report, ...others, bad]);
    expect(r.code).toBe(1);
    const rep = JSON.parse(readFileSync(report, 'utf8'));
    expect(rep.problems).toContainEqual(expect.objectContaining({ file: 'payments-bad.csv', row: 3, column: 'PayAmt', code: 'amount.invalid', severity: 'error' }));
    expect(rep.files.find((f: { file: string }) => f.file === 'payments-bad.csv')).toMatchObject({ rowsRead: 2, rowsConverted: 1, rowsSetAside: 1 });
  });

  it('exit 2 for wrong usage or unreadable input, with a message on stderr', () => {
    expect(run([]).code).toBe(2);
    expect(run(['convert', ...csvs]).stderr).toContain('--profile');
    expect(run(['convert', '--profile', join(work, 'nope.json'), '--out', join(work, 'x.iif'), ...csvs]).code).toBe(2);
    writeFileSync(join(work, 'bad-profile.json'), '{"format":"something-else"}');
    const r = run(['convert', '--profile', join(work, 'bad-profile.json'), '--out', join(work, 'x.iif'), ...csvs]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a keap2iif profile');
    writeFileSync(join(work, 'pic.csv'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    const p = run(['convert', '--profile', profilePath, '--out', join(work, 'x.iif'), join(work, 'pic.csv')]);
    expect(p.code).toBe(2);
    expect(p.stderr).toContain('PNG');
  });
});

describe('running through npm', () => {
  it('reads a profile file that starts with npm\'s script banner', async () => {
    const { parseProfileText } = await import('../../src/cli/main.ts');
    const text = '\n> keap2iif@0.1.0 cli\n> tsx src/cli/main.ts template a.csv\n\n{\n  "format": "keap2iif-profile"\n}\n';
    expect(parseProfileText(text)).toEqual({ format: 'keap2iif-profile' });
    expect(() => parseProfileText('nonsense {')).toThrow();
  });

  it('the project .npmrc keeps npm quiet so `npm run cli -- template > profile.json` is pure JSON', () => {
    const npmrc = readFileSync(new URL('../../.npmrc', import.meta.url), 'utf8');
    expect(npmrc).toMatch(/^loglevel=silent$/m);
  });
});

describe('npm run cli, as the README says', () => {
  it('template from another folder with relative paths prints pure JSON, and convert uses it', async () => {
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync('npm', ['run', 'cli', '--', 'template', 'contacts.csv', 'invoices.csv', 'order-items.csv', 'payments.csv'], { cwd: fixtures, encoding: 'utf8' });
    const profile = JSON.parse(out);
    expect(Object.keys(profile.products).sort()).toEqual(['Gadget', 'Monthly Tips', 'Widget']);
    const dir = mkdtempSync(join(tmpdir(), 'keap2iif-npm-'));
    writeFileSync(join(dir, 'profile.json'), out);
    execFileSync('npm', ['run', 'cli', '--', 'convert', '--profile', join(dir, 'profile.json'), '--out', join(dir, 'out.iif'), 'contacts.csv', 'invoices.csv', 'order-items.csv', 'payments.csv'], { cwd: fixtures, encoding: 'utf8', stdio: 'pipe' });
    expect(checkIif(readFileSync(join(dir, 'out.iif')).toString('latin1')).transactions).toHaveLength(7);
  });
});
