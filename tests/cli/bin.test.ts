// The compiled executable (dist-cli/bin.js) in its own process, as a user runs it: no
// TypeScript loader, strict arguments, the same bytes as the converter in-process, and a
// silent stderr when it is not a terminal.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { convert } from '../../src/core/convert.ts';
import { bytesSource } from '../../src/core/source.ts';
import { validateProfile } from '../../src/core/profile/validate.ts';
import { BIN, buildCliBin, ROOT, runBin } from '../support/cli.ts';
import { checkIif } from '../support/iif-check.ts';

const fixtures = new URL('../fixtures/keap/basic/', import.meta.url).pathname;
const names = readdirSync(fixtures).filter((f) => f.endsWith('.csv')).sort();
const csvs = names.map((f) => join(fixtures, f));
const work = mkdtempSync(join(tmpdir(), 'keap2iif-bin-'));

beforeAll(() => buildCliBin());

describe('the keap2iif executable', () => {
  it('is what package.json names as the bin, and starts with a node shebang', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(join(ROOT, pkg.bin.keap2iif)).toBe(BIN);
    expect(readFileSync(BIN, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it('--help and --version answer on stdout with exit 0', () => {
    const help = runBin(['--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    for (const command of ['template', 'convert', 'inspect']) expect(help.stdout).toContain(`  ${command} `);
    const version = runBin(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toBe(`keap2iif ${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });

  it.each(['template', 'convert', 'inspect'])('%s --help shows the command\'s usage', (command) => {
    const r = runBin([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: keap2iif ${command} `));
  });

  it('an unknown flag is exit 2 with a message naming it', () => {
    const r = runBin(['convert', '--profile', 'p.json', '--out', 'o.iif', '--qb-list', 'lists.iif', ...csvs]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Unknown option --qb-list');
  });

  it('converts the fixtures to the same bytes as convert() in-process, with a silent stderr', () => {
    const template = runBin(['template', ...csvs]);
    expect(template).toMatchObject({ code: 0, stderr: '' });
    const profilePath = join(work, 'profile.json');
    writeFileSync(profilePath, template.stdout);
    const out = join(work, 'out.iif');
    const r = runBin(['convert', '--profile', profilePath, '--out', out, ...csvs]);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });

    const v = validateProfile(JSON.parse(template.stdout));
    if (!v.ok) throw new Error(v.errors.join('\n'));
    const chunks: Buffer[] = [];
    // Copy each chunk: convert may reuse it after the call.
    convert(names.map((n) => bytesSource(n, readFileSync(join(fixtures, n)))), v.profile, { output: (c) => chunks.push(Buffer.from(c)) });
    const written = readFileSync(out);
    expect(written.equals(Buffer.concat(chunks))).toBe(true);
    expect(checkIif(written.toString('latin1')).transactions).toHaveLength(7);
  });
});

describe('npm run cli, as the README says', () => {
  it('template from another folder with relative paths prints pure JSON, and convert uses it', () => {
    const out = execFileSync('npm', ['run', 'cli', '--', 'template', ...names], { cwd: fixtures, encoding: 'utf8' });
    const profile = JSON.parse(out);
    expect(Object.keys(profile.products).sort()).toEqual(['Gadget', 'Monthly Tips', 'Widget']);
    const dir = mkdtempSync(join(tmpdir(), 'keap2iif-npm-'));
    writeFileSync(join(dir, 'profile.json'), out);
    execFileSync('npm', ['run', 'cli', '--', 'convert', '--profile', join(dir, 'profile.json'), '--out', join(dir, 'out.iif'), ...names], { cwd: fixtures, encoding: 'utf8', stdio: 'pipe' });
    expect(checkIif(readFileSync(join(dir, 'out.iif')).toString('latin1')).transactions).toHaveLength(7);
  });
});
