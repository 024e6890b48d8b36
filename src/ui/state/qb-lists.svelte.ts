/**
 * The user's QuickBooks lists (File > Utilities > Export > Lists to IIF Files), kept with the
 * profile: loading and removing them, taking the special accounts from them, the names they
 * offer to the mapping pickers, and every name the export would use checked against them.
 */
import type { Issue } from '../../core/issues.ts';
import type { ProfileAccounts, QbLists } from '../../core/profile/types.ts';
import { checkNames, listNames, readQbListsBytes, specialAccountNames } from '../../core/qb/lists.ts';
import type { ListNames, NameCheck } from '../../core/qb/lists.ts';
import type { PageConvertResult } from '../../worker/page-result.ts';
import { plural } from '../format.ts';
import { groupNameChecks } from '../name-groups.ts';
import type { FailureNotice } from './failure-notice.svelte.ts';
import type { ProfileEditor } from './profile-editor.svelte.ts';

export interface QbListsDeps {
  editor: ProfileEditor;
  run: { readonly result: PageConvertResult | null };
  notices: FailureNotice;
}

const ACCOUNT_LABELS: Partial<Record<keyof ProfileAccounts, string>> = {
  undepositedFunds: 'Undeposited Funds',
  salesTaxPayable: 'Sales tax payable',
  accountsReceivable: 'Accounts receivable',
};

export class QbListsState {
  readonly #deps: QbListsDeps;
  status = $state('');
  issues = $state.raw<Issue[]>([]);
  /** The filter of the names the export would use. */
  filter = $state('');


  readonly lists: QbLists | null;
  /** Names in the lists, for the mapping pickers (datalists). */
  readonly names = $derived.by((): ListNames | null => (this.lists ? listNames(this.lists) : null));
  /** Each name the export would use (the run's list covers names left out of the list sections because QuickBooks has them). */
  readonly checks = $derived.by((): NameCheck[] | null => {
    const result = this.#deps.run.result;
    return this.lists && result ? checkNames(this.lists, result.wantedNames) : null;
  });
  readonly groups = $derived(groupNameChecks(this.checks ?? [], this.filter));

  constructor(deps: QbListsDeps) {
    this.#deps = deps;
    this.lists = $derived(deps.editor.qbLists);
  }

  async load(file: File): Promise<void> {
    try {
      const { lists, issues } = readQbListsBytes(new Uint8Array(await file.arrayBuffer()), file.name);
      this.issues = issues;
      const total = lists.accounts.length + lists.items.length + lists.customers.length + lists.vendors.length;
      if (total === 0) {
        this.status = `"${file.name}" holds no QuickBooks lists. In QuickBooks choose File > Utilities > Export > Lists to IIF Files, tick the lists, and add the file it saves.`;
        return;
      }
      this.#deps.editor.setQbLists(lists);
      this.status = `Loaded the QuickBooks lists from ${file.name}: ${plural(lists.accounts.length, 'account')}, ${plural(lists.items.length, 'item')}.`;
    } catch (e) {
      this.#deps.notices.show('The QuickBooks list file could not be read', e);
    }
  }

  clear(): void {
    this.#deps.editor.setQbLists(null);
    this.issues = [];
    this.status = 'The QuickBooks lists were removed from this profile.';
  }

  /** Takes Undeposited Funds, Sales Tax Payable and the A/R account names from the lists. */
  useSpecialAccounts(): void {
    if (!this.lists) return;
    const special = specialAccountNames(this.lists);
    const ar = special.accountsReceivable;
    const wanted: Partial<ProfileAccounts> = {
      ...(special.undepositedFunds ? { undepositedFunds: special.undepositedFunds } : {}),
      ...(special.salesTaxPayable ? { salesTaxPayable: special.salesTaxPayable } : {}),
      ...(ar.length === 1 && ar[0] ? { accountsReceivable: ar[0] } : {}),
    };
    const changed = this.#deps.editor.setAccounts(wanted);
    this.status = changed.length > 0 ? `Updated: ${changed.map((k) => `${ACCOUNT_LABELS[k] ?? k} → "${wanted[k]}"`).join('; ')}.` : 'The special accounts already match QuickBooks.';
  }
}
