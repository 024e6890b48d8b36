/**
 * One Node measurement in its own process (so peak RSS belongs to it alone):
 * `tsx tests/bench/node-run.ts <manifest.json> <runs>` prints a JSON line with the parse-only and
 * full-conversion times (each run) and the process's peak RSS.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import Papa from 'papaparse';
import { convertFilesPacked } from '../../src/core/convert.ts';
import type { InputFile } from '../../src/core/convert-types.ts';
import { benchProfile, type GeneratedSet } from './generate.ts';

export interface NodeRun {
  parseMs: number[];
  fullMs: number[];
  parseRows: number;
  transactions: number;
  iifBytes: number;
  errors: number;
  peakRssBytes: number;
  heapLimitBytes: number;
}

/** The floor: decode and papaparse every file, nothing else. */
export function parseOnly(files: readonly InputFile[]): number {
  let rows = 0;
  for (const f of files) {
    const text = new TextDecoder().decode(f.bytes);
    rows += Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, quoteChar: '"', escapeChar: '"' }).data.length;
  }
  return rows;
}

/** The full pipeline as the app's worker runs it: packed transactions, IIF bytes in parts. */
export function fullConversion(files: readonly InputFile[]) {
  const result = convertFilesPacked(files, benchProfile());
  let iifBytes = 0;
  for (const p of result.iifParts) iifBytes += p.length;
  return { result, iifBytes };
}

async function main(): Promise<void> {
  const [manifest, runsArg] = process.argv.slice(2);
  const set = JSON.parse(readFileSync(manifest!, 'utf8')) as GeneratedSet;
  const runs = Number(runsArg ?? 1);
  const files: InputFile[] = set.files.map((f) => ({ name: basename(f), bytes: new Uint8Array(readFileSync(f)) }));
  const out: NodeRun = { parseMs: [], fullMs: [], parseRows: 0, transactions: 0, iifBytes: 0, errors: 0, peakRssBytes: 0, heapLimitBytes: 0 };
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    out.parseRows = parseOnly(files);
    out.parseMs.push(performance.now() - t0);
  }
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const { result, iifBytes } = fullConversion(files);
    out.fullMs.push(performance.now() - t0);
    out.transactions = result.summary.transactions;
    out.iifBytes = iifBytes;
    out.errors = result.summary.errors;
  }
  out.peakRssBytes = process.resourceUsage().maxRSS * 1024;
  const v8 = await import('node:v8');
  out.heapLimitBytes = v8.getHeapStatistics().heap_size_limit;
  process.stdout.write(JSON.stringify(out) + '\n');
}

const isMain = process.argv[1] !== undefined && /node-run\.ts$/.test(process.argv[1]);
if (isMain) void main();
