/**
 * The saved profiles (one per company): the list, and switching, creating, renaming,
 * duplicating, deleting, exporting and importing them. The profile shown is the editor's;
 * every action saves its pending edit first.
 */
import { exportProfileJson, importProfileJson } from '../../persistence/profile-store.ts';
import type { ProfileStore } from '../../persistence/profile-store.ts';
import { saveText } from '../save-file.ts';
import type { ProfileEditor } from './profile-editor.svelte.ts';

export interface ProfileEntry {
  id: string;
  name: string;
}

export class ProfileLibrary {
  list = $state.raw<ProfileEntry[]>([]);
  /** Result of the last profile action (import, rename...), for the status line. */
  status = $state('');
  /** An import that was refused, shown next to the Import button. */
  importError = $state('');

  readonly #store: ProfileStore;
  readonly #editor: ProfileEditor;

  constructor(store: ProfileStore, editor: ProfileEditor) {
    this.#store = store;
    this.#editor = editor;
    editor.onSaved = async (id, profile) => {
      if (profile.name !== this.list.find((p) => p.id === id)?.name) await this.#refresh();
    };
  }

  /** Opens the profile used last time, or creates a first one. */
  async init(): Promise<void> {
    await this.#refresh();
    let id = (await this.#store.getActiveId()) ?? '';
    if (!this.list.some((p) => p.id === id)) id = this.list[0]?.id ?? '';
    if (!id) {
      id = await this.#store.create('My company');
      await this.#refresh();
    }
    await this.#open(id);
  }

  async switchTo(id: string): Promise<void> {
    if (id === this.#editor.activeId) return;
    await this.#editor.flush();
    await this.#open(id);
    this.status = `Switched to profile "${this.#editor.profile.name}".`;
  }

  async createNew(name: string): Promise<void> {
    await this.#editor.flush();
    const id = await this.#store.create(this.#uniqueName(name.trim() || 'New profile'));
    await this.#refresh();
    await this.#open(id);
    this.status = `Created profile "${this.#editor.profile.name}".`;
  }

  async rename(name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed) return;
    await this.#editor.flush();
    await this.#store.rename(this.#editor.activeId, trimmed);
    this.#editor.profile.name = trimmed;
    await this.#refresh();
    this.status = `Renamed the profile to "${trimmed}".`;
  }

  async duplicate(name: string): Promise<void> {
    const editor = this.#editor;
    await editor.flush();
    const id = await this.#store.duplicate(editor.activeId, this.#uniqueName(name.trim() || `${editor.profile.name} (copy)`));
    await this.#refresh();
    await this.#open(id);
    this.status = `Duplicated into "${editor.profile.name}".`;
  }

  async remove(): Promise<void> {
    const editor = this.#editor;
    editor.discardPending();
    const gone = editor.profile.name;
    await this.#store.remove(editor.activeId);
    await this.#refresh();
    const next = this.list[0]?.id;
    if (next) await this.#open(next);
    else await this.init();
    this.status = `Deleted profile "${gone}".`;
  }

  /** The current profile as JSON text. */
  exportJson(): string {
    return exportProfileJson(this.#editor.snapshot);
  }

  /** Saves the current profile as a JSON file. */
  download(): void {
    const name = this.#editor.profile.name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'profile';
    saveText(this.exportJson(), `keap2iif-profile-${name}.json`, 'application/json');
  }

  /** Imports a profile file as a new profile; a bad file is refused and nothing changes. */
  async importJson(text: string, fileName: string): Promise<boolean> {
    this.importError = '';
    const parsed = importProfileJson(text);
    if (!parsed.ok) {
      this.importError = `"${fileName}" was not imported, and your current profile is unchanged. ${parsed.errors.join(' ')}`;
      return false;
    }
    await this.#editor.flush();
    // Two profiles of the same name cannot be told apart in the picker (and one could be
    // exported over by mistake), so an import never takes the name of an existing profile.
    const name = this.#uniqueName(parsed.profile.name, 'imported');
    const id = await this.#store.create(name, parsed.profile);
    await this.#refresh();
    await this.#open(id);
    this.#editor.warnings = parsed.warnings;
    this.status =
      name === parsed.profile.name
        ? `Imported profile "${name}" from ${fileName}.`
        : `Imported profile "${parsed.profile.name}" from ${fileName} as "${name}", because a profile with that name already exists.`;
    return true;
  }

  async importFile(file: File): Promise<boolean> {
    return this.importJson(await file.text(), file.name);
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

  async #refresh(): Promise<void> {
    const entries = await this.#store.list();
    this.list = entries.map((e) => ({ id: e.id, name: e.name }));
  }

  #open(id: string): Promise<void> {
    return this.#editor.open(id, this.list.find((p) => p.id === id)?.name);
  }
}
