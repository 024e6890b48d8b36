/**
 * The reading stage against the floor: `npx tsx tests/bench/read-bench.ts [--orders=100000] [--runs=7]`
 * times papaparse alone (decode each file whole and parse it into array rows, as node-run.ts's
 * parse-only does) and readFiles (pieces, typed columns, merge) on the same bytes in memory,
 * alternating the two, and prints each run, the best and median times, and their ratio.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Papa from 'papaparse';
import { readFiles } from '../../src/core/keap/read-files.ts';
import { bytesSource } from '../../src/core/source.ts';
import { generate } from './generate.ts';

interface Input {
  name: string;
  bytes: Uint8Array;
}

function parseOnly(files: readonly Input[]): number {
  let rows = 0;
  for (const f of files) {
    const text = new TextDecoder().decode(f.bytes);
    rows += Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, quoteChar: '"', escapeChar: '"' }).data.length;
  }
  return rows;
}

function readStage(files: readonly Input[]): number {
  const stage = readFiles(files.map((f) => bytesSource(f.name, f.bytes)), []);
  return stage.files.reduce((n, f) => n + f.report.rowsRead, 0);
}

function time(run: () => number): [number, number] {
  const t0 = performance.now();
  const rows = run();
  return [performance.now() - t0, rows];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main(): Promise<void> {
  const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
  const orders = arg('orders', 100_000);
  const runs = arg('runs', 7);
  const set = await generate(join(import.meta.dirname, 'data'), { orders });
  const files = set.files.map((f) => ({ name: basename(f), bytes: new Uint8Array(readFileSync(f)) }));
  const parse: number[] = [];
  const read: number[] = [];
  for (let k = 0; k < runs; k++) {
    const [p, parsedRows] = time(() => parseOnly(files));
    const [r, readRows] = time(() => readStage(files));
    parse.push(p);
    read.push(r);
    console.log(`run ${k + 1}: parse-only ${p.toFixed(0)} ms (${parsedRows} records), readFiles ${r.toFixed(0)} ms (${readRows} data rows)`);
  }
  const best = Math.min(...read) / Math.min(...parse);
  console.log(`${orders.toLocaleString('en-US')} orders, ${(set.bytes / 2 ** 20).toFixed(1)} MB: parse-only best ${Math.min(...parse).toFixed(0)} ms, median ${median(parse).toFixed(0)} ms; readFiles best ${Math.min(...read).toFixed(0)} ms, median ${median(read).toFixed(0)} ms`);
  console.log(`ratio readFiles / parse-only: best ${best.toFixed(2)}x, median ${(median(read) / median(parse)).toFixed(2)}x; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

void main();
