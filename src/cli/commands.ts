/**
 * Every command and its options, as data: the parser (args.ts), the help (help.ts) and the
 * commands themselves read them from here, so a new flag such as `--qb-lists FILE` is one more
 * entry in a command's `options`. A command's code is loaded only when it runs, so `--help`
 * and argument errors never load the converter.
 */
import type { CliIo } from './io.ts';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** May be given more than once; the values come as a list (e.g. `--deposit-date FILE=MM/DD/YYYY`). */
  multiple?: boolean;
  /** Placeholder for the value in the help, e.g. FILE. */
  value?: string;
  required?: boolean;
  description: string;
}

/** Option values as `util.parseArgs` returns them. */
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandArgs {
  values: OptionValues;
  /** The positional arguments: input file paths as typed. */
  files: string[];
}

export interface CommandModule {
  /** Runs the command; returns the exit code. */
  run(args: CommandArgs, io: CliIo): number;
}

export interface CommandSpec {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** What the command does and writes, for its --help. */
  description: string;
  /** What the positional arguments are, e.g. `<csv files...>`. */
  files: string;
  options: Readonly<Record<string, OptionSpec>>;
  load(): Promise<CommandModule>;
}

const PROFILE_TO_START_FROM: OptionSpec = {
  type: 'string',
  value: 'FILE',
  description: 'a mapping profile to start from (its column maps and item type roles are used to read the files)',
};

export const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  template: {
    name: 'template',
    summary: 'write a mapping profile for the products, item types and pay types in the files',
    description:
      'Prints a mapping profile (JSON) on stdout that names every product, Keap item type and pay type\n' +
      'found in the files, with QuickBooks names filled in so it converts unedited. Edit it, then\n' +
      'pass it to `keap2iif convert --profile`.',
    files: '<csv files...>',
    options: {
      profile: PROFILE_TO_START_FROM,
      name: { type: 'string', value: 'NAME', description: 'the profile\'s name when no --profile is given (default "Keap export")' },
    },
    load: () => import('./commands/template.ts'),
  },
  convert: {
    name: 'convert',
    summary: 'convert the files to an IIF file with a mapping profile',
    description:
      'Writes the IIF file (Windows-1252, CRLF) for QuickBooks Desktop. The file appears only once it\n' +
      'is complete. Rows that cannot be converted are set aside and listed on stderr and in the report.',
    files: '<csv files...>',
    options: {
      profile: { type: 'string', value: 'FILE', required: true, description: 'the mapping profile (make one with `keap2iif template`)' },
      out: { type: 'string', value: 'FILE', required: true, description: 'the IIF file to write' },
      report: {
        type: 'string',
        value: 'FILE',
        description: 'also write a JSON report: per file counts, money reconciled per kind, every problem',
      },
      'qb-lists': {
        type: 'string',
        value: 'FILE',
        description: 'the QuickBooks list export (File > Utilities > Export > Lists to IIF Files): names it has are not\nwritten again, contacts are matched to its customers, and every name is checked against it',
      },
      'deposit-date': {
        type: 'string',
        multiple: true,
        value: 'FILE=MM/DD/YYYY',
        description: 'the date of the deposit in a Keap Payments deposit file that carries no date (when the deposits\nlist does not date it either); give it once per such file',
      },
    },
    load: () => import('./commands/convert.ts'),
  },
  inspect: {
    name: 'inspect',
    summary: 'show what each file was taken as and what the files hold (JSON)',
    description:
      'Reads the files only and prints JSON on stdout: per file the kind detected, the columns used\n' +
      'and the row counts; every problem found; the products, item types and pay types.',
    files: '<csv files...>',
    options: { profile: PROFILE_TO_START_FROM },
    load: () => import('./commands/inspect.ts'),
  },
};
