/**
 * Customers the QuickBooks company file already has: with the customer list loaded (or the
 * user's saved choices), each Keap contact matched to an existing customer is written under
 * that customer's name, so the import adds no duplicate. A contact not matched keeps a name of
 * its own that no QuickBooks customer has, since QuickBooks posts to any customer of the same
 * name without asking.
 */
import type { Issue } from '../issues.ts';
import { customerMatchIssues } from '../qb/customer-match-issues.ts';
import { matchCustomers, matchedCustomerNames, qbCustomerNameKey, type CustomerMatch, type MatchContact } from '../qb/customer-match.ts';
import type { Profile } from '../profile/types.ts';
import { assignCustomerNames, billToLines, type ContactInput } from './customers.ts';
import type { CustomerDef } from './model.ts';

/** What matching decided, per contact, for the review and the report. */
export interface CustomerMatching {
  contacts: MatchContact[];
  matches: CustomerMatch[];
}

export interface NamedCustomers {
  customers: Map<string, CustomerDef>;
  issues: Issue[];
  matching: CustomerMatching;
}

/** Names every contact (customers.ts), then applies the matches to QuickBooks customers. */
export function nameCustomers(inputs: readonly ContactInput[], profile: Profile, reserved: ReadonlySet<string>): NamedCustomers {
  const rule = profile.options.customerName;
  const proposed = assignCustomerNames(inputs, rule, reserved);
  const qbCustomers = profile.qbLists?.customers ?? null;
  const choices = profile.customerMatches ?? {};
  if (qbCustomers === null && Object.keys(choices).length === 0) return { ...proposed, matching: { contacts: [], matches: [] } };

  const contacts: MatchContact[] = inputs.map((c) => ({
    contactKey: c.contactId,
    firstName: c.firstName ?? '',
    lastName: c.lastName ?? '',
    company: c.company ?? '',
    email: c.email ?? '',
    proposedName: proposed.customers.get(c.contactId)?.name ?? '',
    ...(c.src ? { src: c.src } : {}),
  }));
  const matches = matchCustomers(contacts, qbCustomers, choices);
  const matched = matchedCustomerNames(matches);
  // Names again, keeping every contact not matched away from the QuickBooks customers' names.
  const qbNames = new Set((qbCustomers ?? []).map((c) => qbCustomerNameKey(c.name)));
  for (const name of matched.values()) qbNames.delete(qbCustomerNameKey(name));
  const unmatched = inputs.filter((c) => !matched.has(c.contactId));
  const named = assignCustomerNames(unmatched, rule, reserved, qbNames);
  const customers = new Map<string, CustomerDef>();
  const byId = new Map(inputs.map((c) => [c.contactId, c]));
  for (const [id, def] of proposed.customers) {
    const qbName = matched.get(id);
    if (qbName !== undefined) customers.set(id, { ...def, name: qbName, billTo: billToLines(qbName, byId.get(id) ?? {}) });
    else customers.set(id, named.customers.get(id) ?? def);
  }
  return { customers, issues: [...named.issues, ...customerMatchIssues(contacts, matches)], matching: { contacts, matches } };
}
