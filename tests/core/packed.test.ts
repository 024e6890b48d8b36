/**
 * Packed conversion (what the worker runs for the app) against the object form (the command
 * line and the golden files): the same bytes, summary, problems and name checks, for every
 * golden case, every hostile input and each kind of selection.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertFiles, convertFilesPacked, inspectFiles, type ConvertOptions, type InputFile } from '../../src/core/convert.ts';
import { encodeIif } from '../../src/core/iif/encode.ts';
import { applyTemplate } from '../../src/core/profile/template.ts';
import { defaultProfile } from '../../src/core/profile/defaults.ts';
import type { Profile } from '../../src/core/profile/types.ts';
import { PackedTransactions } from '../../src/core/ledger/packed.ts';
import type { Transaction } from '../../src/core/ledger/model.ts';
import { goldenCases, goldenInputs } from '../support/golden.ts';

function joined(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function expectSame(files: InputFile[], profile: Profile, options: ConvertOptions = {}): void {
  const whole = convertFiles(files, profile, options);
  const packed = convertFilesPacked(files, profile, options);
  const bytes = joined(packed.iifParts);
  expect(Buffer.from(bytes).toString('latin1')).toBe(Buffer.from(encodeIif(whole.iifChunks)).toString('latin1'));
  expect(packed.summary).toEqual(whole.summary);
  expect(packed.issues).toEqual(whole.issues);
  expect(packed.wantedNames).toEqual(whole.wantedNames);
  expect(packed.excludedTransactions).toBe(whole.excludedTransactions);
  expect(packed.written.length).toBe(whole.ledger.transactions.length);
  // Each written transaction starts where its TRNS row is, and the last offset is the file's end.
  const text = Buffer.from(bytes).toString('latin1');
  packed.written.forEach((i, k) => {
    expect(text.startsWith('TRNS\t', packed.transactionStarts[k])).toBe(true);
    expect(packed.packed.keapIds(i)).toEqual(whole.ledger.transactions[k]?.keapIds);
  });
  expect(packed.transactionStarts[packed.written.length]).toBe(bytes.length);
}

describe('packed conversion writes what the object form writes', () => {
  it.each(goldenCases())('golden case %s', (name) => {
    const { files, profile } = goldenInputs(name);
    expectSame(files, profile);
  });

  it.each(goldenCases())('golden case %s, first 2, one day and history selections', (name) => {
    const { files, profile } = goldenInputs(name);
    const whole = convertFiles(files, profile);
    const first = whole.ledger.transactions[0];
    expectSame(files, profile, { firstN: 2 });
    expectSame(files, profile, { firstN: 0 });
    if (first) {
      expectSame(files, profile, { day: first.date });
      expectSame(files, profile, { alreadyExported: first.keapIds });
      expectSame(files, profile, { alreadyExported: first.keapIds, includeAlreadyExported: true });
    }
  });

  const BASIC = new URL('../fixtures/keap/basic/', import.meta.url);
  const BAD = new URL('../fixtures/bad/', import.meta.url);
  const load = (dir: URL, name: string): InputFile => ({ name, bytes: new Uint8Array(readFileSync(new URL(name, dir))) });
  const basic = () => readdirSync(BASIC).sort().map((n) => load(BASIC, n));

  it.each(readdirSync(BAD).sort())('hostile input %s beside the basic files', (bad) => {
    const files = [...basic(), load(BAD, bad)];
    const profile = applyTemplate(defaultProfile('Packed'), inspectFiles(basic(), defaultProfile()).catalog);
    expectSame(files, profile);
    expectSame(files, applyTemplate(defaultProfile('Packed, all mapped'), inspectFiles(files, defaultProfile()).catalog));
  });

  it('sets aside the same transactions for a name QuickBooks cannot take', () => {
    const profile = applyTemplate(defaultProfile('Bad names'), inspectFiles(basic(), defaultProfile()).catalog);
    profile.accounts.undepositedFunds = 'U'.repeat(40);
    profile.options.fileClass = 'C'.repeat(40);
    const whole = convertFiles(basic(), profile);
    expect(whole.issues.some((i) => i.code === 'name.too-long' || i.code === 'name.invalid')).toBe(true);
    expectSame(basic(), profile);
  });
});

describe('PackedTransactions', () => {
  it('keeps every transaction\'s names, sources and ids as it grows past its first capacities', () => {
    const packed = new PackedTransactions();
    const n = 5000;
    for (let i = 0; i < n; i++) {
      packed.add({
        key: `payment:${i}`, role: 'payment', type: 'PAYMENT', date: '2024-01-01', account: 'Undeposited Funds', name: `Customer ${i}`, amount: 100,
        splits: [{ account: 'Accounts Receivable', name: `Customer ${i}`, amount: -100, payMethod: 'Check' }], sources: [{ file: 'pay.csv', row: i + 2 }], keapIds: [`payment:${i}`],
      } as Transaction);
    }
    for (const i of [0, 1023, 1024, 2048, 2049, 4096, n - 1]) {
      const uses: string[] = [];
      packed.visitUses(i, (use, name) => uses.push(`${use}:${name}`));
      expect(uses).toEqual(['0:Undeposited Funds', `1:Customer ${i}`, '4:Accounts Receivable', `7:Customer ${i}`, '9:Check']);
      expect(packed.sources(i)).toEqual([{ file: 'pay.csv', row: i + 2 }]);
      expect(packed.keapIds(i)).toEqual([`payment:${i}`]);
    }
    expect(packed.sort()).toHaveLength(n);
  });
});
