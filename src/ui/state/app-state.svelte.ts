/**
 * The app's composition of state: import session, profile editor, review and export, plus
 * the wiring between them (autosave, re-inspect on new files, re-convert when anything the
 * output depends on changes) and every action that talks to the worker or the stores.
 * Components call these methods; they never call the worker or storage themselves.
 */
import { untrack } from 'svelte';
import type { OutputSelection } from '../../core/convert-types.ts';
import type { Issue } from '../../core/issues.ts';
import type { FileKind } from '../../core/keap/model.ts';
import type { Profile, QbLists } from '../../core/profile/types.ts';
import { headerKey } from '../../core/keap/schemas.ts';
import { exportFileName, recordFromDraft } from '../../core/history.ts';
import { findReviewRow } from '../../core/review/rows.ts';
import { checkNames, listNames, readQbListsBytes, specialAccountNames } from '../../core/qb/lists.ts';
import type { ListNames, NameCheck } from '../../core/qb/lists.ts';
import { problemsToCsv } from '../../core/review/problems-csv.ts';
import type { KvStore } from '../../persistence/kv-store.ts';
import type { ProfileStore } from '../../persistence/profile-store.ts';
import type { HistoryStore } from '../../persistence/history-store.ts';
import type { ConverterClient } from '../../worker/client.ts';
import { historyDraftFromPage } from '../../worker/page-result.ts';
import { saveBlob, saveText } from '../save-file.ts';
import { plural } from '../format.ts';
import { ImportSession } from './import-session.svelte.ts';
import { ProfileEditor } from './profile-editor.svelte.ts';
import { ReviewState } from './review-state.svelte.ts';
import { ExportState } from './export-state.svelte.ts';
import { isAbort, toAppError } from './errors.ts';
import type { AppError } from './errors.ts';

export type Step = 1 | 2 | 3 | 4;

export const STEPS: { step: Step; title: string }[] = [
  { step: 1, title: 'Files' },
  { step: 2, title: 'Mapping' },
  { step: 3, title: 'QuickBooks lists' },
  { step: 4, title: 'Review & export' },
];

export interface Services {
  kv: KvStore;
  storageProblem?: string;
  profiles: ProfileStore;
  history: HistoryStore;
  client: ConverterClient;
}

const CONVERT_DELAY_MS = 300;

export class AppState {
  step = $state<Step>(1);
  ready = $state(false);
  storageProblem = $state('');
  error = $state.raw<AppError | null>(null);
  qbIssues = $state.raw<Issue[]>([]);
  qbStatus = $state('');

  readonly session = new ImportSession();
  readonly review = new ReviewState();
  readonly editor: ProfileEditor;
  readonly exporter: ExportState;

  /** Names in the user's QuickBooks lists, for the mapping pickers (datalists). */
  readonly qbNames = $derived.by((): ListNames | null => {
    const lists = this.editor.profile.qbLists;
    return lists ? listNames($state.snapshot(lists) as QbLists) : null;
  });

  /** Each name the export would use, checked against the QuickBooks lists. */
  readonly nameChecks = $derived.by((): NameCheck[] | null => {
    const lists = this.editor.profile.qbLists;
    const result = this.review.result;
    if (!lists || !result) return null;
    // The result's own list covers names left out of the list sections because QuickBooks has them.
    return checkNames($state.snapshot(lists) as QbLists, result.wantedNames);
  });

  readonly #services: Services;
  #inspectAbort: AbortController | null = null;
  #convertAbort: AbortController | null = null;
  #convertTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(services: Services) {
    this.#services = services;
    this.storageProblem = services.storageProblem ?? '';
    this.editor = new ProfileEditor(services.profiles);
    this.exporter = new ExportState(services.kv, services.history);
  }

  async start(): Promise<void> {
    try {
      await this.editor.init();
      await this.exporter.loadFor(this.editor.activeId);
    } catch (e) {
      this.error = toAppError('Your saved settings could not be loaded', e);
    }
    this.ready = true;
    this.#flushOnPageHide();
    $effect.root(() => {
      // Autosave: a deep snapshot tracks every field of the profile.
      $effect(() => {
        const snapshot = $state.snapshot(this.editor.profile) as Profile;
        untrack(() => this.editor.scheduleSave(snapshot));
      });
      // Re-convert when the files, the profile or the history change.
      $effect(() => {
        $state.snapshot(this.editor.profile);
        void this.session.inspected;
        void this.exporter.history;
        void this.exporter.loadedFor;
        void this.exporter.includeAlreadyExported;
        untrack(() => this.#scheduleConvert());
      });
      $effect(() => {
        const id = this.editor.activeId;
        untrack(() => {
          // Another profile may lack mappings for the products of the files already loaded.
          const inspected = this.session.inspected;
          if (id && inspected) this.editor.applyCatalog(inspected.catalog);
          if (id) void this.exporter.loadFor(id).catch((e: unknown) => (this.error = toAppError('The export history could not be loaded', e)));
        });
      });
    });
  }

  /**
   * Autosave waits for a pause in typing; a tab closed (or reloaded, or sent to the background
   * and discarded) within that pause would lose the last edit, so leaving the page saves now.
   */
  #flushOnPageHide(): void {
    const win = (globalThis as { window?: EventTarget }).window;
    const doc = (globalThis as { document?: EventTarget & { visibilityState?: string } }).document;
    const save = (): void => void this.editor.flush();
    win?.addEventListener('pagehide', save);
    doc?.addEventListener('visibilitychange', () => {
      if (doc.visibilityState === 'hidden') save();
    });
  }

  setStorageProblem(problem: string): void {
    this.storageProblem = problem;
  }

  goTo(step: Step): void {
    this.step = step;
  }

  dismissError(): void {
    this.error = null;
  }

  /** "Try again" on a failed read or conversion: runs it again (a crashed worker is replaced by a fresh one). */
  async retry(): Promise<void> {
    const what = this.error?.retry;
    this.error = null;
    if (what === 'inspect') await this.inspect();
    else if (what === 'convert') {
      // Files read before the failure need no second reading; otherwise read them first.
      if (!this.session.inspected) await this.inspect();
      else await this.convert();
    }
  }

  // ---- Step 1: files ------------------------------------------------------------------------

  async addFiles(list: readonly File[]): Promise<void> {
    try {
      await this.session.add(list);
    } catch (e) {
      this.error = toAppError('A file could not be read', e);
      return;
    }
    this.#dropStaleResults();
    await this.inspect();
  }

  async removeFile(name: string): Promise<void> {
    this.session.remove(name);
    this.#dropStaleResults();
    if (this.session.files.length === 0) return;
    await this.inspect();
  }

  /**
   * The files changed: the totals and transactions shown were made from the old ones and must
   * not be read as the new ones' (nor a run still going on the old files land afterwards).
   */
  #dropStaleResults(): void {
    clearTimeout(this.#convertTimer);
    this.#convertAbort?.abort();
    this.#convertAbort = null;
    this.review.result = null;
    this.review.busy = false;
    this.review.progress = null;
    if (this.session.files.length === 0) {
      this.#inspectAbort?.abort();
      this.#inspectAbort = null;
      this.session.inspected = null;
      this.session.busy = false;
      this.session.progress = null;
    }
  }

  /** Recognises the files in the worker, then fills in defaults for new products and pay types. */
  async inspect(): Promise<void> {
    this.#inspectAbort?.abort();
    const abort = new AbortController();
    this.#inspectAbort = abort;
    const { session } = this;
    if (session.files.length === 0) {
      session.busy = false;
      session.progress = null;
      return;
    }
    session.busy = true;
    session.progress = { stage: 'Reading files', fraction: 0 };
    try {
      const result = await this.#services.client.inspect(session.files, $state.snapshot(this.editor.profile) as Profile, {
        signal: abort.signal,
        onProgress: (stage, fraction) => (session.progress = { stage, fraction }),
      });
      // A newer read (or removing every file) replaced this one: its result is stale.
      if (this.#inspectAbort !== abort) return;
      this.editor.applyCatalog(result.catalog);
      session.inspected = result;
      this.error = null;
    } catch (e) {
      if (!isAbort(e) && this.#inspectAbort === abort) this.error = { ...toAppError('Reading your files failed', e), retry: 'inspect' };
    } finally {
      if (this.#inspectAbort === abort) {
        session.busy = false;
        session.progress = null;
      }
    }
  }

  /** Saves the user's column choices for an unrecognised file and reads the files again. */
  async saveColumnMap(headers: string[], kind: FileKind, columns: Record<string, string>): Promise<void> {
    this.editor.setColumnMap(headerKey(headers), kind, columns);
    await this.inspect();
  }

  // ---- Step 3: QuickBooks lists ---------------------------------------------------------------

  async loadQbLists(file: File): Promise<void> {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const { lists, issues } = readQbListsBytes(bytes, file.name);
      this.qbIssues = issues;
      const total = lists.accounts.length + lists.items.length + lists.customers.length + lists.vendors.length;
      if (total === 0) {
        this.qbStatus = `"${file.name}" holds no QuickBooks lists. In QuickBooks choose File > Utilities > Export > Lists to IIF Files, tick the lists, and add the file it saves.`;
        return;
      }
      this.editor.profile.qbLists = lists;
      this.qbStatus = `Loaded the QuickBooks lists from ${file.name}: ${plural(lists.accounts.length, 'account')}, ${plural(lists.items.length, 'item')}.`;
    } catch (e) {
      this.error = toAppError('The QuickBooks list file could not be read', e);
    }
  }

  clearQbLists(): void {
    this.editor.profile.qbLists = null;
    this.qbIssues = [];
    this.qbStatus = 'The QuickBooks lists were removed from this profile.';
  }

  /** Takes Undeposited Funds, Sales Tax Payable and the A/R account names from the lists. */
  useQbSpecialAccounts(): void {
    const lists = this.editor.profile.qbLists;
    if (!lists) return;
    const special = specialAccountNames($state.snapshot(lists) as QbLists);
    const accounts = this.editor.profile.accounts;
    const changed: string[] = [];
    if (special.undepositedFunds && accounts.undepositedFunds !== special.undepositedFunds) {
      accounts.undepositedFunds = special.undepositedFunds;
      changed.push(`Undeposited Funds → "${special.undepositedFunds}"`);
    }
    if (special.salesTaxPayable && accounts.salesTaxPayable !== special.salesTaxPayable) {
      accounts.salesTaxPayable = special.salesTaxPayable;
      changed.push(`Sales tax payable → "${special.salesTaxPayable}"`);
    }
    const ar = special.accountsReceivable;
    if (ar.length === 1 && ar[0] && accounts.accountsReceivable !== ar[0]) {
      accounts.accountsReceivable = ar[0];
      changed.push(`Accounts receivable → "${ar[0]}"`);
    }
    this.qbStatus = changed.length > 0 ? `Updated: ${changed.join('; ')}.` : 'The special accounts already match QuickBooks.';
  }

  // ---- Step 4: review and export ---------------------------------------------------------------

  #selection(): OutputSelection {
    return {
      alreadyExported: this.exporter.alreadyExported,
      includeAlreadyExported: this.exporter.includeAlreadyExported,
    };
  }

  #scheduleConvert(): void {
    clearTimeout(this.#convertTimer);
    if (this.session.files.length === 0 || !this.session.inspected) return;
    this.#convertTimer = setTimeout(() => void this.convert(), CONVERT_DELAY_MS);
  }

  /** Runs the full conversion for the review screen (the newest run wins). */
  async convert(): Promise<void> {
    this.#convertAbort?.abort();
    const abort = new AbortController();
    this.#convertAbort = abort;
    const { review } = this;
    review.busy = true;
    try {
      const result = await this.#services.client.convert(
        this.session.files,
        $state.snapshot(this.editor.profile) as Profile,
        this.#selection(),
        { signal: abort.signal, onProgress: (stage, fraction) => (review.progress = { stage, fraction }) },
      );
      if (this.#convertAbort !== abort) return;
      review.result = result;
      if (review.expandedKey && findReviewRow(result.rows, review.expandedKey) < 0) review.expandedKey = null;
      this.error = null;
    } catch (e) {
      if (!isAbort(e) && this.#convertAbort === abort) this.error = { ...toAppError('Converting your files failed', e), retry: 'convert' };
    } finally {
      if (this.#convertAbort === abort) {
        review.busy = false;
        review.progress = null;
      }
    }
  }

  /** Writes an IIF file: a test (first N transactions or one day) or the full export. */
  async download(test: boolean): Promise<void> {
    const { exporter } = this;
    if (this.session.files.length === 0) return;
    // The profile converted with is the one the file is recorded for, whatever is shown by the time it is written.
    const profileId = this.editor.activeId;
    if (exporter.loadedFor !== profileId) {
      exporter.status = 'The export history of this profile is still loading; try again in a moment.';
      return;
    }
    if (exporter.historyProblem) {
      exporter.status = 'Exports are paused until the export history problem above is resolved.';
      return;
    }
    if (!test && !exporter.checklistDone) {
      exporter.status = 'Tick both items of the checklist first.';
      return;
    }
    exporter.busy = true;
    exporter.status = test ? 'Writing the test file…' : 'Writing the IIF file…';
    try {
      await this.editor.flush();
      const selection = this.#selection();
      if (test) {
        if (exporter.testMode === 'day' && exporter.testDay) selection.day = exporter.testDay;
        else selection.firstN = Math.max(1, Math.floor(exporter.testCount) || 5);
      }
      const result = await this.#services.client.convert(this.session.files, $state.snapshot(this.editor.profile) as Profile, { ...selection, forExport: true });
      const history = result.history && historyDraftFromPage(result.history);
      if (!history || history.transactions === 0) {
        exporter.status = 'Nothing to export: no transactions are left after the choices above.';
        return;
      }
      const name = exportFileName(history, test);
      saveBlob(result.iif, name);
      try {
        await exporter.record(profileId, recordFromDraft(history, name, test, new Date()));
      } catch (e) {
        // The file IS written: saying otherwise could lead to a second download and a double import.
        exporter.status = `Saved ${name}, but it could not be added to the export history, so its records will not be left out of the next export.${test ? '' : ' Note which file you imported before exporting again.'}`;
        this.error = toAppError(`${name} was saved, but the export history could not be updated`, e);
        return;
      }
      exporter.status = `Saved ${name} with ${plural(history.transactions, 'transaction')}${test ? ' (test export: import it into a copy of your company file)' : ''}.`;
    } catch (e) {
      exporter.status = 'The file was not written.';
      this.error = toAppError('Writing the IIF file failed', e);
    } finally {
      exporter.busy = false;
    }
  }

  downloadProblems(): void {
    const issues = this.review.result?.issues ?? [];
    saveText(problemsToCsv(issues), 'keap2iif-problems.csv', 'text/csv');
  }

  downloadProfile(): void {
    const name = this.editor.profile.name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'profile';
    saveText(this.editor.exportJson(), `keap2iif-profile-${name}.json`, 'application/json');
  }

  async importProfile(file: File): Promise<void> {
    try {
      await this.editor.importJson(await file.text(), file.name);
    } catch (e) {
      this.error = toAppError('The profile could not be imported', e);
    }
  }

  async downloadHistory(): Promise<void> {
    try {
      saveText(await this.exporter.historyJson(), 'keap2iif-export-history.json', 'application/json');
    } catch (e) {
      this.error = toAppError('The export history could not be saved', e);
    }
  }

  /** Runs a profile action and shows a failure instead of swallowing it. */
  async profileAction(title: string, action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
    } catch (e) {
      this.error = toAppError(title, e);
    }
  }
}
