/**
 * Files screen helpers: which files need the user to say what their columns mean (not
 * recognised, a required column missing, or two columns that could mean the same thing),
 * and the starting choices for that form. The converter never guesses between two plausible
 * columns; the user decides and the answer is stored in the profile.
 */
import type { Issue, IssueCode } from '../issues.ts';
import type { FileReport } from '../report.ts';
import type { ColumnMap } from '../profile/types.ts';
import type { KindSchema } from '../keap/schemas.ts';

const COLUMN_CODES: ReadonlySet<IssueCode> = new Set<IssueCode>(['file.missing-column', 'file.unknown-kind', 'file.ambiguous-column']);

/** True for a problem the user answers by mapping the file's columns (unknown layout, a missing or ambiguous column). */
export function isColumnIssue(issue: Issue): boolean {
  return COLUMN_CODES.has(issue.code);
}

/** The issues about one file, file-level ones (no row) first. */
export function issuesOfFile(issues: readonly Issue[], file: string): Issue[] {
  const mine = issues.filter((i) => i.file === file);
  return [...mine.filter((i) => i.row === undefined), ...mine.filter((i) => i.row !== undefined)];
}

/** True when the user should map this file's columns by hand (a text file with a header row). */
export function needsColumnMapping(report: FileReport, issues: readonly Issue[]): boolean {
  if (report.headers.length === 0) return false;
  const mine = issues.filter((i) => i.file === report.file);
  if (mine.some((i) => i.code === 'file.binary' || i.code === 'file.empty' || i.code === 'file.duplicate')) return false;
  return report.refused || mine.some(isColumnIssue);
}

/**
 * Starting choice per field: what the file was read with, else an earlier answer for the same
 * header row, else a header that matches exactly one of the field's known names; never a guess
 * between two candidates.
 */
export function initialColumns(report: FileReport, schema: KindSchema, saved: ColumnMap | undefined, normalize: (h: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of schema.fields) {
    const fromReport = report.kind === schema.kind ? report.columns[spec.field] : undefined;
    const fromSaved = saved?.kind === schema.kind ? saved.columns[spec.field] : undefined;
    const chosen = fromReport ?? fromSaved;
    if (chosen !== undefined && report.headers.includes(chosen)) {
      out[spec.field] = chosen;
      continue;
    }
    const matches = report.headers.filter((h) => spec.synonyms.includes(normalize(h)));
    if (matches.length === 1 && matches[0] !== undefined) out[spec.field] = matches[0];
  }
  return out;
}

/** Required fields that have no column chosen. */
export function missingRequired(schema: KindSchema, columns: Record<string, string>): string[] {
  return schema.fields.filter((f) => f.required && !columns[f.field]).map((f) => f.label);
}
