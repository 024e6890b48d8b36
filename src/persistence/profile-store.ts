/**
 * Named mapping profiles (one per company) kept in the KvStore, plus which one is active, and
 * profile export/import as JSON files. Each entry is stored as `{ version, savedAt, profile }`
 * and checked by validateProfile on the way out: an entry from an older app is migrated, one
 * from a newer or unknown app is refused with a message, never half-loaded.
 */
import { defaultProfile } from '../core/profile/defaults.ts';
import { validateProfile } from '../core/profile/validate.ts';
import type { Profile } from '../core/profile/types.ts';
import type { KvStore } from './kv-store.ts';

/** Version of the stored envelope (not of the profile inside, which has its own). */
export const PROFILE_STORAGE_VERSION = 1;

const KEY_PREFIX = 'profile:';
const ACTIVE_KEY = 'profiles:active';

/** What is stored under `profile:<id>`. */
export interface StoredProfile {
  version: typeof PROFILE_STORAGE_VERSION;
  savedAt: string;
  profile: Profile;
}

/** A line in the profile picker. */
export interface ProfileListEntry {
  id: string;
  name: string;
  /** ISO timestamp of the last save ('' when the entry is unreadable). */
  updatedAt: string;
}

export type ProfileLoad = { ok: true; profile: Profile; warnings: string[] } | { ok: false; errors: string[] };

/** A profile operation that cannot go ahead (missing or unreadable entry); the message is for the user. */
export class ProfileStoreError extends Error {
  override readonly name = 'ProfileStoreError';
}

function newId(): string {
  // randomUUID exists only in secure contexts; a page served over plain http on a LAN has none.
  const c = globalThis.crypto as Crypto | undefined;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Name to show for a stored entry even when it cannot be loaded, so the user can delete it. */
function storedName(raw: unknown, id: string): string {
  if (isRecord(raw) && isRecord(raw.profile) && typeof raw.profile.name === 'string' && raw.profile.name.trim()) {
    return raw.profile.name;
  }
  return `Unreadable profile (${id})`;
}

/** Checks the envelope and validates (and migrates) the profile inside. Never throws. */
function readEntry(raw: unknown, id: string): ProfileLoad {
  if (raw === undefined) {
    return { ok: false, errors: [`There is no saved profile with id "${id}". It may have been deleted in another tab.`] };
  }
  const name = storedName(raw, id);
  if (!isRecord(raw) || typeof raw.version !== 'number' || !('profile' in raw)) {
    return {
      ok: false,
      errors: [`The saved profile "${name}" is damaged: it is not in the format keap2iif stores. Delete it, or import the profile again from an exported .json file.`],
    };
  }
  if (raw.version !== PROFILE_STORAGE_VERSION) {
    const why =
      raw.version > PROFILE_STORAGE_VERSION
        ? `was saved by a newer version of keap2iif (storage version ${raw.version}; this one reads version ${PROFILE_STORAGE_VERSION}). Reload the page to get the newest version; this one will not change the profile.`
        : `has a storage version (${raw.version}) this app does not know. Delete it, or import the profile again from an exported .json file.`;
    return { ok: false, errors: [`The saved profile "${name}" ${why}`] };
  }
  try {
    return validateProfile(raw.profile);
  } catch (e) {
    // validateProfile reports problems as data; a throw is our bug, but the user still gets a message.
    return { ok: false, errors: [`The saved profile "${name}" could not be checked: ${e instanceof Error ? e.message : String(e)}`] };
  }
}

function envelope(profile: Profile): StoredProfile {
  return { version: PROFILE_STORAGE_VERSION, savedAt: new Date().toISOString(), profile };
}

/** Several named profiles, one per company, and the id of the one in use. */
export class ProfileStore {
  readonly #kv: KvStore;

  constructor(kv: KvStore) {
    this.#kv = kv;
  }

  /** Every stored profile (readable or not, so a broken one can still be deleted), by name. */
  async list(): Promise<ProfileListEntry[]> {
    const ids = (await this.#kv.keys()).filter((k) => k.startsWith(KEY_PREFIX)).map((k) => k.slice(KEY_PREFIX.length));
    const entries = await Promise.all(
      ids.map(async (id) => {
        const raw = await this.#kv.get<unknown>(KEY_PREFIX + id);
        if (raw === undefined) return null;
        const updatedAt = isRecord(raw) && typeof raw.savedAt === 'string' ? raw.savedAt : '';
        return { id, name: storedName(raw, id), updatedAt };
      }),
    );
    return entries
      .filter((e): e is ProfileListEntry => e !== null)
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  /** Loads a profile, migrated to the current version, or explains why it cannot be used. */
  async load(id: string): Promise<ProfileLoad> {
    try {
      return readEntry(await this.#kv.get<unknown>(KEY_PREFIX + id), id);
    } catch (e) {
      return { ok: false, errors: [`The saved profile could not be read from browser storage: ${e instanceof Error ? e.message : String(e)}`] };
    }
  }

  /** Saves (creates or replaces) a profile under an id. */
  async save(id: string, profile: Profile): Promise<void> {
    await this.#kv.set(KEY_PREFIX + id, envelope(profile));
  }

  /** Creates a profile (a copy of `from`, or the defaults) and returns its id; it becomes active when none is. */
  async create(name: string, from?: Profile): Promise<string> {
    const id = newId();
    const profile: Profile = from ? { ...structuredClone(from), name } : defaultProfile(name);
    await this.save(id, profile);
    if ((await this.getActiveId()) === null) await this.setActiveId(id);
    return id;
  }

  /** Renames a profile; refuses (throws ProfileStoreError) when the entry cannot be loaded. */
  async rename(id: string, name: string): Promise<void> {
    // update() would write the missing value back as a key holding undefined, so check first.
    const first = readEntry(await this.#kv.get<unknown>(KEY_PREFIX + id), id);
    if (!first.ok) throw new ProfileStoreError(first.errors.join(' '));
    const refused: { errors: string[] | null } = { errors: null };
    // One read-modify-write, so a save from another tab cannot slip in between.
    await this.#kv.update<unknown>(KEY_PREFIX + id, (old) => {
      const loaded = readEntry(old, id);
      if (!loaded.ok) {
        refused.errors = loaded.errors;
        return old; // leave an unreadable (maybe newer) entry exactly as it was
      }
      return envelope({ ...loaded.profile, name });
    });
    if (refused.errors) throw new ProfileStoreError(refused.errors.join(' '));
  }

  /** Copies a profile under a new name and returns the new id. */
  async duplicate(id: string, newName: string): Promise<string> {
    const loaded = await this.load(id);
    if (!loaded.ok) throw new ProfileStoreError(loaded.errors.join(' '));
    return this.create(newName, loaded.profile);
  }

  /** Deletes a profile (and forgets it as active). Its export history is kept by HistoryStore. */
  async remove(id: string): Promise<void> {
    await this.#kv.del(KEY_PREFIX + id);
    if ((await this.#kv.get<unknown>(ACTIVE_KEY)) === id) await this.#kv.del(ACTIVE_KEY);
  }

  /** The profile in use, or null when none is set or it no longer exists. */
  async getActiveId(): Promise<string | null> {
    const id = await this.#kv.get<unknown>(ACTIVE_KEY);
    if (typeof id !== 'string') return null;
    return (await this.#kv.get<unknown>(KEY_PREFIX + id)) === undefined ? null : id;
  }

  /** Chooses the profile in use (null: none). */
  async setActiveId(id: string | null): Promise<void> {
    if (id === null) await this.#kv.del(ACTIVE_KEY);
    else await this.#kv.set(ACTIVE_KEY, id);
  }
}

/** The profile as a pretty-printed JSON file (the same file the command line takes with --profile). */
export function exportProfileJson(profile: Profile): string {
  return `${JSON.stringify(profile, null, 2)}\n`;
}

/** Reads a profile file chosen by the user: bad JSON and bad profiles give messages, never throws. */
export function importProfileJson(text: string): ProfileLoad {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') {
    return { ok: false, errors: ['The file is empty. Choose a profile file exported from keap2iif (a .json file).'] };
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      errors: [`The file is not valid JSON (${why}). Choose a profile file exported from keap2iif (a .json file); if you edited it by hand, check for a missing comma or quote.`],
    };
  }
  try {
    return validateProfile(json);
  } catch (e) {
    return { ok: false, errors: [`The profile could not be checked: ${e instanceof Error ? e.message : String(e)}`] };
  }
}
