/**
 * Writing the IIF file: the test export (first N transactions or one day), the one-time safety
 * checklist (ticked once per profile and remembered) and the full download, each recorded in the
 * export history of the profile it was converted with.
 */
import { untrack } from 'svelte';
import { exportFileName, recordFromDraft } from '../../core/history.ts';
import type { KvStore } from '../../persistence/kv-store.ts';
import type { ConverterClient } from '../../worker/client.ts';
import { historyDraftFromPage } from '../../worker/page-result.ts';
import type { PageConvertOptions } from '../../worker/page-result.ts';
import { plural } from '../format.ts';
import { saveBlob } from '../save-file.ts';
import type { ExportHistory } from './export-history.svelte.ts';
import type { FailureNotice } from './failure-notice.svelte.ts';
import type { ImportSession } from './import-session.svelte.ts';
import type { ProfileEditor } from './profile-editor.svelte.ts';

interface ChecklistRecord {
  backedUp: boolean;
  importIntoCopy: boolean;
  at: string;
}

const checklistKey = (profileId: string): string => `checklist:${profileId}`;

export interface ExportFlowDeps {
  kv: KvStore;
  client: Pick<ConverterClient, 'convert'>;
  session: ImportSession;
  editor: ProfileEditor;
  history: ExportHistory;
  notices: FailureNotice;
}

export class ExportFlow {
  /** The checklist was completed for this profile (stored). */
  checklistDone = $state(false);
  backedUp = $state(false);
  importIntoCopy = $state(false);
  testMode = $state<'first' | 'day' | 'deposit'>('first');
  /** The Keap deposit id of a one-deposit test export. */
  testDeposit = $state('');
  testCount = $state(5);
  testDay = $state('');
  busy = $state(false);
  /** What the last download did, for the aria-live status line. */
  status = $state('');

  readonly #deps: ExportFlowDeps;
  /** The profile whose checklist is loaded. */
  #checklistFor = '';

  constructor(deps: ExportFlowDeps) {
    this.#deps = deps;
  }

  /** Loads the checklist of each profile opened (run inside an effect root). */
  connect(): void {
    $effect(() => {
      const id = this.#deps.editor.activeId;
      if (id) untrack(() => void this.#loadChecklist(id));
    });
  }

  async #loadChecklist(profileId: string): Promise<void> {
    this.#checklistFor = '';
    let checklist: ChecklistRecord | undefined;
    try {
      checklist = await this.#deps.kv.get<ChecklistRecord>(checklistKey(profileId));
    } catch {
      checklist = undefined; // asked again: the safe side
    }
    if (this.#deps.editor.activeId !== profileId) return;
    this.#checklistFor = profileId;
    this.checklistDone = checklist?.backedUp === true && checklist.importIntoCopy === true;
    this.backedUp = this.checklistDone;
    this.importIntoCopy = this.checklistDone;
  }

  /** Remembers the ticked checklist so it is not asked again for this profile. */
  async confirmChecklist(): Promise<void> {
    if (!this.backedUp || !this.importIntoCopy) return;
    const record: ChecklistRecord = { backedUp: true, importIntoCopy: true, at: new Date().toISOString() };
    await this.#deps.notices.attempt('The checklist could not be saved', () => this.#deps.kv.set(checklistKey(this.#deps.editor.activeId), record));
    this.checklistDone = true;
  }

  /** Why a download cannot start now ('' when it can). */
  #refusal(test: boolean, profileId: string): string {
    const { history } = this.#deps;
    if (history.loadedFor !== profileId || (!test && this.#checklistFor !== profileId)) return 'The export history of this profile is still loading; try again in a moment.';
    if (history.problem) return 'Exports are paused until the export history problem above is resolved.';
    if (!test && !this.checklistDone) return 'Tick both items of the checklist first.';
    return '';
  }

  /** Writes an IIF file: a test (first N transactions or one day) or the full export. */
  async download(test: boolean): Promise<void> {
    const { client, session, editor, history, notices } = this.#deps;
    if (session.files.length === 0) return;
    // The profile converted with is the one the file is recorded for, whatever is shown by the time it is written.
    const profileId = editor.activeId;
    const refusal = this.#refusal(test, profileId);
    if (refusal) {
      this.status = refusal;
      return;
    }
    this.busy = true;
    this.status = test ? 'Writing the test file…' : 'Writing the IIF file…';
    try {
      await editor.flush();
      const selection: PageConvertOptions = { ...history.selection, depositDates: session.depositDates, forExport: true };
      if (test) {
        if (this.testMode === 'day' && this.testDay) selection.day = this.testDay;
        else if (this.testMode === 'deposit' && this.testDeposit) selection.depositId = this.testDeposit;
        else selection.firstN = Math.max(1, Math.floor(this.testCount) || 5);
      }
      const result = await client.convert(session.files, editor.snapshot, selection);
      const draft = result.history && historyDraftFromPage(result.history);
      if (!draft || draft.transactions === 0) {
        this.status = 'Nothing to export: no transactions are left after the choices above.';
        return;
      }
      const name = exportFileName(draft, test);
      saveBlob(result.iif, name);
      try {
        await history.record(profileId, recordFromDraft(draft, name, test, new Date()));
      } catch (e) {
        // The file IS written: saying otherwise could lead to a second download and a double import.
        this.status = `Saved ${name}, but it could not be added to the export history, so its records will not be left out of the next export.${test ? '' : ' Note which file you imported before exporting again.'}`;
        notices.show(`${name} was saved, but the export history could not be updated`, e);
        return;
      }
      this.status = `Saved ${name} with ${plural(draft.transactions, 'transaction')}${test ? ' (test export: import it into a copy of your company file)' : ''}.`;
    } catch (e) {
      this.status = 'The file was not written.';
      notices.show('Writing the IIF file failed', e);
    } finally {
      this.busy = false;
    }
  }
}
