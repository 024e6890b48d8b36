/**
 * Keap contacts -> customers the QuickBooks company file already has, so an import posts to
 * "Doe, Jane" instead of creating "Jane Doe" beside her. Per contact: a match (applied), a
 * suggestion (shown; applied only once the user accepts it) or none. The user's saved choices
 * win. Pure: the caller passes the contacts, the list export's customers and the choices.
 */
import type { SourceRef } from '../keap/model.ts';
import type { CustomerMatchChoice, QbCustomer } from '../profile/types.ts';
import { deletionNeighbours, isOneEditApart, normalizeCustomerName, normalizeEmail } from './customer-name-key.ts';


/**
 * A customer name as QuickBooks compares it (case-insensitive), with runs of spaces read as one.
 * Whether QuickBooks reads "Price,  Gwen" and "Price, Gwen" as one name is unknown, but the
 * writer collapses runs of spaces in every name, so the file holds the second either way. The
 * build reserves these keys of every QuickBooks customer for the contacts not matched to it.
 */
export function qbCustomerNameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A Keap contact as matching reads it. */
export interface MatchContact {
  /** What the user's choice is saved under: the Keap contact id (the build's `name:` key for a contact known only by name). */
  contactKey: string;
  firstName: string;
  lastName: string;
  company: string;
  email: string;
  /** The customer name keap2iif would write for the contact. */
  proposedName: string;
  /** Where the contact was read, for the messages. */
  src?: SourceRef;
}

/**
 * Why a contact is matched. `same-name` is QuickBooks' own rule (the very name we would write,
 * apart from case); `name` is the normalised name; `choice` is the user's accepted suggestion.
 */
export type MatchedBy = 'choice' | 'email' | 'same-name' | 'name';

/** What points from a contact to a suggested customer. */
export type SuggestionReason = 'email' | 'name' | 'other-name' | 'one-edit-away';

export interface MatchCandidate {
  qbName: string;
  hidden: boolean;
  reason: SuggestionReason;
  /** Other contacts that point at the same customer (keys), when any: why it is only a suggestion. */
  alsoClaimedBy?: string[];
}

interface MatchBase {
  contactKey: string;
  /** An accepted choice whose customer the loaded lists no longer have (it was not applied). */
  staleChoice?: string;
}

export type CustomerMatch =
  | (MatchBase & { status: 'matched'; qbName: string; hidden: boolean; by: MatchedBy })
  | (MatchBase & { status: 'suggested'; candidates: MatchCandidate[] })
  | (MatchBase & { status: 'none'; declined?: string });

export type CustomerMatchChoices = Readonly<Record<string, CustomerMatchChoice>>;

/** Suggestions come in this order: the strongest evidence first. */
const REASON_ORDER: readonly SuggestionReason[] = ['email', 'name', 'other-name', 'one-edit-away'];

/**
 * Below this many characters a normalised name is too short for "one edit away" to mean
 * anything ("Al Wu" is one letter from "Al Wo", "Al Su", "Al Wun"...): no near suggestions for it.
 */
export const NEAR_MATCH_MIN_LENGTH = 6;

/** The QuickBooks customers, indexed by each kind of evidence. Jobs are left out of automatic matching. */
interface CustomerIndex {
  customers: readonly QbCustomer[];
  /** Normalised name of each customer ('' for a job). */
  keys: string[];
  byEmail: Map<string, number[]>;
  byKey: Map<string, number[]>;
  /** Every customer (jobs too) by QuickBooks' own comparison: for choices and the same-name rule. */
  bySpelling: Map<string, number>;
  near: Map<string, number[]> | null;
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}

/** A Customer:Job's job, never a Keap contact: a contact is a customer of its own. */
const isJob = (c: QbCustomer): boolean => c.name.includes(':');

function indexCustomers(customers: readonly QbCustomer[]): CustomerIndex {
  const index: CustomerIndex = { customers, keys: [], byEmail: new Map(), byKey: new Map(), bySpelling: new Map(), near: null };
  customers.forEach((c, i) => {
    const spelling = qbCustomerNameKey(c.name);
    // First wins, as in the name checks: QuickBooks holds no two customers of one spelling.
    if (!index.bySpelling.has(spelling)) index.bySpelling.set(spelling, i);
    const job = isJob(c);
    const key = job ? '' : normalizeCustomerName(c.name);
    index.keys.push(key);
    if (job) return;
    const email = normalizeEmail(c.email ?? '');
    if (email !== '') push(index.byEmail, email, i);
    if (key !== '') push(index.byKey, key, i);
  });
  return index;
}

/** Customers whose normalised name is one edit from `key`; the index is built on first use. */
function nearCustomers(index: CustomerIndex, key: string): number[] {
  if (key.length < NEAR_MATCH_MIN_LENGTH) return [];
  if (index.near === null) {
    index.near = new Map();
    for (const [k, list] of index.byKey) for (const variant of deletionNeighbours(k)) for (const i of list) push(index.near, variant, i);
  }
  const found = new Set<number>();
  for (const variant of deletionNeighbours(key)) {
    for (const i of index.near.get(variant) ?? []) {
      if (isOneEditApart(key, index.keys[i]!)) found.add(i);
    }
  }
  return [...found].sort((a, b) => a - b);
}

interface Exact {
  customer: number;
  by: Exclude<MatchedBy, 'choice'>;
}

interface Evidence {
  exact: Exact | null;
  /** Every other customer the contact points at, strongest reason first, each once. */
  loose: { customer: number; reason: SuggestionReason }[];
}

/** The names of a contact other than the one we would write: the person, and the company. */
function otherNameKeys(c: MatchContact, proposedKey: string): string[] {
  const person = normalizeCustomerName(`${c.firstName} ${c.lastName}`);
  const company = normalizeCustomerName(c.company);
  return [person, company].filter((k, i, all) => k !== '' && k !== proposedKey && all.indexOf(k) === i);
}

/**
 * What the QuickBooks list says about one contact. The e-mail decides when exactly one
 * customer has it; else the same name (QuickBooks' rule), else one customer with the same
 * normalised name. Everything else is only a pointer for a suggestion.
 */
function evidenceFor(c: MatchContact, index: CustomerIndex): Evidence {
  const email = normalizeEmail(c.email);
  const emailHits = email === '' ? [] : (index.byEmail.get(email) ?? []);
  const proposedKey = normalizeCustomerName(c.proposedName);
  const nameHits = proposedKey === '' ? [] : (index.byKey.get(proposedKey) ?? []);
  const sameSpelling = index.bySpelling.get(qbCustomerNameKey(c.proposedName));
  // The same spelling of a job is not this contact (jobs are not in nameHits).
  const sameName = sameSpelling !== undefined && nameHits.includes(sameSpelling) ? sameSpelling : undefined;

  let exact: Exact | null = null;
  if (emailHits.length === 1) exact = { customer: emailHits[0]!, by: 'email' };
  else if (sameName !== undefined) exact = { customer: sameName, by: 'same-name' };
  else if (nameHits.length === 1) exact = { customer: nameHits[0]!, by: 'name' };

  const loose: Evidence['loose'] = [];
  const seen = new Set<number>(exact ? [exact.customer] : []);
  const add = (customers: readonly number[], reason: SuggestionReason): void => {
    for (const customer of customers) {
      if (seen.has(customer)) continue;
      seen.add(customer);
      loose.push({ customer, reason });
    }
  };
  add(emailHits, 'email');
  add(nameHits, 'name');
  for (const key of otherNameKeys(c, proposedKey)) add(index.byKey.get(key) ?? [], 'other-name');
  add(nearCustomers(index, proposedKey), 'one-edit-away');
  return { exact, loose };
}

/** A contact's state after its saved choice is read. */
type Draft =
  | { kind: 'accepted'; customer: number }
  | { kind: 'rejected'; qbName: string }
  | { kind: 'auto'; evidence: Evidence; staleChoice?: string };

function choiceOf(choices: CustomerMatchChoices, key: string): CustomerMatchChoice | undefined {
  // Own keys only: a contact id like "constructor" must not find Object.prototype's.
  return Object.hasOwn(choices, key) ? choices[key] : undefined;
}

function draftFor(c: MatchContact, index: CustomerIndex, choices: CustomerMatchChoices): Draft {
  const choice = choiceOf(choices, c.contactKey);
  if (choice?.decision === 'rejected') return { kind: 'rejected', qbName: choice.qbName };
  if (choice?.decision === 'accepted') {
    const customer = index.bySpelling.get(qbCustomerNameKey(choice.qbName));
    if (customer !== undefined) return { kind: 'accepted', customer };
    return { kind: 'auto', evidence: evidenceFor(c, index), staleChoice: choice.qbName };
  }
  return { kind: 'auto', evidence: evidenceFor(c, index) };
}

/**
 * Which contacts point at each customer: an accepted choice, an automatic match, or (for a
 * contact with neither) its e-mail and name pointers. Near names are not claims: a typo-like
 * likeness is too weak to hold back another contact's match.
 */
function claimsOf(contacts: readonly MatchContact[], drafts: readonly Draft[]): Map<number, Set<string>> {
  const claims = new Map<number, Set<string>>();
  const claim = (customer: number, key: string): void => {
    const set = claims.get(customer);
    if (set === undefined) claims.set(customer, new Set([key]));
    else set.add(key);
  };
  drafts.forEach((d, i) => {
    const key = contacts[i]!.contactKey;
    if (d.kind === 'accepted') claim(d.customer, key);
    if (d.kind !== 'auto') return;
    if (d.evidence.exact) claim(d.evidence.exact.customer, key);
    else for (const l of d.evidence.loose) if (l.reason !== 'one-edit-away') claim(l.customer, key);
  });
  return claims;
}

function candidate(index: CustomerIndex, claims: Map<number, Set<string>>, self: string, customer: number, reason: SuggestionReason): MatchCandidate {
  const c = index.customers[customer]!;
  const others = [...(claims.get(customer) ?? [])].filter((k) => k !== self);
  return others.length > 0 ? { qbName: c.name, hidden: c.hidden, reason, alsoClaimedBy: others } : { qbName: c.name, hidden: c.hidden, reason };
}

const EXACT_REASON: Record<Exact['by'], SuggestionReason> = { email: 'email', 'same-name': 'name', name: 'name' };

function decide(c: MatchContact, d: Draft, index: CustomerIndex, claims: Map<number, Set<string>>): CustomerMatch {
  const contactKey = c.contactKey;
  if (d.kind === 'rejected') return { contactKey, status: 'none', declined: d.qbName };
  if (d.kind === 'accepted') {
    // Written in QuickBooks' spelling, whatever the case the choice was saved in.
    const qb = index.customers[d.customer]!;
    return { contactKey, status: 'matched', qbName: qb.name, hidden: qb.hidden, by: 'choice' };
  }
  const stale = d.staleChoice === undefined ? {} : { staleChoice: d.staleChoice };
  const { exact, loose } = d.evidence;
  // An automatic match stands only when no other contact points at the same customer: which
  // of two Keap contacts is the QuickBooks customer is the user's call.
  if (exact && (claims.get(exact.customer)?.size ?? 0) <= 1) {
    const qb = index.customers[exact.customer]!;
    return { contactKey, status: 'matched', qbName: qb.name, hidden: qb.hidden, by: exact.by, ...stale };
  }
  const pointers = exact ? [{ customer: exact.customer, reason: EXACT_REASON[exact.by] }, ...loose] : loose;
  if (pointers.length === 0) return { contactKey, status: 'none', ...stale };
  // A contested exact match goes among the others by its reason (a stable sort keeps list order within one).
  const ordered = [...pointers].sort((a, b) => REASON_ORDER.indexOf(a.reason) - REASON_ORDER.indexOf(b.reason));
  return { contactKey, status: 'suggested', candidates: ordered.map((p) => candidate(index, claims, contactKey, p.customer, p.reason)), ...stale };
}

/** Without a loaded customer list only the saved choices count: an accepted one is the user's word. */
function matchByChoicesOnly(contacts: readonly MatchContact[], choices: CustomerMatchChoices): CustomerMatch[] {
  return contacts.map((c): CustomerMatch => {
    const choice = choiceOf(choices, c.contactKey);
    if (choice?.decision === 'accepted') return { contactKey: c.contactKey, status: 'matched', qbName: choice.qbName, hidden: false, by: 'choice' };
    if (choice?.decision === 'rejected') return { contactKey: c.contactKey, status: 'none', declined: choice.qbName };
    return { contactKey: c.contactKey, status: 'none' };
  });
}

/**
 * Decides, per contact (in the order given), whether it is a customer QuickBooks already has.
 * `qbCustomers` is the list export's customer list, or null when no list is loaded.
 */
export function matchCustomers(
  contacts: readonly MatchContact[],
  qbCustomers: readonly QbCustomer[] | null,
  choices: CustomerMatchChoices = {},
): CustomerMatch[] {
  if (qbCustomers === null) return matchByChoicesOnly(contacts, choices);
  const index = indexCustomers(qbCustomers);
  const drafts = contacts.map((c) => draftFor(c, index, choices));
  const claims = claimsOf(contacts, drafts);
  return contacts.map((c, i) => decide(c, drafts[i]!, index, claims));
}

/** Contact key -> the QuickBooks name it is written under, for every matched contact. */
export function matchedCustomerNames(matches: readonly CustomerMatch[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of matches) if (m.status === 'matched') names.set(m.contactKey, m.qbName);
  return names;
}
