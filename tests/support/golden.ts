// Golden cases: tests/fixtures/golden/<case>/ holds Keap CSVs, an optional profile.json with
// settings that differ from the defaults, an optional options.json with conversion options (the
// export history's ids, deposit dates), and expected.iif (regenerated only by
// `npm run golden:update`, then checked by hand against the sign table in the docs).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { convert, inspect, type ConversionOptions } from '../../src/core/convert.ts';
import { bytesSource, type ByteSource } from '../../src/core/source.ts';
import { defaultProfile } from '../../src/core/profile/defaults.ts';
import { applyTemplate } from '../../src/core/profile/template.ts';
import { validateProfile } from '../../src/core/profile/validate.ts';
import type { Profile } from '../../src/core/profile/types.ts';

export const GOLDEN_DIR = new URL('../fixtures/golden/', import.meta.url).pathname;

export function goldenCases(): string[] {
  return readdirSync(GOLDEN_DIR).filter((d) => existsSync(join(GOLDEN_DIR, d, 'contacts.csv'))).sort();
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (typeof base !== 'object' || base === null || Array.isArray(base) || typeof over !== 'object' || over === null || Array.isArray(over)) return over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) out[k] = k in out ? deepMerge(out[k], v) : v;
  return out;
}

/** A golden case's files and the profile it is converted with. */
export function goldenInputsFor(name: string): { files: ByteSource[]; profile: Profile; options: ConversionOptions; dir: string } {
  const dir = join(GOLDEN_DIR, name);
  const files: ByteSource[] = readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => bytesSource(f, new Uint8Array(readFileSync(join(dir, f)))));
  const overridesPath = join(dir, 'profile.json');
  const overrides = existsSync(overridesPath) ? JSON.parse(readFileSync(overridesPath, 'utf8')) : {};
  const merged = validateProfile(deepMerge(defaultProfile(`Golden ${name}`), overrides));
  if (!merged.ok) throw new Error(`golden ${name}: bad profile.json: ${merged.errors.join('; ')}`);
  const profile: Profile = applyTemplate(merged.profile, inspect(files, merged.profile).catalog);
  const optionsPath = join(dir, 'options.json');
  const options: ConversionOptions = existsSync(optionsPath) ? JSON.parse(readFileSync(optionsPath, 'utf8')) : {};
  return { files, profile, options, dir };
}

export function runGolden(name: string) {
  const { files, profile, options, dir } = goldenInputsFor(name);
  const result = convert(files, profile, options);
  return { result, bytes: Buffer.concat(result.iifChunks), expectedPath: join(dir, 'expected.iif') };
}
