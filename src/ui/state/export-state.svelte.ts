/**
 * Export history and the safety checklist of the active profile. IIF imports cannot be undone,
 * so every download is recorded and the Keap ids already sent are left out of the next export
 * unless the user asks for them; the checklist is ticked once per profile and remembered.
 */
import type { ExportRecord } from '../../core/history.ts';
import { alreadyExportedIds } from '../../core/history.ts';
import type { KvStore } from '../../persistence/kv-store.ts';
import { HistoryStoreError } from '../../persistence/history-store.ts';
import type { HistoryStore } from '../../persistence/history-store.ts';

interface ChecklistRecord {
  backedUp: boolean;
  importIntoCopy: boolean;
  at: string;
}

const checklistKey = (profileId: string): string => `checklist:${profileId}`;

export class ExportState {
  history = $state.raw<ExportRecord[]>([]);
  includeAlreadyExported = $state(false);
  /** The checklist was completed for this profile (stored). */
  checklistDone = $state(false);
  backedUp = $state(false);
  importIntoCopy = $state(false);
  testMode = $state<'first' | 'day'>('first');
  testCount = $state(5);
  testDay = $state('');
  busy = $state(false);
  /** What the last download did, for the aria-live status line. */
  status = $state('');
  /** The stored history cannot be read; exports are blocked until it is cleared (or it would re-export everything). */
  historyProblem = $state('');
  /** The profile whose history and checklist are loaded ('' while a profile's are being loaded). */
  loadedFor = $state('');

  readonly alreadyExported = $derived(alreadyExportedIds(this.history));

  readonly #kv: KvStore;
  readonly #store: HistoryStore;
  #profileId = '';

  constructor(kv: KvStore, store: HistoryStore) {
    this.#kv = kv;
    this.#store = store;
  }

  /** Loads history and checklist for a profile (on start and when the profile changes). */
  async loadFor(profileId: string): Promise<void> {
    this.#profileId = profileId;
    // Until this profile's history is in, the one shown belongs to the previous profile: exports
    // wait (AppState.download checks loadedFor) rather than leave out the wrong records.
    this.loadedFor = '';
    this.includeAlreadyExported = false;
    let checklist: ChecklistRecord | undefined;
    let history: ExportRecord[] = [];
    let problem = '';
    try {
      checklist = await this.#kv.get<ChecklistRecord>(checklistKey(profileId));
      history = await this.#store.list(profileId);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      // HistoryStoreError messages are written for the user; anything else (storage failing) is not.
      problem =
        e instanceof HistoryStoreError
          ? message
          : `The export history of this profile could not be read from browser storage (${message}). Reload the page; exports are paused until it can be read.`;
    }
    if (this.#profileId !== profileId) return; // switched again meanwhile
    this.loadedFor = profileId;
    this.history = history;
    this.historyProblem = problem;
    this.checklistDone = checklist?.backedUp === true && checklist.importIntoCopy === true;
    this.backedUp = this.checklistDone;
    this.importIntoCopy = this.checklistDone;
  }

  /** Remembers the ticked checklist so it is not asked again for this profile. */
  async confirmChecklist(): Promise<void> {
    if (!this.backedUp || !this.importIntoCopy) return;
    const record: ChecklistRecord = { backedUp: true, importIntoCopy: true, at: new Date().toISOString() };
    await this.#kv.set(checklistKey(this.#profileId), record);
    this.checklistDone = true;
  }

  /** Adds a written file to the history of `profileId`: the profile it was converted with, even if another one is shown by now. */
  async record(profileId: string, entry: ExportRecord): Promise<void> {
    await this.#store.add(profileId, entry);
    const history = await this.#store.list(profileId);
    if (this.#profileId === profileId) {
      this.history = history;
      // "Include what was exported before" is a one-off choice: after a full export it resets,
      // so the next export cannot repeat these records by accident.
      if (!entry.test) this.includeAlreadyExported = false;
    }
  }

  async clearHistory(): Promise<void> {
    await this.#store.clear(this.#profileId);
    this.history = [];
    this.historyProblem = '';
    this.status = 'Export history cleared. Nothing will be left out of the next export.';
  }

  async historyJson(): Promise<string> {
    return this.#store.exportJson(this.#profileId);
  }
}
