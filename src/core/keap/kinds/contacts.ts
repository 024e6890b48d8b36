/** Contacts (Keap's contact export): who the customers are, by contact id. */
import { fieldsOf, type CellReader } from '../cell-reader.ts';
import { IdColumn, type ContentColumn, type IdCodes } from '../columns.ts';
import type { ContactDetails } from '../model.ts';
import type { ContactRows } from '../tables.ts';
import { CONTACT_FIELDS, ContactColumns } from './contact-columns.ts';
import { KindTable, type MergeKey, type RowRead } from './kind-table.ts';

const FIELDS = ['contactId', ...CONTACT_FIELDS] as const;

export class ContactTable extends KindTable implements ContactRows {
  readonly #contactId: IdColumn;
  readonly #contact = new ContactColumns();
  readonly #content: readonly ContentColumn[];

  constructor(ids: IdCodes) {
    super();
    this.#contactId = new IdColumn(ids);
    this.#content = [this.#contactId, ...this.#contact.columns()];
  }

  protected content(): readonly ContentColumn[] {
    return this.#content;
  }

  mergeKey(p: number): MergeKey {
    return this.#contactId.at(p);
  }

  contactId(i: number): string {
    return this.#contactId.text(this.at(i));
  }
  contact(i: number): ContactDetails {
    return this.#contact.details(this.at(i));
  }

  rowReader(columns: Readonly<Record<string, number>>, headers: readonly string[]): RowRead {
    const f = fieldsOf(FIELDS, columns, headers);
    return (r: CellReader): boolean => {
      const contactId = r.id(f.contactId, true);
      this.#contact.stage(r, f);
      if (r.hasError) return false;
      this.#contactId.push(contactId);
      this.#contact.commit();
      return true;
    };
  }
}
