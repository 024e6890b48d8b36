// A small run of the benchmark (10k orders, Node only) inside the unit tests: checks that it
// completes and that its output balances, not how fast it is (`npm run bench` measures that).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchProfile, generate } from './generate.ts';
import { fullConversion } from './node-run.ts';
import { parseCents } from '../../src/core/money.ts';
import type { InputFile } from '../../src/core/convert-types.ts';
import { convertFiles } from '../../src/core/convert.ts';
import { encodeIif } from '../../src/core/iif/encode.ts';

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
    const files: InputFile[] = set.files.map((f) => ({ name: basename(f), bytes: new Uint8Array(readFileSync(f)) }));
    const { result, iifBytes } = fullConversion(files);
    expect(iifBytes).toBeGreaterThan(0);
    expect(result.summary.transactions).toBeGreaterThan(10_000);
    expect(result.summary.errors).toBe(0);
    const text = Buffer.concat(result.iifParts).toString('latin1');
    // The packed form (the app) writes what the object form (the command line) writes.
    expect(text).toBe(Buffer.from(encodeIif(convertFiles(files, benchProfile()).iifChunks)).toString('latin1'));

    const { blocks, unbalanced } = unbalancedBlocks(text);
    expect(unbalanced).toEqual([]);
    expect(blocks).toBe(result.summary.transactions);

    for (const [kind, line] of Object.entries(result.summary.reconciliation)) {
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
