// A small run of the benchmark (10k orders, Node only) inside the unit tests: checks that it
// completes and that its output balances, not how fast it is (`npm run bench` measures that),
// and that the bench's own reporting (targets table, profile summary) reads its inputs right.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchProfile, generate } from './generate.ts';
import { fullConversion, parseOnly } from './node-run.ts';
import { topEntries } from './profile-summary.ts';
import { targetRows, targetTable, type BenchMeasures } from './targets.ts';
import { parseCents } from '../../src/core/money.ts';
import { convert } from '../../src/core/convert.ts';
import { bytesSource } from '../../src/core/source.ts';

const dir = mkdtempSync(join(tmpdir(), 'keap2iif-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every TRNS..ENDTRNS block's AMOUNT cells, in cents, must add up to zero. */
function unbalancedBlocks(iif: string): { blocks: number; unbalanced: string[] } {
  const amountAt = new Map<string, number>();
  let sum = 0;
  let open = false;
  let blocks = 0;
  const unbalanced: string[] = [];
  for (const line of iif.split('\r\n')) {
    if (line === '') continue;
    const cells = line.split('\t');
    const key = cells[0]!;
    if (key.startsWith('!')) {
      amountAt.set(key.slice(1), cells.indexOf('AMOUNT'));
      continue;
    }
    if (key === 'TRNS') {
      if (open) unbalanced.push(`unterminated block before: ${line.slice(0, 60)}`);
      open = true;
      sum = 0;
    }
    if (key === 'TRNS' || key === 'SPL') {
      const raw = cells[amountAt.get(key)!] ?? '';
      const c = parseCents(raw);
      if (!c.ok) unbalanced.push(`unreadable amount ${JSON.stringify(raw)}`);
      else sum += c.cents;
    }
    if (key === 'ENDTRNS') {
      blocks++;
      if (sum !== 0) unbalanced.push(`block ${blocks} is off by ${sum} cents`);
      open = false;
    }
  }
  return { blocks, unbalanced };
}

describe('bench smoke (10k orders, Node)', () => {
  it('converts the generated exports and the output balances', async () => {
    const set = await generate(dir, { orders: 10_000 });
    expect(set.files.map((f) => basename(f))).toEqual(['contacts.csv', 'order-items.csv', 'invoices.csv', 'payments.csv']);
    const sources = set.files.map((f) => bytesSource(basename(f), new Uint8Array(readFileSync(f))));
    // Per file: the header, the data rows, and the empty "row" papaparse reads after the last CRLF.
    expect(parseOnly(sources)).toBe(set.rows + 2 * sources.length);
    const { conversion, iifBytes } = fullConversion(sources);
    expect(conversion.summary.transactions).toBeGreaterThan(10_000);
    expect(conversion.summary.errors).toBe(0);
    // The bench counts the bytes; the file those bytes make must balance.
    const chunks: Buffer[] = [];
    convert(sources, benchProfile(), { output: (c) => chunks.push(Buffer.from(c)) });
    const text = Buffer.concat(chunks).toString('latin1');
    expect(text.length).toBe(iifBytes);

    const { blocks, unbalanced } = unbalancedBlocks(text);
    expect(unbalanced).toEqual([]);
    expect(blocks).toBe(conversion.summary.transactions);

    for (const [kind, line] of Object.entries(conversion.summary.reconciliation)) {
      expect(line.input, kind).toBe(line.output + line.setAside);
    }
    expect(benchProfile().products['Product 000']).toBeDefined();
  });

  it('generates the same bytes for the same seed', async () => {
    const a = await generate(join(dir, 'a'), { orders: 500, seed: 7, planFiles: true });
    const b = await generate(join(dir, 'b'), { orders: 500, seed: 7, planFiles: true });
    expect(a.files.map((f) => readFileSync(f, 'utf8'))).toEqual(b.files.map((f) => readFileSync(f, 'utf8')));
    expect(a.files).toHaveLength(6);
  });
});

describe('bench reporting', () => {
  it('fills every row of the Targets table: met, not met, failed, or not run', () => {
    const m: BenchMeasures = {
      node: new Map([[100_000, { parseOnlySeconds: 0.5, fullSeconds: 1 }]]),
      cli: new Map([
        [100_000, { seconds: 3, floorSeconds: 1, peakRssBytes: 200e6 }],
        [1_000_000, { seconds: NaN, floorSeconds: 10, peakRssBytes: 0, failed: 'exit 134: out of memory' }],
      ]),
      chromium: new Map([[1_000_000, { parseOnlySeconds: 6, fullSeconds: 18, workerHeapPeakBytes: 700e6, longestTaskMs: 12 }]]),
    };
    const rows = targetRows(m);
    expect(rows.map((r) => [r.measured, r.met])).toEqual([
      ['3.0x (3.00 s vs 1.00 s)', 'no'],
      ['2.0x (1.00 s vs 0.50 s)', 'yes'],
      ['not measured in this run', 'not run'],
      ['3.0x (18.00 s vs 6.00 s)', 'yes'],
      ['700 MB', 'no'],
      ['200 MB', 'yes'],
      ['FAILED: exit 134: out of memory', 'no'],
      ['12 ms', 'yes'],
    ]);
    expect(targetTable(rows).split('\n')).toHaveLength(2 + 8);
  });

  it('sums a CPU profile\'s self time per function, largest first', () => {
    const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)') },
        { id: 2, callFrame: frame('encodeInto', `file://${process.cwd()}/src/core/iif/encode.ts`, 11) },
        { id: 3, callFrame: frame('(garbage collector)') },
        { id: 5, callFrame: frame('transactionText', `file://${process.cwd()}/src/core/iif/write.ts`, 0) },
        { id: 4, callFrame: frame('encodeInto', `file://${process.cwd()}/src/core/iif/encode.ts`, 11) },
      ],
      samples: [2, 3, 4, 2, 5],
      timeDeltas: [1000, 3000, 2000, 4000, 0],
    };
    expect(topEntries(profile, process.cwd())).toEqual([
      { name: 'encodeInto (src/core/iif/encode.ts:12)', selfMs: 7, share: 0.7 },
      { name: '(garbage collector)', selfMs: 3, share: 0.3 },
      { name: 'transactionText (src/core/iif/write.ts)', selfMs: 0, share: 0 },
    ]);
  });
});
