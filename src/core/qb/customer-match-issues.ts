/**
 * Customer matches as issues for the problem list and `--report`: one `customer.matched`
 * (info) per matched contact, one `customer.match-suggested` (warning) per contact waiting for
 * the user's answer, one `customer.match-stale` (warning) per saved choice that could not be
 * applied. Contacts with no match say nothing: they are new customers, as before.
 */
import { issue, type Issue } from '../issues.ts';
import type { CustomerMatch, MatchCandidate, MatchContact, MatchedBy, SuggestionReason } from './customer-match.ts';

/** At most this many candidates are named in one message; the review lists them all. */
const NAMED_CANDIDATES = 3;

const MATCHED_BECAUSE: Record<MatchedBy, string> = {
  choice: 'as you chose',
  email: 'it is the only QuickBooks customer with the same e-mail',
  'same-name': 'QuickBooks has that very name',
  name: 'the names differ only in case, punctuation, spacing, "Last, First" order or a company suffix',
};

const SUGGESTED_BECAUSE: Record<SuggestionReason, string> = {
  email: 'same e-mail',
  name: 'same name apart from case, punctuation, order or a company suffix',
  'other-name': "same as the contact's person or company name",
  'one-edit-away': 'one letter apart',
};

function who(c: MatchContact): string {
  // Contacts known only by name have a synthetic key; their name is all the user knows them by.
  return c.contactKey.startsWith('name:') ? `Keap contact "${c.proposedName}"` : `Keap contact ${c.contactKey} ("${c.proposedName}")`;
}

function describeCandidate(c: MatchCandidate): string {
  const notes = [SUGGESTED_BECAUSE[c.reason]];
  if (c.alsoClaimedBy) notes.push(`Keap contact${c.alsoClaimedBy.length === 1 ? '' : 's'} ${c.alsoClaimedBy.map((k) => (k.startsWith('name:') ? 'known by name' : k)).join(', ')} also point${c.alsoClaimedBy.length === 1 ? 's' : ''} at it`);
  if (c.hidden) notes.push('inactive in QuickBooks');
  return `"${c.qbName}" (${notes.join('; ')})`;
}

function matchIssue(c: MatchContact, m: CustomerMatch): Issue | null {
  const where = c.src ? { file: c.src.file, row: c.src.row } : {};
  switch (m.status) {
    case 'matched': {
      const inactive = m.hidden ? ' It is inactive in QuickBooks: make it active again before you import.' : '';
      return issue('customer.matched', 'info', `${who(c)} is written as the QuickBooks customer "${m.qbName}" (${MATCHED_BECAUSE[m.by]}); no new customer is created.${inactive}`, where);
    }
    case 'suggested': {
      const named = m.candidates.slice(0, NAMED_CANDIDATES).map(describeCandidate).join(', or ');
      const more = m.candidates.length > NAMED_CANDIDATES ? ` and ${m.candidates.length - NAMED_CANDIDATES} more` : '';
      return issue(
        'customer.match-suggested',
        'warning',
        `${who(c)} may be the QuickBooks customer ${named}${more}. Accept or reject the suggestion in the review; until then the contact is written as a new customer.`,
        where,
      );
    }
    case 'none':
      return null;
  }
}

/** The issues of a matching run; `contacts` and `matches` are in the same order (as matchCustomers returns them). */
export function customerMatchIssues(contacts: readonly MatchContact[], matches: readonly CustomerMatch[]): Issue[] {
  const issues: Issue[] = [];
  matches.forEach((m, i) => {
    const c = contacts[i]!;
    if (m.staleChoice !== undefined) {
      issues.push(
        issue(
          'customer.match-stale',
          'warning',
          `You chose to write ${who(c)} as the QuickBooks customer "${m.staleChoice}", but the loaded QuickBooks lists have no such customer (renamed or deleted?), so the choice was not applied. Choose again in the review.`,
          c.src ? { file: c.src.file, row: c.src.row } : {},
        ),
      );
    }
    const x = matchIssue(c, m);
    if (x) issues.push(x);
  });
  return issues;
}
