/** Reading a mapping profile file given with --profile. */
import { readFileSync } from 'node:fs';
import type { Profile } from '../core/profile/types.ts';
import { validateProfile } from '../core/profile/validate.ts';
import { InputError } from './errors.ts';

/**
 * Parses a profile file's text. When `npm run cli -- template > profile.json` ran with npm's own
 * banner switched on (the project's .npmrc turns it off), the file starts with lines like
 * "> keap2iif@0.1.0 cli"; those lines are skipped rather than refusing the file.
 */
export function parseProfileText(text: string): unknown {
  const body = text.replace(/^\ufeff/, '');
  try {
    return JSON.parse(body);
  } catch (e) {
    const start = body.search(/^\{/m);
    if (start > 0 && /^(\s*(>.*)?\n)+$/.test(body.slice(0, start).replace(/\r/g, ''))) return JSON.parse(body.slice(start));
    throw e;
  }
}

/** Reads and validates a profile (`typed` is the path as the user gave it, for messages). */
export function loadProfile(typed: string, path: string): { profile: Profile; warnings: string[] } {
  let json: unknown;
  try {
    json = parseProfileText(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputError(`Cannot read the profile ${typed}: ${(e as Error).message}`);
  }
  const v = validateProfile(json);
  if (!v.ok) throw new InputError(`The profile ${typed} is not valid:\n  ${v.errors.join('\n  ')}`);
  return { profile: v.profile, warnings: v.warnings };
}
