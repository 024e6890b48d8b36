/** `keap2iif inspect`: what each file was taken as and what the files hold, as JSON on stdout. */
import { inspect } from '../../core/convert.ts';
import { defaultProfile } from '../../core/profile/defaults.ts';
import { stringOption } from '../args.ts';
import type { CommandArgs } from '../commands.ts';
import { openInputs } from '../files.ts';
import { userPath, type CliIo } from '../io.ts';
import { readProfile } from './shared.ts';

export function run({ values, files }: CommandArgs, io: CliIo): number {
  const profileTyped = stringOption(values, 'profile');
  const profile = profileTyped !== undefined ? readProfile(profileTyped, io) : defaultProfile();
  const inputs = openInputs(files, (p) => userPath(io, p));
  try {
    io.stdout(`${JSON.stringify(inspect(inputs.sources, profile), null, 2)}\n`);
    return 0;
  } finally {
    inputs.close();
  }
}
