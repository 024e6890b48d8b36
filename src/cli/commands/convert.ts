/**
 * `keap2iif convert`: the IIF file, streamed to disk as the converter writes it, and the
 * optional JSON report. Exit 0 when every row converted, 1 when some were set aside, 2 when no
 * file could be read as a Keap export (then no IIF is written).
 */
import { writeFileSync } from 'node:fs';
import { convert, type Conversion } from '../../core/convert.ts';
import { describeLocation } from '../../core/issues.ts';
import { requiredOption, stringOption } from '../args.ts';
import type { CommandArgs } from '../commands.ts';
import { InputError } from '../errors.ts';
import { createOutputFile, openInputs } from '../files.ts';
import { note, problem, userPath, type CliIo } from '../io.ts';
import { startProgress } from '../progress.ts';
import { buildReport } from '../report.ts';
import { describeFiles, readProfile } from './shared.ts';
import { checkNames, type NameCheck } from '../../core/qb/lists.ts';
import { withQbLists } from '../qb-lists-file.ts';
import { depositDatesOf } from '../deposit-dates.ts';
import { formatCentsPlain } from '../../core/money.ts';

/** Errors listed on stderr; the report holds all of them. */
const ERRORS_SHOWN = 20;

export function run({ values, files }: CommandArgs, io: CliIo): number {
  const outTyped = requiredOption(values, 'out');
  const listsTyped = stringOption(values, 'qb-lists');
  const given = readProfile(requiredOption(values, 'profile'), io);
  const { profile, lists } = listsTyped === undefined ? { profile: given, lists: null } : withQbLists(given, listsTyped, io);
  const reportTyped = stringOption(values, 'report');
  const depositDates = depositDatesOf(values, files);
  const inputs = openInputs(files, (p) => userPath(io, p));
  let result: Conversion;
  try {
    const out = createOutputFile(userPath(io, outTyped));
    const progress = startProgress(io);
    try {
      result = convert(inputs.sources, profile, { onProgress: progress.update, output: out.write, depositDates });
    } catch (e) {
      out.abort();
      throw e;
    } finally {
      progress.finish();
    }
    if (result.summary.files.every((f) => f.refused)) out.abort();
    else out.commit();
  } finally {
    inputs.close();
  }
  const nameChecks = lists === null ? null : checkNames(lists, result.wantedNames);
  if (reportTyped !== undefined) writeReport(result, nameChecks, reportTyped, io);
  if (nameChecks !== null) tellNameChecks(nameChecks, io);
  return tell(result, outTyped, io);
}

/** Names the file uses that QuickBooks lacks or has with another type (the app's step 3). */
function tellNameChecks(checks: readonly NameCheck[], io: CliIo): void {
  const wrong = checks.filter((c) => c.status === 'type-mismatch');
  const missing = checks.filter((c) => c.status === 'missing');
  if (missing.length > 0) note(io, `${missing.length} names are not in the QuickBooks lists yet; the import creates them (--report lists them).`);
  for (const c of wrong) problem(io, `  ${c.message}`);
}

function writeReport(result: Conversion, nameChecks: NameCheck[] | null, typed: string, io: CliIo): void {
  try {
    writeFileSync(userPath(io, typed), `${JSON.stringify(buildReport(result, nameChecks), null, 2)}\n`);
  } catch (e) {
    throw new InputError(`Cannot write the report ${typed}: ${(e as Error).message}`);
  }
}

/** Says how the run went and returns the exit code. */
function tell(result: Conversion, outTyped: string, io: CliIo): number {
  const s = result.summary;
  describeFiles(s.files, io, (f) => `${f.kind}; ${f.rowsRead} rows: ${f.rowsConverted} converted, ${f.rowsSetAside} set aside, ${f.rowsBlank} blank`);
  if (s.files.every((f) => f.refused)) {
    problem(io, `None of the files could be read as a Keap export; ${outTyped} was not written.`);
    return 2;
  }
  note(io, `${s.transactions} transactions written to ${outTyped}.`);
  if (s.deposits) {
    const d = s.deposits;
    note(io, `${d.count} Keap Payments deposits: net ${formatCentsPlain(d.net)} (payments ${formatCentsPlain(d.gross)}, fees ${formatCentsPlain(d.fees)}, other fees ${formatCentsPlain(d.otherFees)}, refunds ${formatCentsPlain(d.refunds)}); ${d.notYetDeposited.count} payments of ${formatCentsPlain(d.notYetDeposited.amount)} not yet deposited.`);
  }
  const errors = result.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0 || s.warnings > 0) problem(io, `${s.errors} errors, ${s.warnings} warnings.`);
  for (const i of errors.slice(0, ERRORS_SHOWN)) problem(io, `  ${describeLocation(i)}: ${i.message}`);
  if (errors.length > ERRORS_SHOWN) problem(io, `  ... and ${errors.length - ERRORS_SHOWN} more (--report FILE lists every one).`);
  const setAside = s.files.some((f) => f.rowsSetAside > 0 || f.refused) || errors.length > 0;
  return setAside ? 1 : 0;
}
