// The same small payments export saved every way a spreadsheet or Keap leaves it
// (tests/fixtures/encodings/): each must read to the same records, with report labels.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dayOf } from '../../src/core/dates.ts';
import { readOne } from '../support/read.ts';

const DIR = new URL('../fixtures/encodings/', import.meta.url);

const EXPECTED: Record<string, { encoding: string; delimiter: string; fallback?: boolean }> = {
  'utf8.csv': { encoding: 'utf-8', delimiter: 'comma' },
  'utf8-bom.csv': { encoding: 'utf-8-bom', delimiter: 'comma' },
  'windows-1252.csv': { encoding: 'windows-1252', delimiter: 'comma', fallback: true },
  'utf16le-bom.tsv': { encoding: 'utf-16le', delimiter: 'tab' },
  'utf16be-bom.csv': { encoding: 'utf-16be', delimiter: 'comma' },
  'semicolon.csv': { encoding: 'utf-8', delimiter: 'semicolon' },
  'tab.tsv': { encoding: 'utf-8', delimiter: 'tab' },
  'cr-only.csv': { encoding: 'utf-8', delimiter: 'comma' },
  'lf-only.csv': { encoding: 'utf-8', delimiter: 'comma' },
  'excel-sep-line.csv': { encoding: 'windows-1252', delimiter: 'semicolon', fallback: true },
  'trailing-blank-lines.csv': { encoding: 'utf-8', delimiter: 'comma' },
};

describe('encodings, delimiters and line ends', () => {
  it('covers every fixture file', () => {
    expect(readdirSync(DIR).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', (name, exp) => {
    const { file, issues, tables } = readOne(name, new Uint8Array(readFileSync(new URL(name, DIR))));
    expect(file.report.kind).toBe('payments');
    expect(file.report.encoding).toBe(exp.encoding);
    expect(file.report.delimiter).toBe(exp.delimiter);
    expect(issues.some((i) => i.code === 'file.encoding-fallback')).toBe(!!exp.fallback);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    const p = tables.payments;
    const row = (i: number) => ({ invoiceId: p.invoiceId(i), date: p.date(i), payType: p.payType(i), amount: p.amount(i), note: p.note(i) });
    expect(p.count).toBe(2);
    expect(row(0)).toEqual({ invoiceId: '1001', date: dayOf('2024-03-20'), payType: 'Credit Card', amount: 123450, note: "Renée's card, thanks" });
    expect(row(1)).toEqual({ invoiceId: '1002', date: dayOf('2024-04-03'), payType: 'PayPal', amount: -1200, note: 'refund; "chargeback"' });
  });
});
