/**
 * `--deposit-date FILE=MM/DD/YYYY` (repeatable): the date of the deposits in a deposit file that
 * carries none and that the deposits list does not date. FILE is one of the input files, as typed
 * or by its name; the converter knows files by name.
 */
import { basename } from 'node:path';
import { parseDate, type IsoDate } from '../core/dates.ts';
import { UsageError } from './errors.ts';
import type { OptionValues } from './commands.ts';

export function depositDatesOf(values: OptionValues, files: readonly string[]): Record<string, IsoDate> {
  const given = values['deposit-date'];
  const list = Array.isArray(given) ? given : given === undefined ? [] : [given];
  const out: Record<string, IsoDate> = {};
  for (const entry of list) {
    if (typeof entry !== 'string') continue;
    const cut = entry.lastIndexOf('=');
    const file = cut > 0 ? entry.slice(0, cut) : '';
    const date = cut > 0 ? parseDate(entry.slice(cut + 1).trim()) : null;
    if (!file || !date || !date.ok || date.twoDigitYear) {
      throw new UsageError(`--deposit-date takes FILE=MM/DD/YYYY, the deposit file and the date its deposit reached the bank (got "${entry}").`, 'convert');
    }
    const name = basename(file);
    if (!files.some((f) => f === file || basename(f) === name)) {
      throw new UsageError(`--deposit-date names ${file}, which is not one of the input files.`, 'convert');
    }
    out[name] = date.date;
  }
  return out;
}
