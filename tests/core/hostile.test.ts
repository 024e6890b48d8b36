// The hostile-input corpus (tests/fixtures/bad/): one file per kind of trouble. Each must end
// as a clear problem (code, file, row and column where they exist) or a clear refusal of the
// whole file; none may crash, lose a row silently, or corrupt or unbalance the IIF.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../support/cli.ts';
import type { InputFile } from '../../src/core/convert-types.ts';
import type { Issue } from '../../src/core/issues.ts';
import { catalogOf } from '../../src/core/keap/catalog.ts';
import { defaultProfile } from '../../src/core/profile/defaults.ts';
import { applyTemplate } from '../../src/core/profile/template.ts';
import { isReconciled } from '../../src/core/report.ts';
import { convertFiles } from '../support/convert.ts';
import { checkIif } from '../support/iif-check.ts';
import { readAll } from '../support/read.ts';

const BAD = new URL('../fixtures/bad/', import.meta.url);
const BASIC = new URL('../fixtures/keap/basic/', import.meta.url);
const load = (dir: URL, name: string): InputFile => ({ name, bytes: new Uint8Array(readFileSync(new URL(name, dir))) });
const basic = () => readdirSync(BASIC).sort().map((n) => load(BASIC, n));

/** What the files hold, as the mapping screen and the template see it. */
const catalogFor = (inputs: InputFile[]) => catalogOf(readAll(inputs).tables);

/** The base profile maps the basic fixture's products only (so "Mystery Box" stays unmapped). */
const baseProfile = applyTemplate(defaultProfile('Hostile'), catalogFor(basic()));

interface Case {
  file: string;
  /** Basic fixture file the bad file stands in for (null: added beside them). */
  replaces: string | null;
  code: Issue['code'];
  severity: Issue['severity'];
  row?: number;
  column?: string;
  /** The whole file is refused. */
  refused?: boolean;
  /** Map every product found (template) before converting. */
  template?: boolean;
  /** Other bad files added with it (the second file of a conflict). */
  with?: string[];
}

const CASES: Case[] = [
  { file: 'empty.csv', replaces: null, code: 'file.empty', severity: 'error', refused: true },
  { file: 'header-only.csv', replaces: 'payments.csv', code: 'file.header-only', severity: 'warning' },
  { file: 'image-png.csv', replaces: null, code: 'file.binary', severity: 'error', refused: true },
  { file: 'workbook-xlsx.csv', replaces: null, code: 'file.binary', severity: 'error', refused: true },
  { file: 'web-page-html.csv', replaces: null, code: 'file.binary', severity: 'error', refused: true },
  { file: 'nul-bytes.csv', replaces: null, code: 'file.nul-bytes', severity: 'error', refused: true },
  { file: 'utf16-no-bom-garbage.csv', replaces: null, code: 'file.nul-bytes', severity: 'error', refused: true },
  { file: 'unterminated-quote.csv', replaces: 'payments.csv', code: 'csv.quotes', severity: 'error', row: 2 },
  { file: 'ragged-rows.csv', replaces: 'payments.csv', code: 'csv.ragged-row', severity: 'error', row: 3 },
  { file: 'duplicate-headers.csv', replaces: null, code: 'file.duplicate-header', severity: 'error', row: 1, column: 'qty', refused: true },
  { file: 'missing-column.csv', replaces: null, code: 'file.missing-column', severity: 'error', row: 1, refused: true },
  { file: 'unknown-product.csv', replaces: 'order-items.csv', code: 'product.unmapped', severity: 'error', row: 3, column: 'ItemName' },
  { file: 'zero-quantity.csv', replaces: 'order-items.csv', code: 'qty.zero', severity: 'warning', row: 3, column: 'Qty' },
  { file: 'negative-quantity.csv', replaces: 'order-items.csv', code: 'order.mixed-signs', severity: 'warning', row: 3 },
  { file: 'price-three-decimals.csv', replaces: 'order-items.csv', code: 'price.rounded', severity: 'warning', row: 2, column: 'PricePerUnit' },
  { file: 'amount-abc.csv', replaces: 'payments.csv', code: 'amount.invalid', severity: 'error', row: 2, column: 'PayAmt' },
  { file: 'date-13-45-2024.csv', replaces: 'payments.csv', code: 'date.impossible', severity: 'error', row: 2, column: 'PayDate' },
  { file: 'date-02-30-2024.csv', replaces: 'payments.csv', code: 'date.impossible', severity: 'error', row: 2, column: 'PayDate' },
  { file: 'date-two-digit-year.csv', replaces: 'payments.csv', code: 'date.two-digit-year', severity: 'warning', row: 2, column: 'PayDate' },
  { file: 'names-hostile.csv', replaces: 'contacts.csv', code: 'customer.renamed', severity: 'warning', row: 2 },
  { file: 'name-300-chars.csv', replaces: 'contacts.csv', code: 'customer.renamed', severity: 'warning', row: 2 },
  { file: 'product-300-chars.csv', replaces: 'order-items.csv', code: 'price.rounded', severity: 'warning', template: true },
  { file: 'same-order-twice.csv', replaces: 'invoices.csv', code: 'row.conflict', severity: 'error', row: 4 },
  { file: 'payment-unknown-invoice.csv', replaces: 'payments.csv', code: 'payment.no-invoice', severity: 'error', row: 3 },
  { file: 'refund-exceeds-paid.csv', replaces: 'payments.csv', code: 'refund.exceeds-paid', severity: 'warning', row: 3 },
  { file: 'credit-without-refund.csv', replaces: 'payments.csv', code: 'refund.unpaired', severity: 'warning', row: 3 },
  { file: 'formula-values.csv', replaces: 'contacts.csv', code: 'customer.renamed', severity: 'warning', row: 2 },
  // Keap Payments deposits, beside the basic files (whose 90.00 card payment of 03/20/2024 they hold).
  { file: 'deposit-fee-exceeds-amount.csv', replaces: null, code: 'deposit.fee-exceeds-amount', severity: 'error', row: 2 },
  { file: 'deposit-net-mismatch.csv', replaces: null, code: 'deposit.net-mismatch', severity: 'error', row: 2 },
  { file: 'deposit-missing-payment-id.csv', replaces: null, code: 'deposit.payment-id-missing', severity: 'warning', row: 2 },
  { file: 'deposit-no-rows.csv', replaces: null, code: 'file.header-only', severity: 'warning' },
  { file: 'deposit-conflict-b.csv', replaces: null, code: 'deposit.conflict', severity: 'error', row: 2, with: ['deposit-conflict-a.csv'] },
  { file: 'deposit-before-payment.csv', replaces: null, code: 'deposit.before-payment', severity: 'error', row: 2 },
  // The unreadable cell is amount.invalid (reading); the build then sets its whole deposit aside.
  { file: 'deposit-text-money.csv', replaces: null, code: 'deposit.incomplete', severity: 'error', row: 2 },
];

function inputsFor(c: Case): InputFile[] {
  return [...basic().filter((f) => f.name !== c.replaces), ...(c.with ?? []).map((n) => load(BAD, n)), load(BAD, c.file)];
}

/** Problems the reading stage finds on its own (the rest need the build). */
const READ_CODES = new Set<Issue['code']>([
  'file.empty', 'file.header-only', 'file.binary', 'file.nul-bytes', 'csv.quotes', 'csv.ragged-row', 'file.duplicate-header',
  'file.missing-column', 'qty.zero', 'price.rounded', 'amount.invalid', 'date.impossible', 'date.two-digit-year', 'row.conflict',
]);

describe('hostile-input corpus, reading only', () => {
  it.each(CASES.filter((c) => READ_CODES.has(c.code) && c.file !== 'product-300-chars.csv'))('$file -> $code', (c) => {
    const stage = readAll(inputsFor(c));
    const found = stage.issues.filter((i) => i.code === c.code && i.file === c.file);
    expect(found.length, `issues were: ${JSON.stringify(stage.issues.map((i) => [i.code, i.file, i.row, i.column]))}`).toBeGreaterThan(0);
    const hit = found.find((i) => c.row === undefined || i.row === c.row) ?? found[0]!;
    expect(hit.severity).toBe(c.severity);
    if (c.row !== undefined) expect(hit.row).toBe(c.row);
    if (c.column !== undefined) expect(hit.column?.toLowerCase()).toBe(c.column.toLowerCase());
    const read = stage.files.find((f) => f.report.file === c.file)!;
    expect(read.report.refused).toBe(!!c.refused);
    expect(read.report.rowsRead).toBe(read.report.rowsConverted + read.report.rowsSetAside + read.report.rowsBlank);
    // An error sets its row aside; a warning keeps it.
    if (c.severity === 'error' && c.row !== undefined && !c.refused) expect(read.setAsideRows.has(c.row)).toBe(true);
    if (c.severity === 'warning' && c.row !== undefined) expect(read.setAsideRows.has(c.row)).toBe(false);
  });

  it('a 10 MB single field is set aside with a clear message, and the rows after it are read', () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const bytes = new TextEncoder().encode(`InvoiceId,PayDate,PayType,PayAmt,PayNote\r\n1001,2024-03-20,Credit Card,90.00,"${huge}"\r\n1002,2024-03-21,Check,5.00,\r\n`);
    const stage = readAll([{ name: 'huge-field.csv', bytes }], { pieceBytes: 1 << 16 });
    const hit = stage.issues.find((i) => i.code === 'file.too-large-field')!;
    expect(hit).toMatchObject({ file: 'huge-field.csv', row: 2, column: 'PayNote' });
    expect(hit.message.length).toBeLessThan(400);
    expect(stage.files[0]!.report).toMatchObject({ rowsRead: 2, rowsSetAside: 1, rowsConverted: 1 });
    expect(stage.tables.payments.invoiceId(0)).toBe('1002');
  });
});

describe('hostile-input corpus', () => {
  it('has a case for every file in tests/fixtures/bad', () => {
    expect(readdirSync(BAD).sort()).toEqual(CASES.flatMap((c) => [c.file, ...(c.with ?? [])]).sort());
  });

  it.each(CASES.filter((c) => c.file !== 'product-300-chars.csv'))('$file -> $code', (c) => {
    const inputs = inputsFor(c);
    const profile = c.template ? applyTemplate(baseProfile, catalogFor(inputs)) : baseProfile;
    const r = convertFiles(inputs, profile);
    const found = r.issues.filter((i) => i.code === c.code && i.file === c.file);
    expect(found.length, `issues were: ${JSON.stringify(r.issues.map((i) => [i.code, i.file, i.row, i.column]))}`).toBeGreaterThan(0);
    const hit = found.find((i) => c.row === undefined || i.row === c.row) ?? found[0]!;
    expect(hit.severity).toBe(c.severity);
    if (c.row !== undefined) expect(hit.row).toBe(c.row);
    if (c.column !== undefined) expect(hit.column?.toLowerCase()).toBe(c.column.toLowerCase());
    expect(hit.message.length).toBeGreaterThan(20);
    const report = r.summary.files.find((f) => f.file === c.file)!;
    expect(report.refused).toBe(!!c.refused);
    expect(report.rowsRead).toBe(report.rowsConverted + report.rowsSetAside + report.rowsBlank);
    // Whatever was written is still a clean, balanced file, and the money reconciles.
    checkIif(r.iif);
    expect(isReconciled(r.summary.reconciliation)).toBe(true);
    // A deposit with an error is never written, not even in part.
    if (c.file.startsWith('deposit-') && c.severity === 'error') expect(r.facts.transactions.filter((t) => t.type === 'DEPOSIT' || t.type === 'GENERAL JOURNAL')).toEqual([]);
  });

  it('a 300-character product name gets a distinct QuickBooks item of at most 31 characters', () => {
    const inputs = inputsFor(CASES.find((c) => c.file === 'product-300-chars.csv')!);
    const profile = applyTemplate(baseProfile, catalogFor(inputs));
    const long = Object.entries(profile.products).find(([k]) => k.length > 200)!;
    expect(long[1].item.length).toBeLessThanOrEqual(31);
    const r = convertFiles(inputs, profile);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    checkIif(r.iif);
    // A name too long in the mapping is a problem shown to the user, never a silent cut.
    const tooLong = structuredClone(profile);
    tooLong.products[long[0]]!.item = long[0];
    const r2 = convertFiles(inputs, tooLong);
    expect(r2.issues.some((i) => i.code === 'name.too-long' && i.severity === 'error')).toBe(true);
    expect(isReconciled(r2.summary.reconciliation)).toBe(true);
  });

  it('hostile names never add a cell or a row, and keep only Windows-1252 text', () => {
    const r = convertFiles(inputsFor(CASES.find((c) => c.file === 'names-hostile.csv')!), baseProfile);
    const text = r.iif;
    checkIif(text);
    for (const line of text.split('\r\n').filter(Boolean)) {
      const cells = line.split('\t');
      for (const cell of cells) expect(cell.replace(/^"|"$/g, '')).not.toMatch(/[";\r\n]/);
    }
    expect(text).toContain('Smith- Sons, \'Quoted\'');
    expect(text).not.toMatch(/[\u0590-\u05ff\u3040-\u9fff\u{1F600}]/u);
  });

  it('a formula-looking value stays plain text in the IIF', () => {
    const r = convertFiles(inputsFor(CASES.find((c) => c.file === 'formula-values.csv')!), baseProfile);
    const text = r.iif;
    checkIif(text);
    expect(text).toContain("=HYPERLINK('http-//evil.example/x'");
    expect(r.issues.some((i) => i.code === 'customer.renamed')).toBe(true);
  });

  it('a 10 MB single field is set aside with a clear message, not a crash', () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const bytes = new TextEncoder().encode(`InvoiceId,PayDate,PayType,PayAmt,PayNote\r\n1001,2024-03-20,Credit Card,90.00,"${huge}"\r\n`);
    const inputs = [...basic().filter((f) => f.name !== 'payments.csv'), { name: 'huge-field.csv', bytes }];
    const r = convertFiles(inputs, baseProfile);
    const hit = r.issues.find((i) => i.code === 'file.too-large-field')!;
    expect(hit).toMatchObject({ file: 'huge-field.csv', row: 2, column: 'PayNote' });
    expect(hit.message.length).toBeLessThan(400);
    checkIif(r.iif);
  });

  it('the command line answers every bad file without crashing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keap2iif-hostile-'));
    const profilePath = join(dir, 'profile.json');
    writeFileSync(profilePath, JSON.stringify(baseProfile));
    for (const c of CASES) {
      const files = inputsFor(c).map((f) => {
        const p = join(dir, f.name);
        writeFileSync(p, f.bytes);
        return p;
      });
      const { code, stderr } = await runInProcess(['convert', '--profile', profilePath, '--out', join(dir, 'out.iif'), ...files]);
      expect(stderr).not.toContain('failed unexpectedly');
      expect([0, 1]).toContain(code);
      if (c.severity === 'error') expect(code).toBe(1);
      checkIif(readFileSync(join(dir, 'out.iif')).toString('latin1'));
    }
  });
});
