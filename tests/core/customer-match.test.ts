import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import {
  matchCustomers,
  matchedCustomerNames,
  NEAR_MATCH_MIN_LENGTH,
  qbCustomerNameKey,
  type CustomerMatch,
  type CustomerMatchChoices,
  type MatchContact,
} from '../../src/core/qb/customer-match.ts';
import { deletionNeighbours, isOneEditApart, normalizeCustomerName } from '../../src/core/qb/customer-name-key.ts';
import { customerMatchIssues } from '../../src/core/qb/customer-match-issues.ts';
import { readQbListsBytes } from '../../src/core/qb/lists.ts';
import type { QbCustomer } from '../../src/core/profile/types.ts';

function contact(proposedName: string, more: Partial<MatchContact> = {}): MatchContact {
  return { contactKey: '1', firstName: '', lastName: '', company: '', email: '', proposedName, ...more };
}

const qb = (name: string, more: Partial<QbCustomer> = {}): QbCustomer => ({ name, hidden: false, ...more });

/** A match in a few words, so a table row reads as the outcome it expects. */
function outcome(m: CustomerMatch): string {
  switch (m.status) {
    case 'matched':
      return `matched "${m.qbName}" by ${m.by}${m.hidden ? ' (inactive)' : ''}`;
    case 'suggested':
      return `suggested ${m.candidates.map((c) => `"${c.qbName}" (${c.reason}${c.alsoClaimedBy ? `, also ${c.alsoClaimedBy.join('+')}` : ''})`).join(', ')}`;
    case 'none':
      return m.declined === undefined ? 'none' : `none, declined "${m.declined}"`;
  }
}

describe('normalizeCustomerName', () => {
  it.each([
    ['case', 'ACME WIDGETS', 'acme widgets'],
    ['spacing inside and around', '  Jane   Doe ', 'Jane Doe'],
    ['"Last, First"', 'Doe, Jane', 'Jane Doe'],
    ['"Last, First" with the genuine double space', 'Price,  Gwen', 'Gwen Price'],
    ['"Last, First" with no space after the comma', 'Doe,Jane', 'Jane Doe'],
    ['comma and period before the suffix', 'Acme, Inc.', 'Acme Inc'],
    ['suffix Inc', 'Acme Inc', 'Acme'],
    ['suffix Incorporated', 'Acme Incorporated', 'Acme'],
    ['suffix LLC', 'Acme LLC', 'Acme'],
    ['suffix L.L.C.', 'Acme L.L.C.', 'Acme'],
    ['suffix ", LLC"', 'Acme, LLC', 'Acme'],
    ['suffix Ltd', 'Acme Ltd', 'Acme'],
    ['suffix Ltd.', 'Acme Ltd.', 'Acme'],
    ['suffix Limited', 'Acme Limited', 'Acme'],
    ['suffix Co', 'Acme Co', 'Acme'],
    ['suffix Co.', 'Acme Co.', 'Acme'],
    ['suffix Corp', 'Acme Corp', 'Acme'],
    ['suffix Corp.', 'Acme Corp.', 'Acme'],
    ['suffix Corporation', 'Acme Corporation', 'Acme'],
    ['suffix Company', 'Acme Company', 'Acme'],
    ['suffix LP', 'Acme LP', 'Acme'],
    ['suffix LLP', 'Acme LLP', 'Acme'],
    ['suffix PLLC', 'Acme PLLC', 'Acme'],
    ['suffix PC', 'Acme P.C.', 'Acme'],
    ['suffix PLC', 'Acme plc', 'Acme'],
    ['two suffixes', 'Acme Co., Inc.', 'Acme'],
    ['& and "and"', "Rick's Bar & Grill", 'Ricks Bar and Grill'],
    ['apostrophe removed, not spaced', "O'Brien, Pat", 'Pat OBrien'],
    ['curly apostrophe', 'Wood\u2019s Garden Cafe', "Wood's Garden Cafe"],
    ['hyphen', 'Theurer-Davis, Vicki', 'Vicki Theurer Davis'],
    ['accents', 'José Núñez', 'Jose Nunez'],
  ])('%s: "%s" and "%s" are one name', (_what, a, b) => {
    expect(normalizeCustomerName(a)).toBe(normalizeCustomerName(b));
    expect(normalizeCustomerName(a)).not.toBe('');
  });

  it.each([
    ['a different company word', 'Acme Inc', 'Acme Industries'],
    ['"Group" is not a suffix', 'Acme Group', 'Acme'],
    ['two people with the same first name', 'Jane Doe', 'Jane Smith'],
    ['two people with the same last name', 'Doe, John', 'Doe, Jane'],
    ['one letter apart', 'Jane Doe', 'Jane Dow'],
    ['word order without a comma', 'Smith Barney', 'Barney Smith'],
    ['a suffix word at the start is kept', 'Co Op Market', 'Op Market'],
    ['two commas keep their order', 'Campion, Patrick, CPA', 'Patrick Campion'],
    ['a job is not its customer', 'Balak, Mike:330 Main St', 'Balak, Mike'],
  ])('%s: "%s" and "%s" stay apart', (_what, a, b) => {
    expect(normalizeCustomerName(a)).not.toBe(normalizeCustomerName(b));
  });

  it.each([
    ['Doe, Jane', 'jane doe'],
    ['Acme, Inc.', 'acme'],
    ['Inc.', 'inc'],
    ['!!!', ''],
    ['', ''],
  ])('"%s" -> "%s"', (name, key) => {
    expect(normalizeCustomerName(name)).toBe(key);
  });
});

describe('qbCustomerNameKey', () => {
  it.each([
    ['Doe, Jane', 'doe, jane'],
    ['  Price,  Gwen ', 'price, gwen'],
    ['Acme, Inc.', 'acme, inc.'],
  ])('"%s" -> "%s" (case and runs of spaces only: punctuation and order count)', (name, key) => {
    expect(qbCustomerNameKey(name)).toBe(key);
  });
});

describe('isOneEditApart', () => {
  it.each([
    ['jane doe', 'jane dow', true, 'a letter changed'],
    ['jane doe', 'jane does', true, 'a letter added'],
    ['jane doe', 'jane de', true, 'a letter removed'],
    ['jane doe', 'jane deo', true, 'neighbours swapped'],
    ['jane doe', 'jane doe', false, 'equal'],
    ['jane doe', 'jane dwo', false, 'two letters changed'],
    ['jane doe', 'jane d', false, 'two letters removed'],
    ['ann lee', 'dan lee', false, 'two changes'],
    ['abc', 'bca', false, 'a rotation'],
  ])('"%s" / "%s": %s (%s)', (a, b, expected) => {
    expect(isOneEditApart(a, b)).toBe(expected);
    expect(isOneEditApart(b, a)).toBe(expected);
  });

  it('deletion neighbours are the key and every one-letter deletion, each once', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', ' '), maxLength: 8 });
    fc.assert(
      fc.property(word, (k) => {
        const all = new Set([k, ...[...k].map((_, i) => k.slice(0, i) + k.slice(i + 1))]);
        const neighbours = deletionNeighbours(k);
        expect(new Set(neighbours)).toEqual(all);
        expect(neighbours).toHaveLength(all.size);
      }),
    );
  });

  it('every pair one edit apart shares a deletion neighbour (what the near index relies on)', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' '), minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        fc.pre(isOneEditApart(a, b));
        const ofA = new Set(deletionNeighbours(a));
        expect(deletionNeighbours(b).some((n) => ofA.has(n))).toBe(true);
      }),
    );
  });
});

describe('matchCustomers: one contact', () => {
  it.each<[string, MatchContact, QbCustomer[], string]>([
    ['e-mail on exactly one customer, names differ', contact('Jane Smith', { email: 'jane@x.com' }), [qb('Doe, Jane', { email: 'jane@x.com' }), qb('Jane Smith')], 'matched "Doe, Jane" by email'],
    ['e-mail compared without case or spaces', contact('J. Doe', { email: ' JANE@X.COM' }), [qb('Doe, Jane', { email: 'jane@x.com' })], 'matched "Doe, Jane" by email'],
    [
      'e-mail on two customers is not a match by e-mail; the name decides',
      contact('Jane Doe', { email: 'shared@x.com' }),
      [qb('Doe, Jane', { email: 'shared@x.com' }), qb('Doe Family Trust', { email: 'shared@x.com' })],
      'matched "Doe, Jane" by name',
    ],
    [
      'e-mail on two customers and no name: both suggested',
      contact('Keap Person', { email: 'shared@x.com' }),
      [qb('Doe, Jane', { email: 'shared@x.com' }), qb('Doe Family Trust', { email: 'shared@x.com' })],
      'suggested "Doe, Jane" (email), "Doe Family Trust" (email)',
    ],
    ['the e-mail wins over the very same name', contact('Jane Doe', { email: 'jane@x.com' }), [qb('Jane Doe'), qb('Doe, Jane', { email: 'jane@x.com' })], 'matched "Doe, Jane" by email'],
    ['the very name apart from case and spacing', contact('jane  DOE'), [qb('Jane Doe')], 'matched "Jane Doe" by same-name'],
    ['"Last, First" against "First Last"', contact('Jane Doe'), [qb('Doe, Jane')], 'matched "Doe, Jane" by name'],
    ['"Acme Inc" against "Acme, Inc."', contact('Acme Inc'), [qb('Acme, Inc.')], 'matched "Acme, Inc." by name'],
    ['"Acme Inc" against "Acme Industries"', contact('Acme Inc'), [qb('Acme Industries')], 'none'],
    ['two different people with the same first name', contact('Jane Doe', { firstName: 'Jane', lastName: 'Doe' }), [qb('Smith, Jane'), qb('Jane Smith')], 'none'],
    ['"Jane Doe" against "Jane Dow" is a suggestion', contact('Jane Doe'), [qb('Jane Dow')], 'suggested "Jane Dow" (one-edit-away)'],
    ['one edit away after normalising ("Doe, Jayne")', contact('Jane Doe'), [qb('Doe, Jayne')], 'suggested "Doe, Jayne" (one-edit-away)'],
    ['too short for a near match', contact('Al Wu'), [qb('Al Wo')], 'none'],
    ['the same normalised name on two customers', contact('ACME'), [qb('Acme Inc'), qb('Acme, LLC')], 'suggested "Acme Inc" (name), "Acme, LLC" (name)'],
    ['the very name decides among customers of one normalised name', contact('acme inc'), [qb('Acme, LLC'), qb('Acme Inc')], 'matched "Acme Inc" by same-name'],
    ['the person name when the company is written', contact('Wild Garden Restaurant', { firstName: 'Edward', lastName: 'Blackwell', company: 'Wild Garden Restaurant' }), [qb('Blackwell, Edward')], 'suggested "Blackwell, Edward" (other-name)'],
    ['the company name when the person is written', contact('Jane Doe', { firstName: 'Jane', lastName: 'Doe', company: 'Acme LLC' }), [qb('Acme, Inc.')], 'suggested "Acme, Inc." (other-name)'],
    ['an inactive customer is matched and said inactive', contact('Jane Doe'), [qb('Doe, Jane', { hidden: true })], 'matched "Doe, Jane" by name (inactive)'],
    ['a job is never matched by name', contact('Mike Balak'), [qb('Balak, Mike:Residential')], 'none'],
    ['a job is never matched by e-mail', contact('Mike Balak', { email: 'mike@x.com' }), [qb('Balak, Mike:Residential', { email: 'mike@x.com' })], 'none'],
    ['the customer of a job is', contact('Mike Balak'), [qb('Balak, Mike'), qb('Balak, Mike:Residential')], 'matched "Balak, Mike" by name'],
    ['no list entries', contact('Jane Doe'), [], 'none'],
    ['suggestions strongest first, each customer once', contact('Jane Dowe', { email: 'j@x.com', company: 'Doe Designs' }), [qb('Jane Dow'), qb('Doe Designs Inc'), qb('Doe, Jane', { email: 'j@x.com' }), qb('J Doe', { email: 'j@x.com' })], 'suggested "Doe, Jane" (email), "J Doe" (email), "Doe Designs Inc" (other-name), "Jane Dow" (one-edit-away)'],
  ])('%s', (_what, c, customers, expected) => {
    expect(matchCustomers([c], customers).map(outcome)).toEqual([expected]);
  });

  it(`gives near suggestions from ${NEAR_MATCH_MIN_LENGTH} characters on`, () => {
    expect(matchCustomers([contact('Al Wuu')], [qb('Al Wu')]).map(outcome)).toEqual(['suggested "Al Wu" (one-edit-away)']);
  });
});

describe('matchCustomers: several contacts', () => {
  it('two Keap contacts with one name and one QuickBooks customer: both suggested, neither applied', () => {
    const contacts = [contact('Jane Doe', { contactKey: '1', firstName: 'Jane', lastName: 'Doe' }), contact('Jane Doe (2)', { contactKey: '2', firstName: 'Jane', lastName: 'Doe' })];
    expect(matchCustomers(contacts, [qb('Doe, Jane')]).map(outcome)).toEqual(['suggested "Doe, Jane" (name, also 2)', 'suggested "Doe, Jane" (other-name, also 1)']);
  });

  it('the next month, both customers written then are matched to their own names', () => {
    const contacts = [contact('Jane Doe', { contactKey: '1', firstName: 'Jane', lastName: 'Doe' }), contact('Jane Doe (2)', { contactKey: '2', firstName: 'Jane', lastName: 'Doe' })];
    expect(matchCustomers(contacts, [qb('Jane Doe'), qb('Jane Doe (2)')]).map(outcome)).toEqual(['matched "Jane Doe" by same-name', 'matched "Jane Doe (2)" by same-name']);
  });

  it('two contacts with the e-mail of one customer: both suggested', () => {
    const contacts = [contact('Ann Lee', { contactKey: '1', email: 'x@y.com' }), contact('Bob Lee', { contactKey: '2', email: 'x@y.com' })];
    expect(matchCustomers(contacts, [qb('Lee Household', { email: 'x@y.com' })]).map(outcome)).toEqual([
      'suggested "Lee Household" (email, also 2)',
      'suggested "Lee Household" (email, also 1)',
    ]);
  });

  it('an e-mail match and a name match on one customer from two contacts: both suggested', () => {
    const contacts = [contact('J. Doe', { contactKey: '1', email: 'jane@x.com' }), contact('Jane Doe', { contactKey: '2', email: 'other@x.com' })];
    expect(matchCustomers(contacts, [qb('Doe, Jane', { email: 'jane@x.com' })]).map(outcome)).toEqual([
      'suggested "Doe, Jane" (email, also 2)',
      'suggested "Doe, Jane" (name, also 1)',
    ]);
  });

  it('a near name of another contact does not hold back a match', () => {
    const contacts = [contact('Jane Doe', { contactKey: '1' }), contact('Jane Dow', { contactKey: '2' })];
    expect(matchCustomers(contacts, [qb('Doe, Jane')]).map(outcome)).toEqual(['matched "Doe, Jane" by name', 'suggested "Doe, Jane" (one-edit-away, also 1)']);
  });

  it('a contact matched elsewhere by e-mail does not claim a customer by its name', () => {
    const contacts = [contact('Jane Doe', { contactKey: '1' }), contact('Jane Doe (2)', { contactKey: '2', firstName: 'Jane', lastName: 'Doe', email: 'jd2@x.com' })];
    expect(matchCustomers(contacts, [qb('Doe, Jane'), qb('Jane D.', { email: 'jd2@x.com' })]).map(outcome)).toEqual(['matched "Doe, Jane" by name', 'matched "Jane D." by email']);
  });

  it('the same contact twice does not contest itself', () => {
    const contacts = [contact('Jane Doe', { contactKey: '7' }), contact('Jane Doe', { contactKey: '7' })];
    expect(matchCustomers(contacts, [qb('Doe, Jane')]).map(outcome)).toEqual(['matched "Doe, Jane" by name', 'matched "Doe, Jane" by name']);
  });

  it('keeps the order of the contacts given', () => {
    const contacts = ['3', '1', '2'].map((k) => contact(`Person ${k}`, { contactKey: k }));
    expect(matchCustomers(contacts, [qb('Person 1')]).map((m) => m.contactKey)).toEqual(['3', '1', '2']);
  });
});

describe('matchCustomers: saved choices win', () => {
  const customers = [qb('Doe, Jane', { email: 'jane@x.com' }), qb('Acme, Inc.'), qb('Balak, Mike:Residential'), qb('Old Customer', { hidden: true })];
  it.each<[string, MatchContact, CustomerMatchChoices, string]>([
    ['an accepted suggestion, in QuickBooks spelling', contact('Jane Dow'), { 1: { qbName: 'doe,  jane', decision: 'accepted' } }, 'matched "Doe, Jane" by choice'],
    ['an accepted job', contact('Mike Balak'), { 1: { qbName: 'Balak, Mike:Residential', decision: 'accepted' } }, 'matched "Balak, Mike:Residential" by choice'],
    ['an accepted inactive customer', contact('Old Customer Ltd'), { 1: { qbName: 'Old Customer', decision: 'accepted' } }, 'matched "Old Customer" by choice (inactive)'],
    ['a rejection beats an e-mail match', contact('Jane Doe', { email: 'jane@x.com' }), { 1: { qbName: 'Doe, Jane', decision: 'rejected' } }, 'none, declined "Doe, Jane"'],
    ['a rejection covers every suggestion of the contact', contact('Acme Inc', { email: 'jane@x.com' }), { 1: { qbName: 'Acme, Inc.', decision: 'rejected' } }, 'none, declined "Acme, Inc."'],
    ['a choice for another contact changes nothing', contact('Acme Inc'), { 2: { qbName: 'Doe, Jane', decision: 'accepted' } }, 'matched "Acme, Inc." by name'],
  ])('%s', (_what, c, choices, expected) => {
    expect(matchCustomers([c], customers, choices).map(outcome)).toEqual([expected]);
  });

  it('an accepted customer QuickBooks no longer has is not applied: automatic matching runs and the choice is reported', () => {
    const [m] = matchCustomers([contact('Acme Inc')], customers, { 1: { qbName: 'Acme Holdings', decision: 'accepted' } });
    expect(m).toEqual({ contactKey: '1', status: 'matched', qbName: 'Acme, Inc.', hidden: false, by: 'name', staleChoice: 'Acme Holdings' });
  });

  it("an accepted customer is claimed: another contact's automatic match to it becomes a suggestion", () => {
    const contacts = [contact('J. Doe', { contactKey: '1' }), contact('Jane Doe', { contactKey: '2' })];
    expect(matchCustomers(contacts, customers, { 1: { qbName: 'Doe, Jane', decision: 'accepted' } }).map(outcome)).toEqual([
      'matched "Doe, Jane" by choice',
      'suggested "Doe, Jane" (name, also 1)',
    ]);
  });

  it('two accepted choices of one customer both stand (the user said so)', () => {
    const contacts = [contact('J. Doe', { contactKey: '1' }), contact('Jane Doe', { contactKey: '2' })];
    const choices = { 1: { qbName: 'Doe, Jane', decision: 'accepted' }, 2: { qbName: 'Doe, Jane', decision: 'accepted' } } as const;
    expect(matchCustomers(contacts, customers, choices).map(outcome)).toEqual(['matched "Doe, Jane" by choice', 'matched "Doe, Jane" by choice']);
  });

  it('a contact key that is also an Object property name is not read as a choice', () => {
    expect(matchCustomers([contact('Acme Inc', { contactKey: 'constructor' })], customers, {}).map(outcome)).toEqual(['matched "Acme, Inc." by name']);
  });

  it('without a loaded list only the choices count, as saved', () => {
    const contacts = [contact('Jane Dow', { contactKey: '1' }), contact('Acme Inc', { contactKey: '2' }), contact('Bob', { contactKey: '3' })];
    const choices = { 1: { qbName: 'Doe, Jane', decision: 'accepted' }, 2: { qbName: 'Acme, Inc.', decision: 'rejected' } } as const;
    expect(matchCustomers(contacts, null, choices).map(outcome)).toEqual(['matched "Doe, Jane" by choice', 'none, declined "Acme, Inc."', 'none']);
  });

  it('matchedCustomerNames lists the matched contacts only', () => {
    const contacts = [contact('Jane Doe', { contactKey: '1' }), contact('Nobody Known', { contactKey: '2' }), contact('Acme', { contactKey: '3' })];
    expect(matchedCustomerNames(matchCustomers(contacts, [qb('Doe, Jane'), qb('Acme Inc'), qb('Acme LLC')]))).toEqual(new Map([['1', 'Doe, Jane']]));
  });
});

describe('matchCustomers on the genuine all-lists export', () => {
  const file = 'qb-list-export_all-lists.iif';
  const { lists } = readQbListsBytes(new Uint8Array(readFileSync(new URL(`../fixtures/iif/${file}`, import.meta.url))), file);
  it.each<[MatchContact, string]>([
    [contact('Cristina Andres', { email: 'CRISTINA@samplename.com' }), 'matched "Andres, Cristina" by email'],
    [contact('Gwen Price'), 'matched "Price,  Gwen" by name'],
    [contact('Price, Gwen'), 'matched "Price,  Gwen" by same-name'],
    [contact('Woods Garden Cafe'), `matched "Wood's Garden Cafe" by name`],
    [contact('Mike Balak'), 'matched "Balak, Mike" by name'],
    [contact('Vicki Theurer Davis'), 'matched "Theurer-Davis, Vicki" by name'],
    [contact("Rick's Bar & Grill", { firstName: 'Richard', lastName: 'Leon', company: "Rick's Bar & Grill" }), 'suggested "Leon, Richard" (other-name)'],
    [contact('Jasmine Parks'), 'suggested "Jasmine Park" (one-edit-away)'],
    [contact('David Lo'), 'matched "Lo, David" by name'],
    [contact('Jennifer Smith', { firstName: 'Jennifer', lastName: 'Smith' }), 'none'],
  ])('%o', (c, expected) => {
    expect(matchCustomers([c], lists.customers).map(outcome)).toEqual([expected]);
  });
});

describe('matchCustomers: properties', () => {
  const first = fc.constantFrom('Jane', 'Jayne', 'John', 'Ann');
  const last = fc.constantFrom('Doe', 'Dow', 'Smith', "O'Brien");
  const company = fc.constantFrom('', 'Acme', 'Acme Inc', 'Acme, LLC', 'Acme Industries', 'Doe & Co');
  const email = fc.constantFrom('', 'a@x.com', 'b@x.com', 'c@x.com');
  const personName = fc.tuple(first, last, fc.boolean()).map(([f, l, lastFirst]) => (lastFirst ? `${l}, ${f}` : `${f} ${l}`));
  const customerName = fc.oneof(personName, company.filter((c) => c !== ''));
  const qbCustomer = fc.record({ name: customerName, hidden: fc.boolean(), email });
  const keapContact = fc.record({ firstName: first, lastName: last, company, email, lastFirst: fc.boolean() }).map(
    (c): Omit<MatchContact, 'contactKey'> => ({ ...c, proposedName: c.company || (c.lastFirst ? `${c.lastName}, ${c.firstName}` : `${c.firstName} ${c.lastName}`) }),
  );
  const scenario = fc.record({
    contacts: fc.array(keapContact, { maxLength: 6 }).map((cs) => cs.map((c, i): MatchContact => ({ ...c, contactKey: String(i + 1) }))),
    customers: fc.uniqueArray(qbCustomer, { maxLength: 8, selector: (c) => c.name.toLowerCase() }),
  });
  /** The same text as a person might type it: other case, more spaces around the words. */
  const retyped = (text: string, seed: number): string =>
    ` ${[...text].map((ch, i) => ((seed >> i % 16) & 1 ? ch.toUpperCase() : ch.toLowerCase())).join('').replace(/ /g, seed % 2 ? '   ' : ' ')}  `;
  /** A match with the customer named by its place in the list, so two spellings compare. */
  const byPlace = (customers: readonly QbCustomer[]) => (m: CustomerMatch) =>
    m.status === 'matched'
      ? ['matched', customers.findIndex((c) => c.name === m.qbName), m.by === 'same-name' ? 'name' : m.by]
      : m.status === 'suggested'
        ? ['suggested', m.candidates.map((c) => [customers.findIndex((x) => x.name === c.qbName), c.reason])]
        : ['none'];

  it('normalising ignores case and spacing', () => {
    const text = fc.string({ unit: fc.constantFrom(...'abcXYZ019 ,.&\'-'.split('')), maxLength: 30 });
    fc.assert(fc.property(text, fc.nat(), (t, seed) => normalizeCustomerName(retyped(t, seed)) === normalizeCustomerName(t)));
  });

  it('matching gives the same answers whatever the case and spacing on either side', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), ({ contacts, customers }, seed) => {
        const retypedContacts = contacts.map((c) => ({ ...c, proposedName: retyped(c.proposedName, seed), firstName: retyped(c.firstName, seed + 1), email: retyped(c.email, seed) }));
        // seed + 3: the other spacing on the QuickBooks side, so the two sides differ from each other too.
        const retypedCustomers = customers.map((c) => ({ ...c, name: retyped(c.name, seed + 3) }));
        const plain = matchCustomers(contacts, customers).map(byPlace(customers));
        const other = matchCustomers(retypedContacts, retypedCustomers).map(byPlace(retypedCustomers));
        // Retyping can turn "the very name" into "the same normalised name"; both are a name match.
        expect(other).toEqual(plain);
      }),
    );
  });

  it('never matches two different normalised names, nor one customer to two contacts by itself', () => {
    fc.assert(
      fc.property(scenario, ({ contacts, customers }) => {
        const matches = matchCustomers(contacts, customers);
        const claimed = new Map<string, string>();
        matches.forEach((m, i) => {
          if (m.status !== 'matched') return;
          const c = contacts[i]!;
          const qbCustomer = customers.find((x) => x.name === m.qbName)!;
          if (m.by === 'email') expect(qbCustomer.email?.toLowerCase()).toBe(c.email.toLowerCase());
          else expect(normalizeCustomerName(m.qbName)).toBe(normalizeCustomerName(c.proposedName));
          const owner = claimed.get(m.qbName);
          expect(owner === undefined || owner === c.contactKey).toBe(true);
          claimed.set(m.qbName, c.contactKey);
        });
      }),
    );
  });
});

describe('customerMatchIssues', () => {
  const customers = [qb('Doe, Jane', { email: 'jane@x.com' }), qb('Jane Dow'), qb('Old Co', { hidden: true })];
  const contacts = [
    contact('Jane Doe', { contactKey: '11', email: 'jane@x.com', src: { file: 'contacts.csv', row: 2 } }),
    contact('Jane Dou', { contactKey: '12' }),
    contact('Nobody Known', { contactKey: '13' }),
    contact('Old Co', { contactKey: 'name:||old co|' }),
    contact('Acme', { contactKey: '15' }),
  ];
  const matches = matchCustomers(contacts, customers, { 15: { qbName: 'Acme Holdings', decision: 'accepted' } });
  const issues = customerMatchIssues(contacts, matches);

  it('one issue per matched, suggested or stale contact, none for a new customer', () => {
    expect(issues.map((i) => [i.code, i.severity])).toEqual([
      ['customer.matched', 'info'],
      ['customer.match-suggested', 'warning'],
      ['customer.matched', 'info'],
      ['customer.match-stale', 'warning'],
    ]);
  });

  it('says who, as what, why, and where the contact was read', () => {
    expect(issues[0]).toMatchObject({ file: 'contacts.csv', row: 2 });
    expect(issues[0]!.message).toBe(
      'Keap contact 11 ("Jane Doe") is written as the QuickBooks customer "Doe, Jane" (it is the only QuickBooks customer with the same e-mail); no new customer is created.',
    );
    expect(issues[1]!.message).toContain('Keap contact 12 ("Jane Dou") may be the QuickBooks customer "Doe, Jane" (one letter apart; Keap contact 11 also points at it), or "Jane Dow" (one letter apart).');
    expect(issues[1]!.message).toContain('until then the contact is written as a new customer');
  });

  it('names a contact known only by name by its name, and says an inactive customer must be made active', () => {
    expect(issues[2]!.message).toMatch(/^Keap contact "Old Co" is written as the QuickBooks customer "Old Co" .* It is inactive in QuickBooks: make it active again before you import\.$/);
  });

  it('says a saved choice was not applied, and why', () => {
    expect(issues[3]!.message).toContain('You chose to write Keap contact 15 ("Acme") as the QuickBooks customer "Acme Holdings"');
    expect(issues[3]!.message).toContain('the choice was not applied');
  });

  it('names three candidates and counts the rest', () => {
    const many = [qb('Acme Inc'), qb('Acme, LLC'), qb('Acme Co'), qb('Acme Corp'), qb('Acme Ltd')];
    const c = [contact('Acme')];
    const [x] = customerMatchIssues(c, matchCustomers(c, many));
    expect(x!.message).toContain('"Acme Co" (same name apart from case, punctuation, order or a company suffix) and 2 more.');
  });

  it('says which other contacts point at a contested customer', () => {
    const c = [contact('Jane Doe', { contactKey: '1' }), contact('J Doe', { contactKey: '2', email: 'jane@x.com' })];
    const [first] = customerMatchIssues(c, matchCustomers(c, customers));
    expect(first!.message).toContain('"Doe, Jane" (same name apart from case, punctuation, order or a company suffix; Keap contact 2 also points at it)');
  });
});
