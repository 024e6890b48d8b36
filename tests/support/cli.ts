/**
 * Running the command line in tests: in-process through runCli with a recording io, or as the
 * compiled executable (dist-cli/bin.js, built by `npm run build:cli`) in its own process.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/main.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'dist-cli', 'bin.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface InProcessOptions {
  /** Pretend stderr is a terminal (progress line and notes shown). */
  terminal?: boolean;
  /** The user's folder for relative paths (default: this process's). */
  cwd?: string;
  /** The clock the progress line is throttled by. */
  now?: () => number;
}

/** runCli with stdout and stderr recorded. */
export async function runInProcess(args: string[], options: InProcessOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    stderrIsTerminal: options.terminal ?? false,
    terminalColumns: 100,
    cwd: options.cwd ?? process.cwd(),
    now: options.now ?? (() => performance.now()),
  });
  return { code, stdout, stderr };
}

/** Builds dist-cli/ from the current sources (esbuild: well under a second). */
export function buildCliBin(): void {
  execFileSync('npm', ['run', 'build:cli'], { cwd: ROOT, stdio: 'pipe' });
}

/** Runs the compiled executable with piped (non-terminal) streams. */
export function runBin(args: string[], cwd = ROOT): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
