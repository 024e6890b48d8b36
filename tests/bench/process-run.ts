/**
 * Whole-process measurements: the compiled command line converting a generated set, and the
 * floor it is compared with (papaparse-floor.mjs), each in a fresh `node`, timed from spawn to
 * exit, with its peak RSS written at exit by the report-max-rss.mjs preload.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./report-max-rss.mjs', import.meta.url));
const FLOOR = fileURLToPath(new URL('./papaparse-floor.mjs', import.meta.url));
const CLI_BIN = join(ROOT, 'dist-cli', 'bin.js');

export interface ProcessRun {
  seconds: number;
  peakRssBytes: number;
  exitCode: number;
  /** The last lines of stderr, for a failed run. */
  stderrTail: string;
}

/** Where node's --cpu-prof writes the profile. */
export interface CpuProfileTarget {
  dir: string;
  name: string;
}

/** Runs `node <script> <args>` with the RSS preload, optionally under the CPU profiler. */
function timeNodeProcess(script: string, args: readonly string[], cpuProfile?: CpuProfileTarget): Promise<ProcessRun> {
  const tmp = mkdtempSync(join(tmpdir(), 'keap2iif-bench-rss-'));
  const rssFile = join(tmp, 'max-rss');
  const profileFlags = cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfile.dir}`, `--cpu-prof-name=${cpuProfile.name}`] : [];
  const nodeArgs = [...profileFlags, '--import', PRELOAD, script, ...args];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, nodeArgs, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, KEAP2IIF_MAX_RSS_FILE: rssFile } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - t0) / 1000;
      let peakRssBytes = 0;
      try {
        peakRssBytes = Number(readFileSync(rssFile, 'utf8'));
      } catch {
        // killed before its exit handler ran (out of memory): no figure
      }
      rmSync(tmp, { recursive: true, force: true });
      resolve({ seconds, peakRssBytes, exitCode: code ?? (signal ? 128 : -1), stderrTail: stderr.split('\n').slice(-6).join('\n') });
    });
  });
}

/** `keap2iif convert` on the files, writing the IIF to `out`. */
export function runCliConvert(files: readonly string[], profilePath: string, out: string, cpuProfile?: CpuProfileTarget): Promise<ProcessRun> {
  return timeNodeProcess(CLI_BIN, ['convert', '--profile', profilePath, '--out', out, ...files], cpuProfile);
}

/** The floor: a fresh node parsing the files with papaparse `header: true`. */
export function runPapaparseFloor(files: readonly string[]): Promise<ProcessRun> {
  return timeNodeProcess(FLOOR, files);
}
