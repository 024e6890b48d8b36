/** What more than one command does: read --profile, say what each file was taken as. */
import type { Profile } from '../../core/profile/types.ts';
import type { FileReport } from '../../core/report.ts';
import { note, problem, userPath, type CliIo } from '../io.ts';
import { loadProfile } from '../profile-file.ts';

/** The profile file given as `typed`; its warnings (settings completed with defaults) are problems. */
export function readProfile(typed: string, io: CliIo): Profile {
  const { profile, warnings } = loadProfile(typed, userPath(io, typed));
  for (const w of warnings) problem(io, `${typed}: ${w}`);
  return profile;
}

/** One line per file: a note saying `describe(file)`, or a problem saying why it was not used. */
export function describeFiles(files: readonly FileReport[], io: CliIo, describe: (f: FileReport) => string): void {
  for (const f of files) {
    if (f.refused) problem(io, `${f.file}: NOT USED - ${f.reason}`);
    else note(io, `${f.file}: ${describe(f)}`);
  }
}
