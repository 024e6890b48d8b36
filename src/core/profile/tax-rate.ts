/**
 * Profile rule: how a sales-tax rate is written. One place for the pattern, used by the
 * stored-profile check (validate.ts) and by the mapping screen as the user types, so a rate
 * the screen accepts is always one the profile check accepts.
 */

/** Up to two whole digits, up to four decimals with a dot, an optional trailing `%` (6.5, 6.5%, 10). */
const TAX_RATE_PATTERN = /^\d{1,2}(\.\d{1,4})?%?$/;

/** True for an empty rate (no rate on the tax line) or a rate the profile accepts, spaces around it ignored. */
export function isTaxRate(text: string): boolean {
  const t = text.trim();
  return t === '' || TAX_RATE_PATTERN.test(t);
}
