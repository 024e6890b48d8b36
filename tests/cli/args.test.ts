// Argument parsing: Node's util.parseArgs in strict mode, our messages, the help from the specs.
import { describe, expect, it } from 'vitest';
import { parseCommandLine, requiredOption, stringOption } from '../../src/cli/args.ts';
import { COMMANDS } from '../../src/cli/commands.ts';
import { UsageError } from '../../src/cli/errors.ts';

const parse = (argv: string[]) => parseCommandLine(argv, '9.8.7');

function usageErrorOf(argv: string[]): UsageError {
  try {
    parse(argv);
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
}

describe('parseCommandLine', () => {
  it('reads a command, its options and its files', () => {
    const line = parse(['convert', '--profile', 'p.json', '--out=o.iif', 'a.csv', 'b.csv', '--report', 'r.json']);
    expect(line.kind).toBe('run');
    if (line.kind !== 'run') return;
    expect(line.command.name).toBe('convert');
    expect(line.args).toEqual({ values: { profile: 'p.json', out: 'o.iif', report: 'r.json' }, files: ['a.csv', 'b.csv'] });
  });

  it('takes a file named like an option after --', () => {
    const line = parse(['inspect', '--', '--odd-name.csv']);
    expect(line.kind === 'run' && line.args.files).toEqual(['--odd-name.csv']);
  });

  it.each([
    [['--help'], /^keap2iif 9\.8\.7: /],
    [['-h'], /^keap2iif 9\.8\.7: /],
    [['convert', '--help'], /^Usage: keap2iif convert --profile FILE --out FILE \[options\] <csv files\.\.\.>/],
    [['template', '-h'], /^Usage: keap2iif template \[options\] <csv files\.\.\.>/],
    // Help wins over everything else on the line, even a missing required option.
    [['inspect', 'a.csv', '--help'], /^Usage: keap2iif inspect /],
  ])('%j shows help', (argv, text) => {
    const line = parse(argv);
    expect(line.kind).toBe('help');
    if (line.kind === 'help') expect(line.text).toMatch(text);
  });

  it('--version', () => {
    expect(parse(['--version'])).toEqual({ kind: 'version' });
  });

  it.each([
    [[], /^No command given/, undefined],
    [['frobnicate'], /^Unknown command "frobnicate"/, undefined],
    [['toString'], /^Unknown command "toString"/, undefined],
    [['--qb-list'], /^Unknown option --qb-list\.$/, undefined],
    [['--help', 'convert'], /^Put the command first: keap2iif convert/, undefined],
    [['convert', '--profile', 'p.json', '--out', 'o.iif', '--qb-list', 'l.iif', 'a.csv'], /^Unknown option --qb-list for keap2iif convert\.$/, 'convert'],
    [['template', '-x', 'a.csv'], /^Unknown option -x for keap2iif template\.$/, 'template'],
    [['convert', '--profile', 'p.json', '--out'], /--out <value>' argument missing/, 'convert'],
    [['convert', '--help=yes'], /--help' does not take an argument for keap2iif convert/, 'convert'],
    [['convert', '--out', 'o.iif', 'a.csv'], /^keap2iif convert needs --profile FILE: the mapping profile/, 'convert'],
    [['convert', '--profile', 'p.json', 'a.csv'], /^keap2iif convert needs --out FILE/, 'convert'],
    [['inspect'], /^No CSV files given to keap2iif inspect\.$/, 'inspect'],
  ])('%j is a usage error', (argv, message, command) => {
    const e = usageErrorOf(argv);
    expect(e.message).toMatch(message);
    expect(e.command).toBe(command);
  });

  it('every command\'s help lists each of its options', () => {
    for (const command of Object.values(COMMANDS)) {
      const line = parse([command.name, '--help']);
      for (const name of Object.keys(command.options)) expect(line.kind === 'help' && line.text).toContain(`--${name}`);
    }
  });
});

describe('option values', () => {
  it('stringOption takes the last of a repeated option; requiredOption insists', () => {
    expect(stringOption({ out: ['a', 'b'] }, 'out')).toBe('b');
    expect(stringOption({ flag: true }, 'flag')).toBeUndefined();
    expect(requiredOption({ out: 'o.iif' }, 'out')).toBe('o.iif');
    expect(() => requiredOption({}, 'out')).toThrow('--out');
  });
});
