/**
 * The mapping profile being edited, the list of saved profiles, and automatic (debounced)
 * saving. Profile edits happen directly on the `$state` proxy (bind:value in the mapping
 * step); the app's effect calls `scheduleSave` with a plain snapshot after each change.
 */
import type { Profile } from '../../core/profile/types.ts';
import type { Catalog } from '../../core/convert.ts';
import type { FileKind } from '../../core/keap/model.ts';
import { defaultProfile } from '../../core/profile/defaults.ts';
import { applyTemplate } from '../../core/profile/template.ts';
import { validateProfile } from '../../core/profile/validate.ts';
import { exportProfileJson, importProfileJson } from '../../persistence/profile-store.ts';
import type { ProfileStore } from '../../persistence/profile-store.ts';

export interface ProfileEntry {
  id: string;
  name: string;
}

const SAVE_DELAY_MS = 400;

export class ProfileEditor {
  list = $state.raw<ProfileEntry[]>([]);
  activeId = $state('');
  profile = $state<Profile>(defaultProfile());
  saveState = $state<'saved' | 'pending' | 'error' | 'invalid'>('saved');
  /** Why the current edits are not saved ('invalid'): what to fix, from the profile check. */
  invalidReason = $state('');
  /** Result of the last profile action (import, rename...), for the status line. */
  status = $state('');
  /** An import that was refused, shown next to the Import button. */
  importError = $state('');
  /** The active profile could not be loaded; editing and saving are off until it is deleted or replaced. */
  loadError = $state('');
  /** Warnings from loading or importing (e.g. fields migrated from an older version). */
  warnings = $state.raw<string[]>([]);

  readonly #store: ProfileStore;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pending: { id: string; profile: Profile } | null = null;

  constructor(store: ProfileStore) {
    this.#store = store;
  }

  /** Loads the profile used last time, or creates a first one. */
  async init(): Promise<void> {
    await this.#refreshList();
    let id = (await this.#store.getActiveId()) ?? '';
    if (!this.list.some((p) => p.id === id)) id = this.list[0]?.id ?? '';
    if (!id) {
      id = await this.#store.create('My company');
      await this.#refreshList();
    }
    await this.#load(id);
  }

  /** Called with a plain snapshot after every edit; writes after a short pause in typing. */
  scheduleSave(snapshot: Profile): void {
    // Never overwrite a damaged stored profile with the defaults shown in its place.
    if (!this.activeId || this.loadError) return;
    this.#pending = { id: this.activeId, profile: snapshot };
    this.saveState = 'pending';
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  /** Writes a pending change now (before switching profiles or downloading). */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = null;
    // A half-typed value the stored-profile check refuses (a tax rate of "6,5") must not be
    // saved: on the next load the whole profile would be refused and the mapping lost. The
    // last valid version stays stored until the value is fixed.
    const check = validateProfile(pending.profile);
    if (!check.ok) {
      this.saveState = 'invalid';
      this.invalidReason = check.errors.join(' ');
      return;
    }
    this.invalidReason = '';
    try {
      await this.#store.save(pending.id, pending.profile);
      if (!this.#pending) this.saveState = 'saved';
      if (pending.profile.name !== this.list.find((p) => p.id === pending.id)?.name) await this.#refreshList();
    } catch (e) {
      this.saveState = 'error';
      console.error('keap2iif: could not save the profile', e);
    }
  }

  async switchTo(id: string): Promise<void> {
    if (id === this.activeId) return;
    await this.flush();
    await this.#load(id);
    this.status = `Switched to profile "${this.profile.name}".`;
  }

  async createNew(name: string): Promise<void> {
    await this.flush();
    const id = await this.#store.create(this.#uniqueName(name.trim() || 'New profile'));
    await this.#refreshList();
    await this.#load(id);
    this.status = `Created profile "${this.profile.name}".`;
  }

  async rename(name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed) return;
    await this.flush();
    await this.#store.rename(this.activeId, trimmed);
    this.profile.name = trimmed;
    await this.#refreshList();
    this.status = `Renamed the profile to "${trimmed}".`;
  }

  async duplicate(name: string): Promise<void> {
    await this.flush();
    const id = await this.#store.duplicate(this.activeId, this.#uniqueName(name.trim() || `${this.profile.name} (copy)`));
    await this.#refreshList();
    await this.#load(id);
    this.status = `Duplicated into "${this.profile.name}".`;
  }

  async remove(): Promise<void> {
    clearTimeout(this.#timer);
    this.#pending = null;
    const gone = this.profile.name;
    await this.#store.remove(this.activeId);
    await this.#refreshList();
    const next = this.list[0]?.id;
    if (next) await this.#load(next);
    else await this.init();
    this.status = `Deleted profile "${gone}".`;
  }

  /** The current profile as JSON text for download. */
  exportJson(): string {
    return exportProfileJson($state.snapshot(this.profile) as Profile);
  }

  /** Imports a profile file as a new profile; a bad file is refused and nothing changes. */
  async importJson(text: string, fileName: string): Promise<boolean> {
    this.importError = '';
    const parsed = importProfileJson(text);
    if (!parsed.ok) {
      this.importError = `"${fileName}" was not imported, and your current profile is unchanged. ${parsed.errors.join(' ')}`;
      return false;
    }
    await this.flush();
    // Two profiles of the same name cannot be told apart in the picker (and one could be
    // exported over by mistake), so an import never takes the name of an existing profile.
    const name = this.#uniqueName(parsed.profile.name, 'imported');
    const id = await this.#store.create(name, parsed.profile);
    await this.#refreshList();
    await this.#load(id);
    this.warnings = parsed.warnings;
    this.status =
      name === parsed.profile.name
        ? `Imported profile "${name}" from ${fileName}.`
        : `Imported profile "${parsed.profile.name}" from ${fileName} as "${name}", because a profile with that name already exists.`;
    return true;
  }

  /** Adds defaults for products and pay types the files brought that have no mapping yet. */
  applyCatalog(catalog: Catalog): void {
    const before = $state.snapshot(this.profile) as Profile;
    const after = applyTemplate(before, catalog);
    if (JSON.stringify(after) !== JSON.stringify(before)) this.profile = after;
  }

  /** Records the user's answer for a file layout we could not recognise. */
  setColumnMap(key: string, kind: FileKind, columns: Record<string, string>): void {
    const others = this.profile.columnMaps.filter((m) => m.headerKey !== key);
    this.profile.columnMaps = [...others, { headerKey: key, kind, columns }];
  }

  /**
   * `name` when no profile has it yet (case-insensitive); otherwise `name (2)`, `name (3)`…, or
   * with a label `name (imported)`, `name (imported 2)`…
   */
  #uniqueName(name: string, label = ''): string {
    const taken = new Set(this.list.map((p) => p.name.trim().toLowerCase()));
    const free = (candidate: string): boolean => !taken.has(candidate.trim().toLowerCase());
    if (free(name)) return name;
    for (let n = label ? 1 : 2; ; n++) {
      const candidate = label ? `${name} (${label}${n > 1 ? ` ${n}` : ''})` : `${name} (${n})`;
      if (free(candidate)) return candidate;
    }
  }

  async #refreshList(): Promise<void> {
    const entries = await this.#store.list();
    this.list = entries.map((e) => ({ id: e.id, name: e.name }));
  }

  async #load(id: string): Promise<void> {
    const loaded = await this.#store.load(id);
    clearTimeout(this.#timer);
    this.#pending = null;
    this.invalidReason = '';
    if (this.saveState === 'invalid') this.saveState = 'saved';
    if (loaded.ok) {
      this.loadError = '';
      this.warnings = loaded.warnings;
      this.profile = loaded.profile;
    } else {
      this.loadError = loaded.errors.join(' ');
      this.warnings = [];
      this.profile = defaultProfile(this.list.find((p) => p.id === id)?.name ?? 'Unreadable profile');
    }
    this.activeId = id;
    await this.#store.setActiveId(id);
  }
}
