/**
 * QuickBooks' rules for list names, checked before anything is written: a name that is too
 * long or has characters QuickBooks cannot take is a mapping problem the user fixes, never a
 * silent cut (two items cut to the same 31 characters would merge).
 */
import { cleanIifText } from '../iif/sanitize.ts';

export type QbNameKind = 'account' | 'item' | 'class' | 'customer' | 'paymentMethod' | 'vendor';

/** Maximum length of one segment (between colons) of each kind of name. */
export const NAME_LIMITS: Record<QbNameKind, number> = {
  account: 31,
  item: 31,
  class: 31,
  customer: 41,
  paymentMethod: 31,
  vendor: 41,
};

const KIND_LABELS: Record<QbNameKind, string> = {
  account: 'account',
  item: 'item',
  class: 'class',
  customer: 'customer',
  paymentMethod: 'payment method',
  vendor: 'vendor',
};

/** A problem with a QuickBooks name: its code and a plain-English message. */
export interface NameProblem {
  code: 'name.too-long' | 'name.invalid';
  message: string;
}

/** Problems with a QuickBooks name (empty when it is fine). */
export function qbNameProblems(name: string, kind: QbNameKind): NameProblem[] {
  const problems: NameProblem[] = [];
  const invalid = (message: string) => problems.push({ code: 'name.invalid', message });
  const label = KIND_LABELS[kind];
  if (name.trim() === '') return [{ code: 'name.invalid', message: `The ${label} name is empty.` }];
  const cleaned = cleanIifText(name);
  if (cleaned.text !== name.trim()) {
    invalid(`The ${label} name "${name}" holds characters QuickBooks cannot take (tab, line break, ; or ", or characters outside Windows-1252); it would be written as "${cleaned.text}".`);
  }
  const hierarchical = kind === 'account' || kind === 'item' || kind === 'class';
  const segments = hierarchical ? name.split(':') : [name];
  if (!hierarchical && name.includes(':')) invalid(`A ${label} name cannot contain ":" (QuickBooks reads it as a sub-entry).`);
  if (hierarchical) {
    if (segments.some((s) => s === '')) invalid(`The ${label} name "${name}" has an empty part between colons.`);
    if (segments.some((s) => s !== s.trim())) invalid(`Write sub-${label}s as Parent:Child with no spaces around the colon.`);
  }
  const limit = NAME_LIMITS[kind];
  for (const s of segments) {
    if (s.length > limit) {
      problems.push({
        code: 'name.too-long',
        message: hierarchical && segments.length > 1
          ? `The part "${s.slice(0, 20)}…" of the ${label} name is ${s.length} characters; QuickBooks allows ${limit} per level.`
          : `The ${label} name is ${s.length} characters; QuickBooks allows ${limit}.`,
      });
    }
  }
  return problems;
}

/** The messages of qbNameProblems (for showing next to an input). */
export function checkQbName(name: string, kind: QbNameKind): string[] {
  return qbNameProblems(name, kind).map((p) => p.message);
}

/** A name shortened to fit, kept distinct from names already taken, for defaults we propose. */
export function fitName(name: string, limit: number, taken: ReadonlySet<string>): string {
  const base = cleanIifText(name).text.replace(/:/g, '-') || 'Unnamed';
  if (base.length <= limit && !taken.has(base.toLowerCase())) return base;
  for (let n = 1; n < 10_000; n++) {
    const suffix = n === 1 && base.length > limit ? '' : ` ${n}`;
    const candidate = `${base.slice(0, limit - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
  return base.slice(0, limit);
}
