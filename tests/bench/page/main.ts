/**
 * Bench page: converts the files of its file input through the same ConverterClient and module
 * worker the app uses, and records what the page itself experiences: time to result, long
 * tasks on the main thread (PerformanceObserver 'longtask'), and the page's JS heap.
 */
import { ConverterClient } from '../../../src/worker/client.ts';
import type { Profile } from '../../../src/core/profile/types.ts';
import Papa from 'papaparse';

interface PerfMemory {
  usedJSHeapSize: number;
}

export interface PageRun {
  ms: number;
  transactions: number;
  iifChars: number;
  rowsReported: number;
  bytesReported: number;
  progressMessages: number;
  longestTaskMs: number;
  longTasks: number;
  /** Long tasks that started while the conversion ran (ms). */
  taskDurations: number[];
  pageHeapPeakBytes: number;
  pageHeapAfterBytes: number;
  errors: number;
}

const longTasks: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });

const heap = (): number => (performance as unknown as { memory?: PerfMemory }).memory?.usedJSHeapSize ?? 0;

async function run(profile: Profile, useBlob = true): Promise<PageRun> {
  const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
  const list = [...(input.files ?? [])];
  const files = useBlob
    ? list.map((f) => ({ name: f.name, blob: f as Blob }))
    : await Promise.all(list.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  const client = new ConverterClient();
  let peak = heap();
  const sampler = setInterval(() => (peak = Math.max(peak, heap())), 25);
  let rowsReported = 0;
  let bytesReported = 0;
  let progressMessages = 0;
  const t0 = performance.now();
  const result = await client.convert(files, profile, { forExport: true }, {
    onProgress: (_stage, _fraction, detail) => {
      progressMessages++;
      if (detail?.rows !== undefined) rowsReported = detail.rows;
      if (detail?.bytes !== undefined) bytesReported = detail.bytes;
    },
  });
  const t1 = performance.now();
  // Let the last long task be reported before reading the observer's list.
  await new Promise((r) => setTimeout(r, 100));
  clearInterval(sampler);
  peak = Math.max(peak, heap());
  const during = longTasks.filter((t) => t.start >= t0 - 1 && t.start <= t1 + 1);
  const iifChars = result.iif.size; // one byte per character (Windows-1252)
  const out: PageRun = {
    ms: t1 - t0,
    transactions: result.rows.count,
    iifChars,
    rowsReported,
    bytesReported,
    progressMessages,
    longestTaskMs: during.reduce((m, t) => Math.max(m, t.duration), 0),
    longTasks: during.length,
    taskDurations: during.map((t) => Math.round(t.duration)),
    pageHeapPeakBytes: peak,
    pageHeapAfterBytes: heap(),
    errors: result.summary.errors,
  };
  client.dispose();
  longTasks.length = 0;
  return out;
}

(window as unknown as { keapBench: typeof run }).keapBench = run;
document.getElementById('log')!.textContent = 'ready';

/** The floor in the browser: decode + papaparse each file's bytes, nothing else (on this thread). */
async function parseOnly(): Promise<{ ms: number; rows: number }> {
  const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
  const buffers = await Promise.all([...(input.files ?? [])].map((f) => f.arrayBuffer()));
  const t0 = performance.now();
  let rows = 0;
  for (const b of buffers) {
    const text = new TextDecoder().decode(b);
    rows += Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, quoteChar: '"', escapeChar: '"' }).data.length;
  }
  return { ms: performance.now() - t0, rows };
}
(window as unknown as { keapParseOnly: typeof parseOnly }).keapParseOnly = parseOnly;
