/**
 * Export history per profile, kept in the KvStore as `{ version, savedAt, records }`. A stored
 * history this app cannot read (newer or unknown version, damaged records) is refused with a
 * HistoryStoreError rather than treated as empty: an empty history would let the user export,
 * and QuickBooks import, the same transactions twice. A history file saved on another machine
 * (or before a reinstall) is checked as a whole and merged in without duplicates; one export
 * can be forgotten when the company file was restored from a backup made before its import.
 */
import { isExportRecord } from '../core/history.ts';
import type { ExportRecord } from '../core/history.ts';
import type { KvStore } from './kv-store.ts';

/** Version of the stored history envelope. */
export const HISTORY_STORAGE_VERSION = 1;

const KEY_PREFIX = 'history:';

/** The `format` of a history file (HistoryStore.exportJson). */
const HISTORY_FILE_FORMAT = 'keap2iif-history';

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

  /**
   * Merges records (from a history file) into a profile's history: a record already there (same
   * id) is kept as it is. Throws HistoryStoreError, changing nothing, when the stored history is
   * unreadable.
   */
  async merge(profileId: string, records: readonly ExportRecord[]): Promise<{ added: number; known: number }> {
    const outcome = { added: 0, known: 0, refusal: null as string | null };
    await this.#kv.update<unknown>(KEY_PREFIX + profileId, (old) => {
      const read = readHistory(old);
      outcome.added = 0;
      outcome.known = 0;
      if (!read.ok) {
        outcome.refusal = read.message;
        return old;
      }
      const ids = new Set(read.records.map((r) => r.id));
      const merged = [...read.records];
      for (const r of records) {
        if (ids.has(r.id)) outcome.known++;
        else {
          ids.add(r.id);
          merged.push(r);
          outcome.added++;
        }
      }
      // Oldest first, as add() keeps them, whatever order the two machines exported in.
      merged.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
      return outcome.added > 0 ? envelope(merged) : old;
    });
    if (outcome.refusal !== null) throw new HistoryStoreError(outcome.refusal);
    return { added: outcome.added, known: outcome.known };
  }

  /** Forgets one export (its records go into the next export again); false when it was not there. */
  async remove(profileId: string, recordId: string): Promise<boolean> {
    const outcome = { removed: false, refusal: null as string | null };
    await this.#kv.update<unknown>(KEY_PREFIX + profileId, (old) => {
      const read = readHistory(old);
      outcome.removed = false;
      if (!read.ok) {
        outcome.refusal = read.message;
        return old;
      }
      const kept = read.records.filter((r) => r.id !== recordId);
      outcome.removed = kept.length < read.records.length;
      return outcome.removed ? envelope(kept) : old;
    });
    if (outcome.refusal !== null) throw new HistoryStoreError(outcome.refusal);
    return outcome.removed;
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
      ? { format: HISTORY_FILE_FORMAT, version: HISTORY_STORAGE_VERSION, profileId, exportedAt: new Date().toISOString(), records: read.records }
      : { format: HISTORY_FILE_FORMAT, profileId, exportedAt: new Date().toISOString(), unreadable: read.message, stored: raw };
    return `${JSON.stringify(body, null, 2)}\n`;
  }
}

export type HistoryFileRead = { ok: true; records: ExportRecord[] } | { ok: false; message: string };

/**
 * Checks a history file the user chose before anything is merged: a keap2iif export history
 * this version reads, every record whole. Anything else is refused with what it is and what
 * to do; a record listed twice in the file is taken once.
 */
export function readHistoryFile(text: string): HistoryFileRead {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return { ok: false, message: 'It is not a keap2iif export history: it is not JSON text. Choose the file saved with "Export history as JSON".' };
  }
  const body = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
  if (body?.format === 'keap2iif-profile') {
    return { ok: false, message: 'It is a keap2iif mapping profile, not an export history. Import profiles in step 2 (Import JSON); here choose the file saved with "Export history as JSON".' };
  }
  if (!body || body.format !== HISTORY_FILE_FORMAT) {
    return { ok: false, message: 'It is not a keap2iif export history (it has no "format": "keap2iif-history"). Choose the file saved with "Export history as JSON".' };
  }
  if (body.unreadable !== undefined) {
    return { ok: false, message: 'It was saved from a history this app could not read, so it holds no records it can trust. Import a history saved from a working copy of keap2iif.' };
  }
  if (typeof body.version !== 'number' || body.version !== HISTORY_STORAGE_VERSION) {
    return {
      ok: false,
      message:
        typeof body.version === 'number' && body.version > HISTORY_STORAGE_VERSION
          ? `It was saved by a newer version of keap2iif (history version ${body.version}). Reload the page to get the newest version, then import it again.`
          : `Its history version (${JSON.stringify(body.version)}) is not one this app knows.`,
    };
  }
  if (!Array.isArray(body.records)) return { ok: false, message: 'It has no list of exports ("records"), so it is damaged.' };
  const bad = body.records.findIndex((r) => !isExportRecord(r));
  if (bad >= 0) return { ok: false, message: `Export ${bad + 1} of ${body.records.length} in it is damaged (a field is missing or of the wrong kind), so none of it was used.` };
  const seen = new Set<string>();
  const records = (body.records as ExportRecord[]).filter((r) => !seen.has(r.id) && seen.add(r.id));
  return { ok: true, records };
}
