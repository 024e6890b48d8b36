/**
 * `npm run bench [-- --quick] [-- --no-chromium] [-- --no-node] [-- --no-cli] [-- --sizes=100000,1000000] [-- --profile]`:
 * generates deterministic Keap exports at 10k, 100k and 1M orders (tests/bench/data, git-ignored),
 * then measures in one run
 *   (a) Node in-process: papaparse alone on the same bytes (arrays, the floor) vs `convert` with an
 *       output that counts the IIF bytes, each size in its own process;
 *   (b) whole processes: the compiled command line (`keap2iif convert`, dist-cli/bin.js) vs a fresh
 *       `node` parsing the same files with papaparse `header: true`, with each one's peak RSS;
 *   (c) headless Chromium: the bench page (tests/bench/page, the real ConverterClient and module
 *       worker, built with tests/bench/vite.bench.config.ts) converting the 100k and 1M sets from its
 *       file input, with the longest main-thread task, the page's and the worker's JS heap
 *       and the renderer process's peak RSS.
 * Prints one table of every case (medians), then every row of issue 11's Targets table (measured,
 * target, met), and writes tests/bench/data/last-run.json. `--profile` adds one run per size of the
 * Node conversion and of the command line under `node --cpu-prof`, and prints each .cpuprofile's
 * path and its top functions by self time (those runs are not timed).
 */
import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { benchProfile, generate, type GeneratedSet } from './generate.ts';
import type { NodeRun } from './node-run.ts';
import type { PageRun } from './page/main.ts';
import { requireBrowser } from '../support/browser.ts';
import { runCliConvert, runPapaparseFloor, type CpuProfileTarget, type ProcessRun } from './process-run.ts';
import { summariseProfile } from './profile-summary.ts';
import { targetRows, targetTable, type BenchMeasures } from './targets.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BENCH = join(ROOT, 'tests', 'bench');
const DATA = join(BENCH, 'data');
const DIST = join(DATA, 'dist');
// The shared browser lookup (tests/support/browser.ts): fails at once, before any work, when there is none.
const CHROMIUM = process.argv.includes('--no-chromium') ? '' : requireBrowser().path;
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--enable-precise-memory-info',
];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const withChromium = !args.includes('--no-chromium');
const withNode = !args.includes('--no-node');
const withCli = !args.includes('--no-cli');
const withProfiles = args.includes('--profile');
const PROFILES = join(DATA, 'profiles');
const only = args.find((a) => a.startsWith('--sizes='))?.slice('--sizes='.length).split(',').map(Number);
const SIZES = only ?? (quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]);
const CHROMIUM_SIZES = only ?? (quick ? [100_000] : [100_000, 1_000_000]);
const NODE_RUNS: Record<number, number> = { 10_000: 5, 100_000: 3, 1_000_000: 1 };
/** Whole-process runs of the command line and of its floor, per size. */
const PROCESS_RUNS: Record<number, number> = { 10_000: 3, 100_000: 3, 1_000_000: 1 };
const CHROMIUM_RUNS: Record<number, number> = { 100_000: 2, 1_000_000: 1 };
/**
 * Chromium runs with V8's heap capped at the target (1.5 GB per isolate): a run that needed
 * more would fail with "out of memory" and be reported as such, so a finished run proves its
 * heap stayed under the cap, whatever garbage the sampled heap sizes include.
 */
const CHROMIUM_HEAP_MB: Record<number, number> = { 100_000: 1536, 1_000_000: 1536 };
/** Node's default heap limit (about 4 GB here) is too small to hold a 1M-order conversion. */
const NODE_HEAP_MB: Record<number, number> = { 1_000_000: 12_288 };

const MB = 1e6;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const log = (s: string) => process.stderr.write(s + '\n');

interface Row {
  case: string;
  orders: number;
  inputMB: number;
  rows: number;
  seconds: number;
  mbps: number;
  ratio: number | null;
  peakMemory: string;
  longestTaskMs: number | null;
  runs: number;
  note?: string;
}

// ---- Node ------------------------------------------------------------------------------------

/** The in-process measurement of one size in its own process; under the CPU profiler when `cpuProfile` is given. */
function runNode(set: GeneratedSet, runs: number, cpuProfile?: CpuProfileTarget): Promise<NodeRun> {
  const heap = NODE_HEAP_MB[set.orders];
  const profileFlags = cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfile.dir}`, `--cpu-prof-name=${cpuProfile.name}`] : [];
  const nodeArgs = [
    ...(heap ? [`--max-old-space-size=${heap}`] : []),
    ...profileFlags,
    '--import', 'tsx', join(BENCH, 'node-run.ts'), join(set.dir, 'manifest.json'), String(runs),
    ...(cpuProfile ? ['--full-only'] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`node-run exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1)!) as NodeRun);
    });
  });
}

// ---- Command line (whole process) ------------------------------------------------------------

/** The compiled command line from the current sources (esbuild, under a second). */
function buildCli(): void {
  log('building the command line (npm run build:cli)...');
  execFileSync('npm', ['run', 'build:cli'], { cwd: ROOT, stdio: 'inherit' });
}

/** The bench's mapping profile as a file for `keap2iif convert --profile`. */
function writeBenchProfile(): string {
  const path = join(DATA, 'bench-profile.json');
  writeFileSync(path, JSON.stringify(benchProfile(), null, 2));
  return path;
}

/** A command line run that did not finish with exit 0 or 1 (e.g. killed for memory), as text; null when it did. */
function failureOf(r: ProcessRun): string | null {
  return r.exitCode === 0 || r.exitCode === 1 ? null : `exit ${r.exitCode}: ${r.stderrTail.trim().split('\n').at(-1) ?? ''}`;
}

// ---- Chromium --------------------------------------------------------------------------------

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

function buildPage(): void {
  const index = join(DIST, 'index.html');
  const sources = Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(BENCH, 'page')));
  if (existsSync(index) && statSync(index).mtimeMs > sources) return;
  log('building the bench page (vite build -c tests/bench/vite.bench.config.ts)...');
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '-c', join(BENCH, 'vite.bench.config.ts')], { cwd: ROOT, stdio: 'inherit' });
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const addr = server.address();
    resolve({ server, url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/` });
  }));
}

/** Renderer processes started (indirectly) by this process, with their resident memory. */
function rendererRss(): number {
  const parent = new Map<number, number>();
  const renderers: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(name), ppid);
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('--type=renderer')) renderers.push(Number(name));
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0;
  for (const pid of renderers) {
    let p: number | undefined = pid;
    let ours = false;
    for (let i = 0; i < 10 && p && p > 1; i++) {
      if (p === process.pid) ours = true;
      p = parent.get(p);
    }
    if (!ours) continue;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      // gone
    }
  }
  return total;
}

/**
 * Samples the module worker's JS heap through CDP (non-flattened target sessions, so it works
 * from a page-level session). Returns a getter for the peak; 0 when the browser refuses.
 */
async function watchWorkerHeap(cdp: CDPSession): Promise<{ peak: () => number; stop: () => void }> {
  let peak = 0;
  const sessions = new Set<string>();
  let msgId = 1;
  cdp.on('Target.attachedToTarget', (e: { sessionId: string; targetInfo: { type: string } }) => {
    if (e.targetInfo.type === 'worker') sessions.add(e.sessionId);
  });
  cdp.on('Target.detachedFromTarget', (e: { sessionId: string }) => sessions.delete(e.sessionId));
  cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
    try {
      const m = JSON.parse(e.message) as { result?: { usedSize?: number } };
      if (m.result?.usedSize) peak = Math.max(peak, m.result.usedSize);
    } catch {
      // not ours
    }
  });
  try {
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  } catch (e) {
    log(`  (worker heap not available: ${(e as Error).message})`);
  }
  const timer = setInterval(() => {
    for (const sessionId of sessions) {
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: msgId++, method: 'Runtime.getHeapUsage' }) }).catch(() => {});
    }
  }, 100);
  return { peak: () => peak, stop: () => clearInterval(timer) };
}

interface ChromiumRun extends PageRun {
  workerHeapPeakBytes: number;
  rendererRssPeakBytes: number;
  parseOnlyMs: number;
}

async function runChromium(url: string, set: GeneratedSet, version: { v: string }): Promise<ChromiumRun> {
  const heap = CHROMIUM_HEAP_MB[set.orders];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...(heap ? [`--js-flags=--max-old-space-size=${heap}`] : [])], headless: true, timeout: 60_000 });
  version.v = browser.version();
  try {
    const page: Page = await browser.newPage();
    page.on('pageerror', (e) => log(`  page error: ${e.message}`));
    await page.goto(url);
    await page.waitForFunction(() => document.getElementById('log')?.textContent === 'ready');
    await page.locator('input[type=file]').setInputFiles(set.files);
    const parse = await page.evaluate(() => (window as unknown as { keapParseOnly: () => Promise<{ ms: number }> }).keapParseOnly());
    // Start the conversion from a fresh page so the parse-only garbage does not count.
    await page.reload();
    await page.waitForFunction(() => document.getElementById('log')?.textContent === 'ready');
    await page.locator('input[type=file]').setInputFiles(set.files);
    const cdp = await page.context().newCDPSession(page);
    const worker = await watchWorkerHeap(cdp);
    let rss = 0;
    const rssTimer = setInterval(() => (rss = Math.max(rss, rendererRss())), 100);
    const profile = benchProfile();
    const run = await page.evaluate((p) => (window as unknown as { keapBench: (p: unknown) => Promise<PageRun> }).keapBench(p), profile as unknown);
    clearInterval(rssTimer);
    worker.stop();
    return { ...run, workerHeapPeakBytes: worker.peak(), rendererRssPeakBytes: rss, parseOnlyMs: parse.ms };
  } finally {
    await browser.close();
  }
}

// ---- main ------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = Date.now();
  const sets = new Map<number, GeneratedSet>();
  for (const n of SIZES) {
    const t0 = performance.now();
    const set = await generate(DATA, { orders: n });
    sets.set(n, set);
    log(`data: ${n.toLocaleString('en-US')} orders -> ${fmt(set.bytes / MB)} MB, ${set.rows.toLocaleString('en-US')} rows (${fmt((performance.now() - t0) / 1000, 2)} s)`);
  }

  const rows: Row[] = [];
  const raw: Record<string, unknown> = {};
  const measures: BenchMeasures = { node: new Map(), cli: new Map(), chromium: new Map() };
  const profiles: { what: string; path: string }[] = [];
  if (withProfiles) mkdirSync(PROFILES, { recursive: true });
  const profileTarget = (name: string): CpuProfileTarget => {
    const target = { dir: PROFILES, name: `${name}.cpuprofile` };
    profiles.push({ what: name, path: join(target.dir, target.name) });
    return target;
  };

  for (const n of withNode ? SIZES : []) {
    const set = sets.get(n)!;
    const runs = NODE_RUNS[n] ?? 1;
    log(`node: ${n.toLocaleString('en-US')} orders, ${runs} run(s)...`);
    const r = await runNode(set, runs);
    raw[`node-${n}`] = r;
    log(`  parse-only ${fmt(median(r.parseMs) / 1000, 2)} s, full ${fmt(median(r.fullMs) / 1000, 2)} s, peak RSS ${fmt(r.peakRssBytes / MB, 0)} MB`);
    const parse = median(r.parseMs) / 1000;
    const full = median(r.fullMs) / 1000;
    measures.node.set(n, { parseOnlySeconds: parse, fullSeconds: full });
    const inputMB = set.bytes / MB;
    const heapNote = NODE_HEAP_MB[n] ? `, --max-old-space-size=${NODE_HEAP_MB[n]}` : '';
    rows.push({ case: 'node parse-only (arrays)', orders: n, inputMB, rows: set.rows, seconds: parse, mbps: inputMB / parse, ratio: null, peakMemory: '', longestTaskMs: null, runs });
    rows.push({ case: 'node full (convert)', orders: n, inputMB, rows: set.rows, seconds: full, mbps: inputMB / full, ratio: full / parse, peakMemory: `${fmt(r.peakRssBytes / MB, 0)} MB RSS (whole process, input bytes included)${heapNote}`, longestTaskMs: null, runs, note: `${r.transactions} txns, ${r.errors} errors, IIF ${fmt(r.iifBytes / MB)} MB` });
    if (withProfiles) {
      log('  profiling the conversion (one run, not timed)...');
      await runNode(set, 1, profileTarget(`node-${n}`));
    }
  }

  if (withCli) {
    buildCli();
    const profilePath = writeBenchProfile();
    for (const n of SIZES) {
      const set = sets.get(n)!;
      const runs = PROCESS_RUNS[n] ?? 1;
      const out = join(set.dir, 'bench-out.iif');
      const inputMB = set.bytes / MB;
      log(`command line: ${n.toLocaleString('en-US')} orders, ${runs} run(s) each of keap2iif convert and of a node parsing with papaparse header: true...`);
      const floors: ProcessRun[] = [];
      const clis: ProcessRun[] = [];
      let failed: string | null = null;
      for (let i = 0; i < runs && failed === null; i++) {
        floors.push(await runPapaparseFloor(set.files));
        const r = await runCliConvert(set.files, profilePath, out);
        failed = failureOf(r);
        clis.push(r);
      }
      rmSync(out, { force: true });
      raw[`cli-${n}`] = { floors, clis };
      const floor = median(floors.map((r) => r.seconds));
      rows.push({ case: 'process: node + papaparse header: true', orders: n, inputMB, rows: set.rows, seconds: floor, mbps: inputMB / floor, ratio: null, peakMemory: `${fmt(Math.max(...floors.map((r) => r.peakRssBytes)) / MB, 0)} MB RSS`, longestTaskMs: null, runs: floors.length });
      if (failed !== null) {
        log(`  FAILED: ${failed}`);
        measures.cli.set(n, { seconds: NaN, floorSeconds: floor, peakRssBytes: 0, failed });
        rows.push({ case: 'process: keap2iif convert', orders: n, inputMB, rows: set.rows, seconds: NaN, mbps: NaN, ratio: null, peakMemory: `FAILED: ${failed}`, longestTaskMs: null, runs: clis.length });
        continue;
      }
      const seconds = median(clis.map((r) => r.seconds));
      const peakRssBytes = Math.max(...clis.map((r) => r.peakRssBytes));
      log(`  floor ${fmt(floor, 2)} s, keap2iif ${fmt(seconds, 2)} s, peak RSS ${fmt(peakRssBytes / MB, 0)} MB`);
      measures.cli.set(n, { seconds, floorSeconds: floor, peakRssBytes });
      rows.push({ case: 'process: keap2iif convert', orders: n, inputMB, rows: set.rows, seconds, mbps: inputMB / seconds, ratio: seconds / floor, peakMemory: `${fmt(peakRssBytes / MB, 0)} MB RSS`, longestTaskMs: null, runs: clis.length });
      if (withProfiles) {
        log('  profiling the command line (one run, not timed)...');
        await runCliConvert(set.files, profilePath, out, profileTarget(`cli-${n}`));
        rmSync(out, { force: true });
      }
    }
  }

  let chromiumVersion = '';
  if (withChromium) {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
    buildPage();
    const { server, url } = await serve(DIST);
    try {
      for (const n of CHROMIUM_SIZES) {
        const set = sets.get(n) ?? (await generate(DATA, { orders: n }));
        const runs = CHROMIUM_RUNS[n] ?? 1;
        const results: ChromiumRun[] = [];
        for (let i = 0; i < runs; i++) {
          log(`chromium: ${n.toLocaleString('en-US')} orders, run ${i + 1}/${runs}...`);
          const version = { v: '' };
          let r: ChromiumRun;
          try {
            r = await runChromium(url, set, version);
          } catch (e) {
            // A crashed renderer (out of memory) is a result too: record it and go on.
            const message = (e as Error).message.split('\n')[0]!;
            log(`  FAILED: ${message}`);
            rows.push({ case: 'chromium worker full', orders: n, inputMB: set.bytes / MB, rows: set.rows, seconds: NaN, mbps: NaN, ratio: null, peakMemory: `FAILED: ${message}`, longestTaskMs: null, runs: 1 });
            measures.chromium.set(n, { parseOnlySeconds: NaN, fullSeconds: NaN, workerHeapPeakBytes: NaN, longestTaskMs: NaN, failed: message });
            break;
          }
          chromiumVersion = version.v;
          log(`  ${fmt(r.ms / 1000, 2)} s, parse-only ${fmt(r.parseOnlyMs / 1000, 2)} s, longest task ${fmt(r.longestTaskMs, 0)} ms (${r.longTasks} long tasks: ${r.taskDurations.slice(0, 12).join(', ')}), page heap ${fmt(r.pageHeapPeakBytes / MB, 0)} MB, worker heap ${fmt(r.workerHeapPeakBytes / MB, 0)} MB, renderer RSS ${fmt(r.rendererRssPeakBytes / MB, 0)} MB`);
          results.push(r);
        }
        raw[`chromium-${n}`] = results;
        if (results.length === 0) continue;
        const secs = median(results.map((r) => r.ms)) / 1000;
        const parse = median(results.map((r) => r.parseOnlyMs)) / 1000;
        const inputMB = set.bytes / MB;
        const maxOf = (f: (r: ChromiumRun) => number) => Math.max(...results.map(f));
        if (!measures.chromium.get(n)?.failed) {
          measures.chromium.set(n, { parseOnlySeconds: parse, fullSeconds: secs, workerHeapPeakBytes: maxOf((r) => r.workerHeapPeakBytes), longestTaskMs: maxOf((r) => r.longestTaskMs) });
        }
        rows.push({ case: 'chromium parse-only (page)', orders: n, inputMB, rows: set.rows, seconds: parse, mbps: inputMB / parse, ratio: null, peakMemory: '', longestTaskMs: null, runs });
        rows.push({
          case: 'chromium worker full',
          orders: n,
          inputMB,
          rows: set.rows,
          seconds: secs,
          mbps: inputMB / secs,
          ratio: secs / parse,
          peakMemory: `${CHROMIUM_HEAP_MB[n] ? `(--js-flags=--max-old-space-size=${CHROMIUM_HEAP_MB[n]}) ` : ''}worker heap ${fmt(maxOf((r) => r.workerHeapPeakBytes) / MB, 0)} MB, page heap ${fmt(maxOf((r) => r.pageHeapPeakBytes) / MB, 0)} MB, renderer RSS ${fmt(maxOf((r) => r.rendererRssPeakBytes) / MB, 0)} MB`,
          longestTaskMs: maxOf((r) => r.longestTaskMs),
          runs,
          note: `${results[0]!.transactions} txns; progress: ${results[0]!.progressMessages} messages, ${results[0]!.rowsReported} rows, ${fmt(results[0]!.bytesReported / MB)} MB reported`,
        });
      }
    } finally {
      server.close();
    }
  }

  const header = ['case', 'orders', 'input MB', 'rows', 'seconds', 'MB/s', 'ratio to its floor', 'peak memory', 'longest main-thread task', 'runs'];
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.case} | ${r.orders.toLocaleString('en-US')} | ${fmt(r.inputMB)} | ${r.rows.toLocaleString('en-US')} | ${fmt(r.seconds, 2)} | ${fmt(r.mbps)} | ${r.ratio === null ? '' : `${fmt(r.ratio, 1)}x`} | ${r.peakMemory} | ${r.longestTaskMs === null ? '' : `${fmt(r.longestTaskMs, 0)} ms`} | ${r.runs} |`),
  ];
  const machine = `${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${fmt(totalmem() / 2 ** 30, 1)} GiB, node ${process.version}${chromiumVersion ? `, Chromium ${chromiumVersion}` : ''}`;
  const targets = targetRows(measures);
  process.stdout.write(`\n${new Date().toISOString().slice(0, 10)}, ${machine}\n\n${lines.join('\n')}\n\n`);
  for (const r of rows) if (r.note) process.stdout.write(`- ${r.case} ${r.orders.toLocaleString('en-US')}: ${r.note}\n`);
  process.stdout.write(`\nTargets (issue 11):\n\n${targetTable(targets)}\n`);
  for (const p of profiles) {
    process.stdout.write(`\nCPU profile, ${p.what}: ${p.path}\n`);
    for (const e of summariseProfile(p.path, ROOT)) process.stdout.write(`  ${fmt(e.selfMs, 0).padStart(8)} ms ${fmt(e.share * 100, 1).padStart(5)} %  ${e.name}\n`);
  }
  process.stdout.write(`\ntotal bench time ${fmt((Date.now() - started) / 1000, 0)} s\n`);
  writeFileSync(join(DATA, 'last-run.json'), JSON.stringify({ date: new Date().toISOString(), machine, rows, targets, profiles, raw }, null, 2));
}

main().catch((e: unknown) => {
  log(`bench failed: ${(e as Error).stack ?? String(e)}`);
  process.exitCode = 1;
});
