/** `keap2iif template`: a mapping profile for everything the files hold, on stdout. */
import { inspect } from '../../core/convert.ts';
import { defaultProfile } from '../../core/profile/defaults.ts';
import { applyTemplate } from '../../core/profile/template.ts';
import { stringOption } from '../args.ts';
import type { CommandArgs } from '../commands.ts';
import { openInputs } from '../files.ts';
import { note, problem, userPath, type CliIo } from '../io.ts';
import { describeFiles, readProfile } from './shared.ts';

export function run({ values, files }: CommandArgs, io: CliIo): number {
  const profileTyped = stringOption(values, 'profile');
  const base = profileTyped !== undefined ? readProfile(profileTyped, io) : defaultProfile(stringOption(values, 'name') ?? 'Keap export');
  const inputs = openInputs(files, (p) => userPath(io, p));
  try {
    const found = inspect(inputs.sources, base);
    describeFiles(found.files, io, (f) => f.reason);
    if (found.files.every((f) => f.refused)) {
      problem(io, 'None of the files could be read as a Keap export.');
      return 2;
    }
    io.stdout(`${JSON.stringify(applyTemplate(base, found.catalog), null, 2)}\n`);
    note(io, 'Profile written. Edit it, then: keap2iif convert --profile <it> --out <file.iif> <the same files>');
    return 0;
  } finally {
    inputs.close();
  }
}
