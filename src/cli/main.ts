/**
 * The command line: `keap2iif template | convert | inspect`, the same core as the app, run by
 * Node. `runCli` is the whole program minus the process (bin.ts): it parses the arguments
 * without loading the converter, so `--help`, `--version` and usage errors answer at once, then
 * loads only the command that runs.
 * Exit codes: 0 every row converted, 1 some rows set aside, 2 wrong usage or unreadable input.
 */
import { parseCommandLine } from './args.ts';
import { InputError, UsageError } from './errors.ts';
import type { CliIo } from './io.ts';
import { VERSION } from './version.ts';

export type { CliIo } from './io.ts';

/** Runs the command line; resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const line = parseCommandLine(argv, VERSION);
    if (line.kind === 'help') {
      io.stdout(line.text);
      return 0;
    }
    if (line.kind === 'version') {
      io.stdout(`keap2iif ${VERSION}\n`);
      return 0;
    }
    const command = await line.command.load();
    return command.run(line.args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${e.message}\nRun \`keap2iif ${e.command ? `${e.command} ` : ''}--help\` for the usage.\n`);
      return 2;
    }
    if (e instanceof InputError) {
      io.stderr(`${e.message}\n`);
      return 2;
    }
    io.stderr(`keap2iif failed unexpectedly: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
}
