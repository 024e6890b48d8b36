/**
 * A contact's name and address as columns: the contact export has them, and so may an orders or
 * invoices export (Keap's Orders report carries the buyer on each row). A single "Name" column
 * is taken apart when there are no first and last name columns ("Last, First" or "First Last").
 */
import type { CellReader, Field } from '../cell-reader.ts';
import { TextColumn, type ContentColumn } from '../columns.ts';
import type { ContactDetails } from '../model.ts';

/** The contact's fields, in the order they are read. */
const DETAIL_FIELDS = ['firstName', 'lastName', 'company', 'email', 'phone', 'address1', 'address2', 'city', 'state', 'postalCode', 'country'] as const;

/** Every field a contact is read from: the details and the single full-name column. */
export const CONTACT_FIELDS = [...DETAIL_FIELDS, 'contactName'] as const;
type ContactField = (typeof CONTACT_FIELDS)[number];

/** Takes "Doe, Jane" or "Jane Q. Doe" apart into [first, last]. */
function splitFullName(full: string): [string, string] {
  const comma = full.indexOf(',');
  if (comma > 0) return [full.slice(comma + 1).trim(), full.slice(0, comma).trim()];
  const parts = full.split(/\s+/);
  const last = parts.length > 1 ? (parts.pop() as string) : '';
  return [parts.join(' '), last];
}

export class ContactColumns {
  // Names and places repeat from row to row; streets, emails and phones mostly do not.
  readonly #columns: Record<(typeof DETAIL_FIELDS)[number], TextColumn> = {
    firstName: new TextColumn(true),
    lastName: new TextColumn(true),
    company: new TextColumn(false),
    email: new TextColumn(false),
    phone: new TextColumn(false),
    address1: new TextColumn(false),
    address2: new TextColumn(false),
    city: new TextColumn(true),
    state: new TextColumn(true),
    postalCode: new TextColumn(true),
    country: new TextColumn(true),
  };
  readonly #list: readonly TextColumn[] = DETAIL_FIELDS.map((f) => this.#columns[f]);
  /** The current row's details, read but not stored yet (one array for every row). */
  readonly #staged: string[] = DETAIL_FIELDS.map(() => '');

  columns(): readonly ContentColumn[] {
    return this.#list;
  }

  /** Reads the current row's contact (stored by `commit` once the whole row is valid). */
  stage(r: CellReader, fields: Readonly<Record<ContactField, Field>>): void {
    const staged = this.#staged;
    for (let k = 0; k < DETAIL_FIELDS.length; k++) staged[k] = r.text(fields[DETAIL_FIELDS[k]!]);
    const full = r.text(fields.contactName);
    if (staged[0] === '' && staged[1] === '' && full !== '') [staged[0], staged[1]] = splitFullName(full);
  }

  commit(): void {
    for (let k = 0; k < this.#list.length; k++) this.#list[k]!.push(this.#staged[k]!);
  }

  /** The contact on stored row p (all '' when none). */
  details(p: number): ContactDetails {
    const c = this.#columns;
    return {
      firstName: c.firstName.at(p),
      lastName: c.lastName.at(p),
      company: c.company.at(p),
      email: c.email.at(p),
      phone: c.phone.at(p),
      address1: c.address1.at(p),
      address2: c.address2.at(p),
      city: c.city.at(p),
      state: c.state.at(p),
      postalCode: c.postalCode.at(p),
      country: c.country.at(p),
    };
  }
}
