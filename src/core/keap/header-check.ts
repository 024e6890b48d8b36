/**
 * The header row decides how a file is read: its kind and the column of each field (detect.ts,
 * with the user's saved column maps). Columns that are missing, could mean the same field, or
 * share a name with another are reported so the user can map them instead of us guessing.
 */
import { issue, type Issue } from '../issues.ts';
import type { FileReport } from '../report.ts';
import type { Detection } from './detect.ts';
import type { FileKind } from './model.ts';
import { FILE_SCHEMAS } from './schemas.ts';

/**
 * Records the columns found in the report and raises the header's problems. True when the file
 * can be read; false when its columns must be mapped first (every row is then set aside).
 */
export function checkHeader(file: string, headers: readonly string[], kind: FileKind, d: Detection, report: FileReport, issues: Issue[]): boolean {
  const schema = FILE_SCHEMAS[kind];
  for (const [field, idx] of Object.entries(d.columns)) report.columns[field] = headers[idx] ?? '';
  // Duplicate header names are only a problem when a column we use is among them.
  const seen = new Map<string, number>();
  for (const x of headers) seen.set(x.toLowerCase(), (seen.get(x.toLowerCase()) ?? 0) + 1);
  let duplicateUsed = false;
  for (const [name, n] of seen) {
    if (n > 1 && name !== '') {
      const used = Object.values(report.columns).some((c) => c.toLowerCase() === name);
      duplicateUsed ||= used;
      issues.push(issue('file.duplicate-header', used ? 'error' : 'warning', `The header "${name}" appears ${n} times${used ? ', and the converter needs that column: rename one of them or map the columns' : '; those columns are not used'}.`, { file, row: 1, column: name }));
    }
  }
  for (const amb of d.ambiguous) {
    issues.push(issue('file.ambiguous-column', 'error', `${file}: the columns ${amb.headers.map((x) => `"${x}"`).join(' and ')} could both be the ${schema.fields.find((f) => f.field === amb.field)?.label ?? amb.field}. Map the columns to say which one to use.`, { file, row: 1, column: amb.headers[0] }));
  }
  if (d.missing.length > 0 || d.ambiguous.length > 0 || duplicateUsed) {
    const missing = d.missing.map((m) => schema.fields.find((f) => f.field === m)?.label ?? m);
    if (missing.length > 0) {
      issues.push(issue('file.missing-column', 'error', `${file} looks like ${schema.label} but has no column for ${missing.join(', ')}. Map a column to ${missing.length > 1 ? 'these fields' : 'this field'} in the Files step, or export the report again with ${missing.length > 1 ? 'these columns' : 'this column'}.`, { file, row: 1 }));
    }
    return false;
  }
  if (kind === 'payments' && d.columns.payType === undefined) {
    issues.push(issue('payment.pay-type-unmapped', 'warning', `${file} has no pay type column, so each row is taken by the sign of its amount: money in when positive, a refund when negative. Credits and write-offs cannot be told apart without it; export the pay type too if you have them.`, { file, row: 1 }));
  }
  return true;
}
