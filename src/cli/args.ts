/**
 * argv -> what to do, with Node's own `util.parseArgs` in strict mode: an option a command does
 * not take is an error naming it, never silently ignored.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { COMMANDS, type CommandArgs, type CommandSpec, type OptionSpec, type OptionValues } from './commands.ts';
import { UsageError } from './errors.ts';
import { commandHelp, mainHelp } from './help.ts';

export type CommandLine =
  | { kind: 'help'; text: string }
  | { kind: 'version' }
  | { kind: 'run'; command: CommandSpec; args: CommandArgs };

type ParseOptions = NonNullable<ParseArgsConfig['options']>;

const HELP: OptionSpec = { type: 'boolean', short: 'h', description: 'show the help' };
const VERSION: OptionSpec = { type: 'boolean', description: 'print the version' };

function parseOptionsOf(specs: Readonly<Record<string, OptionSpec>>): ParseOptions {
  const out: ParseOptions = {};
  for (const [name, s] of Object.entries(specs)) {
    out[name] = { type: s.type, ...(s.short ? { short: s.short } : {}), ...(s.multiple ? { multiple: true } : {}) };
  }
  return out;
}

/** The first option in `args` that `options` does not know, as the user typed it. */
function firstUnknownOption(args: readonly string[], options: ParseOptions): string | undefined {
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  for (const t of tokens) if (t.kind === 'option' && !Object.hasOwn(options, t.name)) return t.rawName;
  return undefined;
}

function parseStrict(args: readonly string[], specs: Readonly<Record<string, OptionSpec>>, command?: string) {
  const options = parseOptionsOf(specs);
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const where = command ? ` for keap2iif ${command}` : '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw new UsageError(`Unknown option ${firstUnknownOption(args, options) ?? '(unreadable)'}${where}.`, command);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      throw new UsageError(`${(e as Error).message}${where}.`, command);
    }
    throw e;
  }
}

const COMMAND_NAMES = Object.keys(COMMANDS).join(', ');

/** Reads the command line; throws UsageError for anything the commands do not take. */
export function parseCommandLine(argv: readonly string[], version: string): CommandLine {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError(`No command given. The commands are ${COMMAND_NAMES}.`);
  if (first.startsWith('-')) {
    const { values, positionals } = parseStrict(argv, { help: HELP, version: VERSION });
    if (positionals.length > 0) throw new UsageError(`Put the command first: keap2iif ${positionals[0]} ...`);
    if (values.version) return { kind: 'version' };
    return { kind: 'help', text: mainHelp(version) };
  }
  const command = COMMANDS[first];
  if (!command || !Object.hasOwn(COMMANDS, first)) throw new UsageError(`Unknown command "${first}". The commands are ${COMMAND_NAMES}.`);
  const { values, positionals } = parseStrict(rest, { ...command.options, help: HELP }, command.name);
  if (values.help) return { kind: 'help', text: commandHelp(command) };
  for (const [name, spec] of Object.entries(command.options)) {
    if (spec.required && values[name] === undefined) {
      throw new UsageError(`keap2iif ${command.name} needs --${name}${spec.value ? ` ${spec.value}` : ''}: ${spec.description}.`, command.name);
    }
  }
  if (positionals.length === 0) throw new UsageError(`No CSV files given to keap2iif ${command.name}.`, command.name);
  const { help: _help, ...commandValues } = values as OptionValues;
  return { kind: 'run', command, args: { values: commandValues, files: positionals } };
}

/** A string option's value (the last one when given twice). */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  const last = Array.isArray(v) ? v.at(-1) : v;
  return typeof last === 'string' ? last : undefined;
}

/** A string option the parser already required (see OptionSpec.required). */
export function requiredOption(values: OptionValues, name: string): string {
  const v = stringOption(values, name);
  if (v === undefined) throw new Error(`--${name} should have been required by the parser`);
  return v;
}
