/**
 * The export history of the active profile. IIF imports cannot be undone, so every download is
 * recorded and the Keap ids already sent are left out of the next export unless the user asks
 * for them. A history saved on another machine can be merged in, and one export forgotten when
 * the company file was restored from a backup made before that import.
 */
import { untrack } from 'svelte';
import type { ExportRecord } from '../../core/history.ts';
import { alreadyExportedIds } from '../../core/history.ts';
import type { OutputSelection } from '../../core/convert-types.ts';
import { HistoryStoreError, readHistoryFile } from '../../persistence/history-store.ts';
import type { HistoryStore } from '../../persistence/history-store.ts';
import { plural } from '../format.ts';
import { saveText } from '../save-file.ts';
import type { FailureNotice } from './failure-notice.svelte.ts';

export interface ExportHistoryDeps {
  store: HistoryStore;
  editor: { readonly activeId: string };
  notices: FailureNotice;
}

export class ExportHistory {
  records = $state.raw<ExportRecord[]>([]);
  includeAlreadyExported = $state(false);
  /** The stored history cannot be read; exports are blocked until it is cleared (or it would re-export everything). */
  problem = $state('');
  /** The profile whose history is loaded ('' while a profile's is being loaded). */
  loadedFor = $state('');
  /** What the last history action did, for the status line. */
  status = $state('');
  /** A history file that was refused, and why. */
  importError = $state('');

  readonly alreadyExported = $derived(alreadyExportedIds(this.records));
  /** What the conversion leaves out (and whether the user asked to include it anyway). */
  readonly selection: OutputSelection = $derived({ alreadyExported: this.alreadyExported, includeAlreadyExported: this.includeAlreadyExported });

  readonly #deps: ExportHistoryDeps;
  #profileId = '';

  constructor(deps: ExportHistoryDeps) {
    this.#deps = deps;
  }

  /** Loads the history of each profile opened (run inside an effect root). */
  connect(): void {
    $effect(() => {
      const id = this.#deps.editor.activeId;
      if (id) untrack(() => void this.loadFor(id));
    });
  }

  async loadFor(profileId: string): Promise<void> {
    this.#profileId = profileId;
    // Until this profile's history is in, the one shown belongs to the previous profile: exports
    // wait (ExportFlow checks loadedFor) rather than leave out the wrong records.
    this.loadedFor = '';
    this.includeAlreadyExported = false;
    this.status = '';
    this.importError = '';
    let records: ExportRecord[] = [];
    let problem = '';
    try {
      records = await this.#deps.store.list(profileId);
    } catch (e) {
      problem = this.#problemOf(e);
    }
    if (this.#profileId !== profileId) return; // switched again meanwhile
    this.loadedFor = profileId;
    this.records = records;
    this.problem = problem;
  }

  /** Adds a written file to the history of `profileId`: the profile it was converted with, even if another one is shown by now. */
  async record(profileId: string, entry: ExportRecord): Promise<void> {
    await this.#deps.store.add(profileId, entry);
    const records = await this.#deps.store.list(profileId);
    if (this.#profileId !== profileId) return;
    this.records = records;
    // "Include what was exported before" is a one-off choice: after a full export it resets,
    // so the next export cannot repeat these records by accident.
    if (!entry.test) this.includeAlreadyExported = false;
  }

  async clear(): Promise<void> {
    await this.#deps.store.clear(this.#profileId);
    this.records = [];
    this.problem = '';
    this.status = 'Export history cleared. Nothing will be left out of the next export.';
  }

  /** Merges a history file saved with "Export history as JSON" (here or on another machine); a bad file changes nothing. */
  async importFile(file: File): Promise<void> {
    this.importError = '';
    const profileId = this.#profileId;
    const read = readHistoryFile(await file.text());
    if (!read.ok) {
      this.importError = `"${file.name}" was not imported, and the export history is unchanged. ${read.message}`;
      return;
    }
    try {
      const { added, known } = await this.#deps.store.merge(profileId, read.records);
      if (this.#profileId !== profileId) return;
      this.records = await this.#deps.store.list(profileId);
      const already = known > 0 ? ` (${plural(known, 'export')} ${known === 1 ? 'was' : 'were'} already in it)` : '';
      this.status =
        added > 0
          ? `Added ${plural(added, 'export')} from ${file.name}${already}. Their records are left out of the next export.`
          : `Nothing new in ${file.name}: ${known === 1 ? 'its export was' : `all ${plural(known, 'export')} in it were`} already in the history.`;
    } catch (e) {
      if (e instanceof HistoryStoreError) this.importError = `"${file.name}" was not imported, and the export history is unchanged. ${e.message}`;
      else this.#deps.notices.show(`The export history could not be updated from ${file.name}`, e);
    }
  }

  /** Forgets one export: its records are no longer left out, so the next export includes them again. */
  async forget(recordId: string): Promise<void> {
    const record = this.records.find((r) => r.id === recordId);
    try {
      await this.#deps.store.remove(this.#profileId, recordId);
      this.records = await this.#deps.store.list(this.#profileId);
      this.status = `Forgot ${record?.fileName ?? 'the export'}: its ${plural(record?.transactions ?? 0, 'transaction')} will be in the next export again.`;
    } catch (e) {
      this.#deps.notices.show('The export could not be forgotten', e);
    }
  }

  /** Saves the history as a JSON file (for the records, or for another machine). */
  async download(): Promise<void> {
    try {
      saveText(await this.#deps.store.exportJson(this.#profileId), 'keap2iif-export-history.json', 'application/json');
    } catch (e) {
      this.#deps.notices.show('The export history could not be saved', e);
    }
  }

  #problemOf(e: unknown): string {
    const message = e instanceof Error ? e.message : String(e);
    // HistoryStoreError messages are written for the user; anything else (storage failing) is not.
    return e instanceof HistoryStoreError
      ? message
      : `The export history of this profile could not be read from browser storage (${message}). Reload the page; exports are paused until it can be read.`;
  }
}
