/**
 * One in-process Node measurement in its own process (so its peak RSS is its own):
 * `tsx tests/bench/node-run.ts <manifest.json> <runs> [--full-only]` prints a JSON line with the
 * parse-only and full-conversion times (each run) and the process's peak RSS. `--full-only`
 * skips the parse-only runs (for a CPU profile of the conversion alone).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import Papa from 'papaparse';
import { convert, type Conversion } from '../../src/core/convert.ts';
import type { Profile } from '../../src/core/profile/types.ts';
import { bytesSource, type ByteSource } from '../../src/core/source.ts';
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

/** The floor: decode and papaparse every file into arrays (no header objects), nothing else. */
export function parseOnly(sources: readonly ByteSource[]): number {
  let rows = 0;
  for (const s of sources) {
    const text = new TextDecoder().decode(s.read(0, s.size));
    rows += Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, quoteChar: '"', escapeChar: '"' }).data.length;
  }
  return rows;
}

/** The full conversion as every caller runs it, with an output that only counts the IIF bytes. */
export function fullConversion(sources: readonly ByteSource[], profile: Profile = benchProfile()): { conversion: Conversion; iifBytes: number } {
  let iifBytes = 0;
  const conversion = convert(sources, profile, { output: (chunk) => (iifBytes += chunk.length) });
  return { conversion, iifBytes };
}

async function main(): Promise<void> {
  const [manifest, runsArg, mode] = process.argv.slice(2);
  const set = JSON.parse(readFileSync(manifest!, 'utf8')) as GeneratedSet;
  const runs = Number(runsArg ?? 1);
  const sources = set.files.map((f) => bytesSource(basename(f), new Uint8Array(readFileSync(f))));
  const out: NodeRun = { parseMs: [], fullMs: [], parseRows: 0, transactions: 0, iifBytes: 0, errors: 0, peakRssBytes: 0, heapLimitBytes: 0 };
  for (let i = 0; mode !== '--full-only' && i < runs; i++) {
    const t0 = performance.now();
    out.parseRows = parseOnly(sources);
    out.parseMs.push(performance.now() - t0);
  }
  const profile = benchProfile();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const { conversion, iifBytes } = fullConversion(sources, profile);
    out.fullMs.push(performance.now() - t0);
    out.transactions = conversion.summary.transactions;
    out.iifBytes = iifBytes;
    out.errors = conversion.summary.errors;
  }
  out.peakRssBytes = process.resourceUsage().maxRSS * 1024;
  const v8 = await import('node:v8');
  out.heapLimitBytes = v8.getHeapStatistics().heap_size_limit;
  process.stdout.write(JSON.stringify(out) + '\n');
}

const isMain = process.argv[1] !== undefined && /node-run\.ts$/.test(process.argv[1]);
if (isMain) void main();
