// `convert --qb-lists`: the QuickBooks list export given to the command line does what loading
// it in the app does (the same profile with its lists, so the same bytes), and the report says
// which names QuickBooks lacks and which contacts were matched to its customers.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/core/convert.ts';
import { readQbListsBytes } from '../../src/core/qb/lists.ts';
import { validateProfile } from '../../src/core/profile/validate.ts';
import { bytesSource } from '../../src/core/source.ts';
import { runInProcess as run } from '../support/cli.ts';

const fixtures = new URL('../fixtures/keap/basic/', import.meta.url).pathname;
const csvs = readdirSync(fixtures).filter((f) => f.endsWith('.csv')).map((f) => join(fixtures, f));

const LISTS = [
  '!ACCNT\tNAME\tACCNTTYPE\tEXTRA',
  'ACCNT\tAccounts Receivable\tAR\t',
  'ACCNT\tUndeposited Funds\tOCASSET\tUNDEPOSIT',
  '!CUST\tNAME\tEMAIL',
  'CUST\t"Doe, Jane"\tjane@example.com',
  'CUST\tJohn Smyth\t',
  '',
].join('\r\n');

describe('convert --qb-lists', async () => {
  const work = mkdtempSync(join(tmpdir(), 'keap2iif-qb-'));
  const profilePath = join(work, 'profile.json');
  writeFileSync(profilePath, (await run(['template', ...csvs])).stdout);
  const listsPath = join(work, 'lists.iif');
  writeFileSync(listsPath, LISTS);
  const out = join(work, 'out.iif');
  const reportPath = join(work, 'report.json');
  const r = await run(['convert', '--profile', profilePath, '--qb-lists', listsPath, '--out', out, '--report', reportPath, ...csvs]);
  const written = readFileSync(out);
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));

  it('writes the same bytes as the app converting with the lists loaded into the profile', () => {
    expect(r.code).toBeLessThan(2);
    const v = validateProfile(JSON.parse(readFileSync(profilePath, 'utf8')));
    if (!v.ok) throw new Error(v.errors.join('; '));
    const { lists } = readQbListsBytes(new Uint8Array(readFileSync(listsPath)), 'lists.iif');
    const inProcess = convert(csvs.map((p) => bytesSource(p.split('/').pop()!, new Uint8Array(readFileSync(p)))), { ...v.profile, qbLists: lists });
    expect(Buffer.concat(inProcess.iifChunks).equals(written)).toBe(true);
  });

  it('writes a contact matched by e-mail under the QuickBooks name, with no new CUST row', () => {
    const text = written.toString('latin1');
    expect(report.customerMatches).toContainEqual(expect.objectContaining({ contactId: '7', status: 'matched', qbName: 'Doe, Jane', by: 'email' }));
    expect(text).not.toMatch(/^CUST\t(Jane Doe|"Doe, Jane")\t/m);
    expect(text).toMatch(/^TRNS\t\tINVOICE\t[^\t]*\tAccounts Receivable\t"Doe, Jane"\t/m);
    expect(text).not.toMatch(/\tJane Doe\t/);
  });

  it('reports every name checked against the lists, and leaves out the accounts QuickBooks has', () => {
    expect(Array.isArray(report.nameChecks)).toBe(true);
    expect(report.nameChecks).toContainEqual(expect.objectContaining({ list: 'account', name: 'Accounts Receivable', status: 'ok' }));
    expect(report.nameChecks.some((c: { status: string }) => c.status === 'missing')).toBe(true);
    expect(written.toString('latin1')).not.toMatch(/^ACCNT\tAccounts Receivable\t/m);
  });

  it('reports what the import does to each account, netting to zero', () => {
    expect(report.accountEffect.total.net).toBe(0);
    expect(report.accountEffect.total.debits).toBeGreaterThan(0);
    expect(report.accountEffect.groups.map((g: { group: string }) => g.group)).toContain('receivable');
  });

  it('refuses a lists file that holds no lists, with exit 2 and no IIF', async () => {
    const empty = join(work, 'empty.iif');
    writeFileSync(empty, 'hello\r\n');
    const bad = await run(['convert', '--profile', profilePath, '--qb-lists', empty, '--out', join(work, 'none.iif'), ...csvs]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('holds no QuickBooks lists');
  });
});
