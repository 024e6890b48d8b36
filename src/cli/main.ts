/**
 * Command line: the same core as the app, run by Node.
 *   template <csv files...>                       -> a mapping profile on stdout
 *   convert --profile p.json --out out.iif [--report r.json] <csv files...>
 * Exit codes: 0 every row converted, 1 some rows set aside, 2 wrong usage or unreadable input.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import { convert, inspect, type ConversionReport } from '../core/convert.ts';
import { describeLocation } from '../core/issues.ts';
import { bytesSource, type ByteSource } from '../core/source.ts';
import { defaultProfile } from '../core/profile/defaults.ts';
import { applyTemplate } from '../core/profile/template.ts';
import { validateProfile } from '../core/profile/validate.ts';
import type { Profile } from '../core/profile/types.ts';
import { isReconciled } from '../core/report.ts';

const USAGE = `Usage:
  npm run cli -- template <csv files...> > profile.json
  npm run cli -- convert --profile profile.json --out out.iif [--report report.json] <csv files...>`;

export class UsageError extends Error {}

/**
 * `npm run cli` runs in the package folder, not where the user typed the command; npm passes
 * that folder as INIT_CWD, so relative paths are taken from there, as the user means them.
 */
function fromUserDir(path: string): string {
  const base = typeof process !== 'undefined' ? process.env.INIT_CWD : undefined;
  return base && !isAbsolute(path) ? resolve(base, path) : path;
}

/** The JSON report: per file counts, money per transaction type and per kind, every problem. */
export function buildReport(result: ConversionReport) {
  const s = result.summary;
  return {
    format: 'keap2iif-report',
    version: 1,
    files: s.files.map((f) => ({
      file: f.file,
      kind: f.kind,
      reason: f.reason,
      encoding: f.encoding,
      delimiter: f.delimiter,
      refused: f.refused,
      rowsRead: f.rowsRead,
      rowsConverted: f.rowsConverted,
      rowsSetAside: f.rowsSetAside,
      rowsBlank: f.rowsBlank,
      rowsDuplicate: f.rowsDuplicate,
      firstDate: f.firstDate,
      lastDate: f.lastDate,
      problems: f.problems,
    })),
    totals: {
      /** Written transactions per IIF type: count and sum of header amounts, in cents. */
      byTransactionType: s.outputByType,
      /** Money per Keap kind, in cents: input = output + setAside. */
      reconciliation: s.reconciliation,
      reconciled: isReconciled(s.reconciliation),
      transactions: s.transactions,
      firstDate: s.firstDate,
      lastDate: s.lastDate,
    },
    problems: result.issues.map((i) => ({
      file: i.file ?? null,
      row: i.row ?? null,
      column: i.column ?? null,
      code: i.code,
      severity: i.severity,
      message: i.message,
    })),
    summary: s,
  };
}

function readInputs(paths: string[]): ByteSource[] {
  if (paths.length === 0) throw new UsageError('No CSV files given.');
  return paths.map((p) => {
    try {
      return bytesSource(basename(p), new Uint8Array(readFileSync(fromUserDir(p))));
    } catch (e) {
      throw new UsageError(`Cannot read ${p}: ${(e as Error).message}`);
    }
  });
}

function parseArgs(args: string[]): { flags: Record<string, string>; files: string[] } {
  const flags: Record<string, string> = {};
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const [k, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      const v = inline ?? args[++i];
      if (v === undefined) throw new UsageError(`--${k} needs a value.`);
      flags[k] = v;
    } else files.push(a);
  }
  return { flags, files };
}

/**
 * Parses a profile file. When `npm run cli -- template > profile.json` ran with npm's own
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

function loadProfile(path: string): Profile {
  let json: unknown;
  try {
    json = parseProfileText(readFileSync(fromUserDir(path), 'utf8'));
  } catch (e) {
    throw new UsageError(`Cannot read the profile ${path}: ${(e as Error).message}`);
  }
  const v = validateProfile(json);
  if (!v.ok) throw new UsageError(`The profile ${path} is not valid:\n  ${v.errors.join('\n  ')}`);
  return v.profile;
}

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** Runs the command line; returns the exit code. */
export function runCli(argv: string[], io: CliIo): number {
  try {
    const [command, ...rest] = argv;
    if (command === 'template') {
      const { flags, files } = parseArgs(rest);
      const inputs = readInputs(files);
      const base = flags.profile ? loadProfile(flags.profile) : defaultProfile(flags.name ?? 'Keap export');
      const inspected = inspect(inputs, base);
      for (const f of inspected.files) {
        io.stderr(`${f.file}: ${f.refused ? 'NOT USED - ' : ''}${f.reason}\n`);
      }
      const catalog = inspected.catalog;
      io.stdout(JSON.stringify(applyTemplate(base, catalog), null, 2) + '\n');
      return 0;
    }
    if (command === 'inspect') {
      const { flags, files } = parseArgs(rest);
      const profile = flags.profile ? loadProfile(flags.profile) : defaultProfile();
      io.stdout(JSON.stringify(inspect(readInputs(files), profile), null, 2) + '\n');
      return 0;
    }
    if (command === 'convert') {
      const { flags, files } = parseArgs(rest);
      if (!flags.profile) throw new UsageError('convert needs --profile profile.json (make one with the template command).');
      if (!flags.out) throw new UsageError('convert needs --out out.iif.');
      const profile = loadProfile(flags.profile);
      const inputs = readInputs(files);
      const result = convert(inputs, profile);
      writeFileSync(fromUserDir(flags.out), Buffer.concat(result.iifChunks));
      const report = buildReport(result);
      if (flags.report) writeFileSync(fromUserDir(flags.report), JSON.stringify(report, null, 2) + '\n');
      const s = result.summary;
      for (const f of s.files) {
        io.stderr(`${f.file}: ${f.kind ?? 'not recognised'}; ${f.rowsRead} rows: ${f.rowsConverted} converted, ${f.rowsSetAside} set aside, ${f.rowsBlank} blank\n`);
      }
      io.stderr(`${s.transactions} transactions written to ${flags.out}; ${s.errors} errors, ${s.warnings} warnings.\n`);
      for (const i of result.issues.filter((x) => x.severity === 'error').slice(0, 20)) {
        io.stderr(`  ${describeLocation(i)}: ${i.message}\n`);
      }
      const everyFileRefused = s.files.length > 0 && s.files.every((f) => f.refused);
      if (everyFileRefused) {
        io.stderr('None of the files could be read as a Keap export.\n');
        return 2;
      }
      const setAside = s.files.some((f) => f.rowsSetAside > 0 || f.refused) || result.issues.some((i) => i.severity === 'error');
      return setAside ? 1 : 0;
    }
    throw new UsageError(command ? `Unknown command "${command}".` : 'No command given.');
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${e.message}\n${USAGE}\n`);
      return 2;
    }
    io.stderr(`keap2iif failed unexpectedly: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
}

const isMain = typeof process !== 'undefined' && process.argv[1] !== undefined && /cli[\\/]main\.ts$/.test(process.argv[1]);
if (isMain) {
  const code = runCli(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  });
  process.exitCode = code;
}
