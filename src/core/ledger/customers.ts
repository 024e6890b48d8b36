/**
 * Keap contacts -> QuickBooks customers. Chooses the display name by the profile's rule,
 * replaces colons (a colon would make a Customer:Job), keeps names within 41 characters and
 * distinct (two Keap contacts with the same name get the contact id added), with warnings.
 */
import { issue, type Issue } from '../issues.ts';
import { cleanIifText } from '../iif/sanitize.ts';
import type { ContactDetails, SourceRef } from '../keap/model.ts';
import type { CustomerNameRule } from '../profile/types.ts';
import type { CustomerDef } from './model.ts';

const CUSTOMER_NAME_LIMIT = 41;
const ADDRESS_LIMIT = 41;

export interface ContactInput extends Partial<ContactDetails> {
  contactId: string;
  src?: SourceRef;
}

function desiredName(c: ContactInput, rule: CustomerNameRule): string {
  const first = (c.firstName ?? '').trim();
  const last = (c.lastName ?? '').trim();
  const person = rule === 'last-first' ? [last, first].filter(Boolean).join(', ') : [first, last].filter(Boolean).join(' ');
  const company = (c.company ?? '').trim();
  const name = rule === 'company-or-person' ? company || person : person || company;
  return name || (c.email ?? '').trim() || (c.contactId ? `Keap contact ${c.contactId}` : 'Keap customer');
}

function fitWithSuffix(base: string, suffix: string): string {
  const room = CUSTOMER_NAME_LIMIT - suffix.length;
  return `${base.slice(0, room).trimEnd()}${suffix}`;
}

/** Builds the bill-to lines printed on forms: name, street, city/state/zip, country. */
export function billToLines(name: string, c: Partial<ContactDetails>): string[] {
  const cityLine = [[c.city, c.state].filter((x) => x && x.trim()).join(', '), c.postalCode]
    .filter((x) => x && x.trim())
    .join(' ');
  const country = (c.country ?? '').trim();
  const lines = [name, c.address1 ?? '', c.address2 ?? '', cityLine, /^(us|usa|united states( of america)?)$/i.test(country) ? '' : country];
  return lines.map((l) => cleanIifText(l, ADDRESS_LIMIT).text).filter((l) => l !== '').slice(0, 5);
}

/** Assigns every contact a unique QuickBooks customer name (deterministic: by contact id order). */
export function assignCustomerNames(
  contacts: readonly ContactInput[],
  rule: CustomerNameRule,
  reservedNames: ReadonlySet<string> = new Set(),
  /** Lower-cased names of QuickBooks customers the contacts were not matched to (kept apart from them). */
  qbCustomerNames: ReadonlySet<string> = new Set(),
): { customers: Map<string, CustomerDef>; issues: Issue[] } {
  const issues: Issue[] = [];
  const customers = new Map<string, CustomerDef>();
  const byName = new Map<string, string>(); // lower-case name -> contact id
  const sorted = [...contacts].sort((a, b) => {
    const na = Number(a.contactId);
    const nb = Number(b.contactId);
    if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
    return a.contactId < b.contactId ? -1 : a.contactId > b.contactId ? 1 : 0;
  });
  let unnamed = 0;
  for (const c of sorted) {
    if (customers.has(c.contactId)) continue;
    // Contacts known only from name columns have a synthetic id; show a short number instead.
    const shownId = c.contactId.startsWith('name:') ? `N${++unnamed}` : c.contactId;
    const raw = desiredName(c, rule);
    const cleaned = cleanIifText(raw);
    // After cleaning: a fullwidth colon decomposes to ':' and would make a Customer:Job.
    let name = cleaned.text.replace(/:/g, '-') || `Keap contact ${c.contactId}`;
    const where = c.src ? { file: c.src.file, row: c.src.row } : {};
    const notes: string[] = [];
    if (cleaned.text.includes(':')) notes.push('a colon was replaced by "-" (QuickBooks reads a colon as Customer:Job)');
    if (cleaned.replaced) notes.push('characters QuickBooks cannot take were replaced');
    if (name.length > CUSTOMER_NAME_LIMIT) {
      name = fitWithSuffix(name, shownId ? ` #${shownId}` : '');
      notes.push(`it was shortened to ${CUSTOMER_NAME_LIMIT} characters (with the contact id to keep it unique)`);
    }
    const key = name.toLowerCase();
    const clash = byName.get(key);
    if (clash !== undefined || reservedNames.has(key) || qbCustomerNames.has(key)) {
      const renamed = fitWithSuffix(name, ` (${shownId || customers.size + 1})`);
      issues.push(issue('customer.duplicate-name', 'warning', clash !== undefined
        ? `Keap contacts ${clash} and ${shownId} are both called "${name}"; contact ${shownId} is written as "${renamed}" so QuickBooks keeps them apart.`
        : reservedNames.has(key)
          ? `"${name}" is already used for another kind of name in QuickBooks (a vendor or other name); contact ${shownId} is written as "${renamed}".`
          : `QuickBooks already has a customer "${name}", and contact ${shownId} was not matched to it (see the suggested matches); it is written as "${renamed}" so the import does not post to that customer by mistake. Accept the match if it is the same customer.`, where));
      name = renamed;
    } else if (notes.length > 0) {
      issues.push(issue('customer.renamed', 'warning', `Customer "${raw.slice(0, 60)}" is written as "${name}": ${notes.join('; ')}.`, where));
    }
    byName.set(name.toLowerCase(), shownId);
    customers.set(c.contactId, {
      name,
      contactId: c.contactId,
      firstName: cleanIifText(c.firstName ?? '', 25).text,
      lastName: cleanIifText(c.lastName ?? '', 25).text,
      company: cleanIifText(c.company ?? '', 41).text,
      email: cleanIifText(c.email ?? '', 99).text,
      phone: cleanIifText(c.phone ?? '', 21).text,
      billTo: billToLines(name, c),
    });
  }
  return { customers, issues };
}
