/**
 * The mapping profile being edited and its automatic (debounced) saving. The mapping is edited
 * in place on a `$state` proxy (bind:value in the mapping step); the QuickBooks lists, which can
 * hold thousands of names, are held raw beside it, so an edit never walks them. `snapshot` is
 * the whole profile as plain data, made once per change for both the autosave and the runs.
 */
import { untrack } from 'svelte';
import type { Catalog } from '../../core/convert.ts';
import type { FileKind } from '../../core/keap/model.ts';
import type { Profile, ProfileAccounts, QbLists } from '../../core/profile/types.ts';
import { defaultProfile } from '../../core/profile/defaults.ts';
import { applyTemplate } from '../../core/profile/template.ts';
import { validateProfile } from '../../core/profile/validate.ts';
import type { ProfileStore } from '../../persistence/profile-store.ts';

/** The profile without its QuickBooks lists: what the mapping step edits. */
export type Mapping = Omit<Profile, 'qbLists'>;

const SAVE_DELAY_MS = 400;

function mappingOf(profile: Profile): Mapping {
  const { qbLists: _lists, ...mapping } = profile;
  return mapping;
}

export class ProfileEditor {
  activeId = $state('');
  profile = $state<Mapping>(mappingOf(defaultProfile()));
  qbLists = $state.raw<QbLists | null>(null);
  saveState = $state<'saved' | 'pending' | 'error' | 'invalid'>('saved');
  /** Why the current edits are not saved ('invalid'): what to fix, from the profile check. */
  invalidReason = $state('');
  /** The active profile could not be loaded; editing and saving are off until it is deleted or replaced. */
  loadError = $state('');
  /** Warnings from loading or importing (e.g. fields migrated from an older version). */
  warnings = $state.raw<string[]>([]);

  /** The whole profile as plain data (a new object after every edit). */
  readonly snapshot: Profile = $derived.by(() => ({ ...($state.snapshot(this.profile) as Mapping), qbLists: this.qbLists }));

  readonly #store: ProfileStore;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pending: { id: string; profile: Profile } | null = null;
  /** Called after each save (the profile library keeps the names of the profiles). */
  onSaved: (id: string, profile: Profile) => Promise<void> = async () => {};

  constructor(store: ProfileStore) {
    this.#store = store;
  }

  /** Saves every edit after a pause in typing (run inside an effect root). */
  connect(): void {
    $effect(() => {
      const snapshot = this.snapshot;
      untrack(() => this.#scheduleSave(snapshot));
    });
  }

  #scheduleSave(snapshot: Profile): void {
    // Never overwrite a damaged stored profile with the defaults shown in its place.
    if (!this.activeId || this.loadError) return;
    this.#pending = { id: this.activeId, profile: snapshot };
    this.saveState = 'pending';
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  /** Writes a pending change now (before switching profiles, downloading or leaving the page). */
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
      await this.onSaved(pending.id, pending.profile);
    } catch (e) {
      this.saveState = 'error';
      console.error('keap2iif: could not save the profile', e);
    }
  }

  /** Drops an edit not yet saved (the profile it belongs to is being deleted). */
  discardPending(): void {
    clearTimeout(this.#timer);
    this.#pending = null;
  }

  /** Shows the stored profile `id` (or the defaults under `fallbackName` when it cannot be read). */
  async open(id: string, fallbackName = 'Unreadable profile'): Promise<void> {
    const loaded = await this.#store.load(id);
    this.discardPending();
    this.invalidReason = '';
    if (this.saveState === 'invalid') this.saveState = 'saved';
    this.#set(loaded.ok ? loaded.profile : defaultProfile(fallbackName));
    this.loadError = loaded.ok ? '' : loaded.errors.join(' ');
    this.warnings = loaded.ok ? loaded.warnings : [];
    this.activeId = id;
    await this.#store.setActiveId(id);
  }

  #set(profile: Profile): void {
    this.profile = mappingOf(profile);
    this.qbLists = profile.qbLists;
  }

  /** Adds defaults for products, item types and pay types the files brought that have no mapping yet. */
  applyCatalog(catalog: Catalog): void {
    // The lists are left out: the template copies the profile, and they never change here.
    const before = { ...($state.snapshot(this.profile) as Mapping), qbLists: null };
    const after = applyTemplate(before, catalog);
    if (JSON.stringify(after) !== JSON.stringify(before)) this.profile = mappingOf(after);
  }

  /** Records the user's answer for a file layout we could not recognise. */
  setColumnMap(key: string, kind: FileKind, columns: Record<string, string>): void {
    const others = this.profile.columnMaps.filter((m) => m.headerKey !== key);
    this.profile.columnMaps = [...others, { headerKey: key, kind, columns }];
  }

  setQbLists(lists: QbLists | null): void {
    this.qbLists = lists;
  }

  /** Sets special accounts; returns the ones that changed. */
  setAccounts(values: Partial<ProfileAccounts>): (keyof ProfileAccounts)[] {
    const changed: (keyof ProfileAccounts)[] = [];
    for (const [key, value] of Object.entries(values) as [keyof ProfileAccounts, string][]) {
      if (this.profile.accounts[key] === value) continue;
      this.profile.accounts[key] = value;
      changed.push(key);
    }
    return changed;
  }
}
