// The command line on the realistic fixtures: template, then convert with that template.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess as run } from '../support/cli.ts';
import { checkIif } from '../support/iif-check.ts';

const root = new URL('../fixtures/realistic/', import.meta.url).pathname;
const csvs = (dir: string) => readdirSync(join(root, dir)).filter((f) => f.endsWith('.csv')).sort().map((f) => join(root, dir, f));

describe('command line on realistic exports', () => {
  const work = mkdtempSync(join(tmpdir(), 'keap2iif-realistic-'));

  it.each([
    ['api', csvs('api'), 0, 28],
    ['ui', csvs('ui'), 0, 5],
    ['report', [...csvs('api').filter((f) => /contacts|invoices|order-items/.test(f)), ...csvs('report')], 0, 17],
  ] as [string, string[], number, number][])('%s: template then convert with the template', async (name, files, exit, count) => {
    const t = await run(['template', ...files]);
    expect(t.code).toBe(0);
    const profile = join(work, `${name}.json`);
    writeFileSync(profile, t.stdout);
    const out = join(work, `${name}.iif`);
    const reportPath = join(work, `${name}-report.json`);
    const r = await run(['convert', '--profile', profile, '--out', out, '--report', reportPath, ...files]);
    expect(r.code, r.stderr).toBe(exit);
    const facts = checkIif(readFileSync(out).toString('latin1'));
    expect(facts.transactions).toHaveLength(count);
    const rep = JSON.parse(readFileSync(reportPath, 'utf8'));
    expect(rep.totals.reconciled).toBe(true);
    for (const f of rep.files) {
      expect(f.refused).toBe(false);
      expect(f.rowsRead).toBe(f.rowsConverted + f.rowsSetAside + f.rowsBlank);
    }
    for (const p of rep.problems) expect(typeof p.message).toBe('string');
  });

  it('exit 1 when a payment for a deleted invoice has no contact to give it to', async () => {
    const t = await run(['template', ...csvs('api')]);
    const profile = join(work, 'deleted.json');
    writeFileSync(profile, t.stdout);
    const extra = join(work, 'payments-deleted.csv');
    writeFileSync(extra, 'Date,Invoice #,Payment Type,Amount\r\n4/5/2024,1999,Credit Card,$40.00\r\n');
    const reportPath = join(work, 'deleted-report.json');
    const r = await run(['convert', '--profile', profile, '--out', join(work, 'deleted.iif'), '--report', reportPath, ...csvs('api'), extra]);
    expect(r.code).toBe(1);
    const rep = JSON.parse(readFileSync(reportPath, 'utf8'));
    const p = rep.problems.find((x: { code: string; file: string | null }) => x.code === 'payment.no-invoice' && x.file === 'payments-deleted.csv');
    expect(p).toMatchObject({ row: 2, severity: 'error' });
    expect(rep.totals.reconciled).toBe(true);
  });
});
