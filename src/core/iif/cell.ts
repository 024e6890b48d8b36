/**
 * One IIF cell: the one place that makes a value safe for IIF, which has no escape mechanism.
 */
import { cleanIifText, isCleanIifText } from './sanitize.ts';

/**
 * Cleans the value (no TAB, CR, LF, `;` or `"`) and, as QuickBooks' own exports do, wraps a
 * value holding a comma in double quotes so no reader can take the comma for a delimiter.
 */
export function cell(value: string | undefined): string {
  if (!value) return '';
  const text = isCleanIifText(value) ? value : cleanIifText(value).text;
  return text.includes(',') ? `"${text}"` : text;
}
