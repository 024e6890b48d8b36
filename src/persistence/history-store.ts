/**
 * Export history per profile, kept in the KvStore as `{ version, savedAt, records }`. A stored
 * history this app cannot read (newer or unknown version, damaged records) is refused with a
 * HistoryStoreError rather than treated as empty: an empty history would let the user export,
 * and QuickBooks import, the same transactions twice.
 */
import { isExportRecord } from '../core/history.ts';
import type { ExportRecord } from '../core/history.ts';
import type { KvStore } from './kv-store.ts';

/** Version of the stored history envelope. */
export const HISTORY_STORAGE_VERSION = 1;

const KEY_PREFIX = 'history:';

/** What is stored under `history:<profileId>`. */
export interface StoredHistory {
  version: typeof HISTORY_STORAGE_VERSION;
  savedAt: string;
  records: ExportRecord[];
}

/** The stored history cannot be read; the message says why and what to do. */
export class HistoryStoreError extends Error {
  override readonly name = 'HistoryStoreError';
}

type Read = { ok: true; records: ExportRecord[] } | { ok: false; message: string };

function readHistory(raw: unknown): Read {
  if (raw === undefined) return { ok: true, records: [] };
  if (typeof raw !== 'object' || raw === null || typeof (raw as { version?: unknown }).version !== 'number') {
    return { ok: false, message: 'The export history stored in this browser is damaged and was not used. Export it (for your records) and clear it before exporting again.' };
  }
  const { version, records } = raw as { version: number; records?: unknown };
  if (version !== HISTORY_STORAGE_VERSION) {
    return {
      ok: false,
      message:
        version > HISTORY_STORAGE_VERSION
          ? `The export history was saved by a newer version of keap2iif (storage version ${version}). Reload the page to get the newest version; this one will not read or change it.`
          : `The export history has a storage version (${version}) this app does not know, so it was not used. Export it and clear it before exporting again.`,
    };
  }
  if (!Array.isArray(records) || !records.every(isExportRecord)) {
    return { ok: false, message: 'Some export history records stored in this browser are damaged, so the history was not used. Export it (for your records) and clear it before exporting again.' };
  }
  return { ok: true, records };
}

function envelope(records: ExportRecord[]): StoredHistory {
  return { version: HISTORY_STORAGE_VERSION, savedAt: new Date().toISOString(), records };
}

/** Export history, one list of records per profile id. */
export class HistoryStore {
  readonly #kv: KvStore;

  constructor(kv: KvStore) {
    this.#kv = kv;
  }

  /** Records of a profile, oldest first ([] when none); throws HistoryStoreError when unreadable. */
  async list(profileId: string): Promise<ExportRecord[]> {
    const read = readHistory(await this.#kv.get<unknown>(KEY_PREFIX + profileId));
    if (!read.ok) throw new HistoryStoreError(read.message);
    return read.records;
  }

  /** Appends a record (once: adding a record with the same id again changes nothing). */
  async add(profileId: string, record: ExportRecord): Promise<void> {
    const refusal: { message: string | null } = { message: null };
    // The updater must not throw (inside an IndexedDB transaction that would lose the message),
    // so an unreadable history is left untouched and reported afterwards.
    await this.#kv.update<unknown>(KEY_PREFIX + profileId, (old) => {
      const read = readHistory(old);
      if (!read.ok) {
        refusal.message = read.message;
        return old;
      }
      if (read.records.some((r) => r.id === record.id)) return old;
      return envelope([...read.records, record]);
    });
    if (refusal.message !== null) throw new HistoryStoreError(refusal.message);
  }

  /** Forgets a profile's history (also the way out of an unreadable one). */
  async clear(profileId: string): Promise<void> {
    await this.#kv.del(KEY_PREFIX + profileId);
  }

  /** The history as a pretty JSON file for the user's records (an unreadable one as stored, with the reason). */
  async exportJson(profileId: string): Promise<string> {
    const raw = await this.#kv.get<unknown>(KEY_PREFIX + profileId);
    const read = readHistory(raw);
    // An unreadable history is still exported as stored, so the user can keep it before clearing.
    const body = read.ok
      ? { format: 'keap2iif-history', version: HISTORY_STORAGE_VERSION, profileId, exportedAt: new Date().toISOString(), records: read.records }
      : { format: 'keap2iif-history', profileId, exportedAt: new Date().toISOString(), unreadable: read.message, stored: raw };
    return `${JSON.stringify(body, null, 2)}\n`;
  }
}
