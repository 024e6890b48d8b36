/** The --help texts, written from the command specs so they never drift from what is parsed. */
import { COMMANDS, type CommandSpec, type OptionSpec } from './commands.ts';

const EXIT_CODES = 'Exit codes: 0 every row converted, 1 some rows set aside, 2 wrong usage or unreadable input.';
const PATHS = 'Relative paths are taken from the folder you run the command in.';

function optionLabel(name: string, spec: Pick<OptionSpec, 'short' | 'value'>): string {
  return `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`;
}

function table(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join('\n');
}

/** `keap2iif --help`. */
export function mainHelp(version: string): string {
  return [
    `keap2iif ${version}: Keap CSV exports to a QuickBooks Desktop IIF file.`,
    '',
    'Usage: keap2iif <command> [options] <csv files...>',
    '',
    'Commands:',
    table(Object.values(COMMANDS).map((c) => [c.name, c.summary])),
    '',
    'Options:',
    table([
      ['-h, --help', 'show this help; `keap2iif <command> --help` shows a command\'s'],
      ['--version', 'print the version'],
    ]),
    '',
    'Example:',
    '  keap2iif template orders.csv items.csv payments.csv contacts.csv > profile.json',
    '  keap2iif convert --profile profile.json --out keap.iif orders.csv items.csv payments.csv contacts.csv',
    '',
    PATHS,
    EXIT_CODES,
    '',
  ].join('\n');
}

/** `keap2iif <command> --help`. */
export function commandHelp(command: CommandSpec): string {
  const options = Object.entries(command.options);
  const required = options.filter(([, o]) => o.required).map(([name, o]) => optionLabel(name, { value: o.value }));
  const hasOptional = options.some(([, o]) => !o.required);
  const usage = ['keap2iif', command.name, ...required, ...(hasOptional ? ['[options]'] : []), command.files].join(' ');
  const rows: [string, string][] = options.map(([name, o]) => [
    optionLabel(name, o),
    `${o.required ? '(required) ' : ''}${o.description}${o.multiple ? ' (may be repeated)' : ''}`,
  ]);
  rows.push(['-h, --help', 'show this help']);
  return [`Usage: ${usage}`, '', command.description, '', 'Options:', table(rows), '', PATHS, EXIT_CODES, ''].join('\n');
}
