/**
 * What a command line run talks to: its output streams, whether stderr is a terminal, and the
 * folder relative paths are taken from. Kept behind one interface so `runCli` runs in-process
 * in tests exactly as the executable runs it.
 */
import { isAbsolute, resolve } from 'node:path';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stderr is a terminal: progress and notes are shown only then, problems always. */
  readonly stderrIsTerminal: boolean;
  /** Width of that terminal in characters (a progress line is cut to fit, so \r redraws it). */
  readonly terminalColumns: number;
  /** The folder the user ran the command in. */
  readonly cwd: string;
  /** Milliseconds, for throttling the progress line (a fake clock in tests). */
  now(): number;
}

/** Problems go to stderr whatever stderr is: a script needs them as much as a person does. */
export function problem(io: CliIo, text: string): void {
  io.stderr(`${text}\n`);
}

/** Notes (what a file was taken as, totals) are for a person at a terminal; a script gets none. */
export function note(io: CliIo, text: string): void {
  if (io.stderrIsTerminal) io.stderr(`${text}\n`);
}

/**
 * The folder the user typed the command in. `npm run cli` runs the command in the package
 * folder and passes the user's folder as INIT_CWD. Any other npm script (a test run, say) sets
 * INIT_CWD too, for its own folder, so it is trusted only when our own `cli` script is running.
 */
export function userFolder(env: NodeJS.ProcessEnv, cwd: string): string {
  const viaNpmRunCli = env.npm_lifecycle_event === 'cli' && env.npm_package_name === 'keap2iif';
  return viaNpmRunCli && env.INIT_CWD ? env.INIT_CWD : cwd;
}

/** A path as the user meant it: relative paths are taken from the folder they ran the command in. */
export function userPath(io: Pick<CliIo, 'cwd'>, path: string): string {
  return isAbsolute(path) ? path : resolve(io.cwd, path);
}

/** The io of the running process. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTerminal: process.stderr.isTTY === true,
    // 0 when the terminal does not say (a pty without a size): assume the classic 80.
    terminalColumns: process.stderr.columns || 80,
    cwd: userFolder(process.env, process.cwd()),
    now: () => performance.now(),
  };
}
