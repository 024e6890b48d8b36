import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseIifAmount, readIif, readIifBytes, splitIifLine, splitIifLines } from '../../src/core/iif/read.ts';

const fixtureDir = new URL('../fixtures/iif/', import.meta.url);
const fixtureBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, fixtureDir)));
const allIif = readdirSync(fileURLToPath(fixtureDir)).filter((f) => f.toLowerCase().endsWith('.iif')).sort();

describe('splitIifLine', () => {
  it.each([
    ['plain cells', 'ACCNT\tChecking\tBANK', ['ACCNT', 'Checking', 'BANK']],
    ['quoted value with a comma', 'CUST\t"Andres, Cristina"\tN', ['CUST', 'Andres, Cristina', 'N']],
    ['quoted money', 'ACCNT\t"99,250.02"', ['ACCNT', '99,250.02']],
    ['raw tab inside quotes stays in the value', 'EMP\t"Job Title\t\t: Current, x"\tShane', ['EMP', 'Job Title\t\t: Current, x', 'Shane']],
    ['doubled quote becomes one', 'TRNS\t"Beans"" Symposium"\tLinda', ['TRNS', 'Beans" Symposium', 'Linda']],
    ['doubled quote at the end of a value', 'X\t"abc"""\ty', ['X', 'abc"', 'y']],
    ['empty quoted value', 'SPL\t""\t749.50', ['SPL', '', '749.50']],
    ['stray quote inside a quoted value is kept', 'SPL\t"Smith, Tammy " M (PP)"', ['SPL', 'Smith, Tammy " M (PP)']],
    ['quoted value at the end of the line', 'A\t"x, y"', ['A', 'x, y']],
    ['quote in the middle of a plain cell is literal', 'A\tsay "hi"\tb', ['A', 'say "hi"', 'b']],
    ['trailing empty cells are kept', 'ENDTRNS\t\t\t', ['ENDTRNS', '', '', '']],
    ['backslash n stays two characters', 'INVITEM\tFee \\n(free)', ['INVITEM', 'Fee \\n(free)']],
    ['unclosed quote is read as plain text', 'A\t"open\tb', ['A', '"open', 'b']],
    ['empty line', '', ['']],
  ])('%s', (_label, line, expected) => {
    expect(splitIifLine(line).cells).toEqual(expected);
  });

  it('flags an unclosed quote', () => {
    expect(splitIifLine('A\t"open\tb').unclosedQuote).toBe(true);
    expect(splitIifLine('A\t"closed"\tb').unclosedQuote).toBe(false);
  });
});

describe('splitIifLines', () => {
  it.each([
    ['CRLF', 'a\r\nb\r\nc'],
    ['LF', 'a\nb\nc'],
    ['CR only', 'a\rb\rc'],
    ['mixed', 'a\r\nb\rc'],
  ])('%s', (_label, text) => {
    expect(splitIifLines(text)).toEqual(['a', 'b', 'c']);
  });
});

const SMALL = [
  '!ACCNT\tNAME\tACCNTTYPE\tEXTRA',
  'ACCNT\tUndeposited Funds\tOCASSET\tUNDEPOSIT',
  'ACCNT\t"Sales, Online"\tINC\t\t\t\t',
  '',
  '!TRNS\tTRNSID\tTRNSTYPE\tDATE\tACCNT\tAMOUNT',
  '!SPL\tSPLID\tTRNSTYPE\tDATE\tACCNT\tAMOUNT',
  '!ENDTRNS',
  'TRNS\t\tPAYMENT\t03/20/2024\tUndeposited Funds\t"1,103.35"',
  'SPL\t\tPAYMENT\t03/20/2024\tAccounts Receivable\t-1103.35',
  'ENDTRNS',
];

describe('readIif', () => {
  it('keys values by the latest header and groups transactions', () => {
    const doc = readIif(SMALL.join('\r\n'));
    expect(doc.issues).toEqual([]);
    expect(doc.rows.map((r) => [r.keyword, r.line])).toEqual([
      ['ACCNT', 2],
      ['ACCNT', 3],
      ['TRNS', 8],
      ['SPL', 9],
    ]);
    expect(doc.rows[1]!.values).toEqual({ NAME: 'Sales, Online', ACCNTTYPE: 'INC', EXTRA: '' });
    expect(doc.transactions).toHaveLength(1);
    const t = doc.transactions[0]!;
    expect(t.line).toBe(8);
    expect(t.endLine).toBe(10);
    expect(t.trns.values.AMOUNT).toBe('1,103.35');
    expect(t.spl.map((s) => s.values.ACCNT)).toEqual(['Accounts Receivable']);
  });

  it('gives the same result for CRLF, LF and CR-only text', () => {
    const crlf = readIif(SMALL.join('\r\n'));
    expect(readIif(SMALL.join('\n'))).toEqual(crlf);
    expect(readIif(SMALL.join('\r'))).toEqual(crlf);
    expect(readIif(`${SMALL.join('\r\n')}\r\n`)).toEqual(crlf);
  });

  it('switches the column map at every header of the same keyword', () => {
    const doc = readIif(
      ['!INVITEM\tNAME\tINVITEMTYPE\tACCNT', 'INVITEM\tWidget\tPART\tSales', '!INVITEM\tNAME\tDESC\tINVITEMTYPE', 'INVITEM\tKit\tA kit\tGRP'].join('\n'),
    );
    expect(doc.rows.map((r) => r.values)).toEqual([
      { NAME: 'Widget', INVITEMTYPE: 'PART', ACCNT: 'Sales' },
      { NAME: 'Kit', DESC: 'A kit', INVITEMTYPE: 'GRP' },
    ]);
    expect(doc.rows.map((r) => r.headerLine)).toEqual([1, 3]);
  });

  it('keeps the first of repeated column names and skips unnamed padding columns', () => {
    const doc = readIif('!X\tQNTY\tQNTY\t\tPRICE\nX\t10\t250\tpad\t50');
    expect(doc.rows[0]!.values).toEqual({ QNTY: '10', PRICE: '50' });
    expect(doc.rows[0]!.cells).toEqual(['10', '250', 'pad', '50']);
  });

  it('skips END* marker rows but records them', () => {
    const doc = readIif(['!INVITEM\tNAME\tINVITEMTYPE', '!ENDGRP', 'INVITEM\tG\tGRP', 'ENDGRP', 'ENDTAX', 'ENDCUSTITEMDICT'].join('\n'));
    expect(doc.rows.map((r) => r.keyword)).toEqual(['INVITEM']);
    expect(doc.markers).toEqual([
      { keyword: 'ENDGRP', line: 4 },
      { keyword: 'ENDTAX', line: 5 },
      { keyword: 'ENDCUSTITEMDICT', line: 6 },
    ]);
    expect(doc.issues).toEqual([]);
  });

  it('tolerates blank lines and rows of padding tabs', () => {
    const doc = readIif('\n\n!CLASS\tNAME\n\t\t\n\nCLASS\tDesign\n\n');
    expect(doc.rows.map((r) => [r.values.NAME, r.line])).toEqual([['Design', 6]]);
    expect(doc.issues).toEqual([]);
  });

  it('reports structure problems as issues with line numbers', () => {
    const text = [
      'CUST\tNo header',
      'CUST\tStill no header',
      '!TRNS\tTRNSTYPE\tAMOUNT',
      '!SPL\tTRNSTYPE\tAMOUNT',
      'SPL\tCHECK\t5',
      'TRNS\tCHECK\t-5',
      'SPL\tCHECK\t5',
      'TRNS\tCHECK\t-7\textra',
      'SPL\tCHECK\t7',
      'ENDTRNS',
      'ENDTRNS',
      'TRNS\tCHECK\t-1',
    ].join('\n');
    const doc = readIif(text, 'odd.iif');
    expect(doc.issues.map((i) => [i.row, i.code])).toEqual([
      [1, 'iif.no-header'],
      [5, 'iif.spl-outside-transaction'],
      [6, 'iif.no-endtrns'], // reported when the next TRNS starts
      [8, 'iif.extra-values'],
      [11, 'iif.endtrns-without-trns'],
      [12, 'iif.no-endtrns'], // at the end of the file
    ]);
    expect(doc.issues.every((i) => i.file === 'odd.iif')).toBe(true);
    expect(doc.transactions.map((t) => [t.line, t.spl.length, t.endLine])).toEqual([
      [6, 1, undefined],
      [8, 1, 10],
      [12, 0, undefined],
    ]);
    // Rows without a header are still kept, with their raw cells.
    expect(doc.rows[0]!.cells).toEqual(['No header']);
    expect(doc.rows[0]!.values).toEqual({});
  });

  it.each([
    ['iif.unclosed-quote', '!CUST\tNAME\nCUST\t"Open, Ann\n'],
    ['iif.no-keyword', '!CUST\tNAME\n\tAnn\n'],
    ['iif.no-header', 'CUST\tAnn\n'],
    ['iif.extra-values', '!CUST\tNAME\nCUST\tAnn\textra\n'],
    ['iif.no-endtrns', '!TRNS\tAMOUNT\nTRNS\t1\n'],
    ['iif.spl-outside-transaction', '!SPL\tAMOUNT\nSPL\t1\n'],
    ['iif.endtrns-without-trns', 'ENDTRNS\n'],
    ['iif.empty', ' \n'],
  ])('reports %s with a code of the IIF reader\'s own', (code, text) => {
    expect(readIif(text, 'x.iif').issues.map((i) => i.code)).toEqual([code]);
  });

  it('reports an empty file and strips a BOM', () => {
    expect(readIif('').issues.map((i) => i.code)).toEqual(['iif.empty']);
    expect(readIif('\r\n\t\r\n').issues.map((i) => i.code)).toEqual(['iif.empty']);
    expect(readIif('\ufeff!CLASS\tNAME\nCLASS\tA').rows[0]!.values.NAME).toBe('A');
  });

  it('does not throw on arbitrary junk', () => {
    for (const junk of ['"', '\t\t"', '!', '!\t', 'TRNS', 'SPL\t"a""', '\u0000\u0001', '"\t"\t"', 'ENDTRNS\r\r\rTRNS']) {
      expect(() => readIif(junk)).not.toThrow();
    }
  });

  it('never throws and keeps every line accounted for (property)', () => {
    const unit = fc.constantFrom('\t', '"', '\r', '\n', '!', 'TRNS', 'SPL', 'ENDTRNS', 'ENDGRP', 'A', ' ', ',', '\\n', 'é');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), (s) => {
        const doc = readIif(s);
        for (const r of doc.rows) expect(r.line).toBeGreaterThan(0);
        for (const i of doc.issues) expect(i.code).toMatch(/^iif\./);
        const txnRows = doc.transactions.reduce((n, t) => n + 1 + t.spl.length, 0);
        expect(txnRows).toBeLessThanOrEqual(doc.rows.length);
      }),
      { numRuns: 500 },
    );
  });
});

describe('readIifBytes', () => {
  it('decodes Windows-1252 (curly quotes) and reads the CSV-style doubled quote', () => {
    const doc = readIifBytes(fixtureBytes('iif-parser_windows-1252.iif'));
    const memos = doc.transactions.map((t) => t.trns.values.MEMO);
    expect(memos[2]).toBe('1 Ticket for \u201cACME \u2018School\u2019 Beans" Symposium | ');
  });

  it('refuses binary data', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(readIifBytes(png, 'x.png').issues.map((i) => [i.code, i.severity])).toEqual([['iif.binary', 'error']]);
  });

  it.each(allIif)('reads %s without throwing or structure issues', (name) => {
    const doc = readIifBytes(fixtureBytes(name), name);
    expect(doc.rows.length).toBeGreaterThan(0);
    expect(doc.issues).toEqual([]);
  });
});

describe('parseIifAmount', () => {
  it.each([
    ['103.35', 10335],
    ['-53.5', -5350],
    ['-75', -7500],
    ['10000', 1000000],
    ['"1,899.98"', 189998],
    ['"-151,970.07"', -15197007],
    ['3,999.50', 399950],
    [' 12.00 ', 1200],
    ['0', 0],
  ])('%s -> %i cents', (raw, cents) => {
    expect(parseIifAmount(raw)).toBe(cents);
  });

  it.each(['', '  ', '7.50%', 'abc', '1.234', '12,5', '""'])('%j is not money', (raw) => {
    expect(parseIifAmount(raw)).toBeNull();
  });
});

describe('sample transactions balance', () => {
  const balanced = allIif.filter((f) => f !== 'qb-list-export_all-lists.iif' && f !== 'iif-parser_memo-quotes.iif');

  it.each(balanced)('every transaction in %s sums to zero', (name) => {
    const doc = readIifBytes(fixtureBytes(name), name);
    expect(doc.transactions.length).toBeGreaterThan(0);
    for (const t of doc.transactions) {
      const amounts = [t.trns, ...t.spl].map((r) => parseIifAmount(r.values.AMOUNT ?? ''));
      expect(amounts.every((a) => a !== null), `line ${t.line}`).toBe(true);
      expect(amounts.reduce<number>((s, a) => s + (a ?? 0), 0), `line ${t.line}`).toBe(0);
      expect(t.endLine).toBeDefined();
    }
  });

  it('the kit and worked examples hold the expected transaction counts', () => {
    const count = (name: string): number => readIifBytes(fixtureBytes(name)).transactions.length;
    expect(allIif.filter((f) => f.startsWith('intuit-kit_')).map(count)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(['ex1-invoice.iif', 'ex2-payment.iif', 'ex3-credit-memo.iif', 'ex4-refund-check.iif'].map(count)).toEqual([1, 1, 1, 1]);
    expect(count('stripe-export_basic.iif')).toBe(8);
  });

  it('the payroll file with a blank TRNS amount does not balance (a real-world malformed file)', () => {
    const doc = readIifBytes(fixtureBytes('iif-parser_memo-quotes.iif'));
    expect(doc.transactions).toHaveLength(1);
    expect(parseIifAmount(doc.transactions[0]!.trns.values.AMOUNT ?? '')).toBeNull();
    expect(doc.transactions[0]!.spl.map((s) => s.values.MEMO)[2]).toBe('Smith, Tammy " M (PP: 05/20/2015 to 05/26/2015)');
  });
});
