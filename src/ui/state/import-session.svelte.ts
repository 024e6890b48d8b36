/**
 * The files the user added this session (kept in memory only, never stored) and what the
 * converter made of them (`inspect`, run in the worker with a progress bar). Adding a file with
 * a name already present replaces it, so a corrected export can simply be dropped again.
 */
import type { InputFile } from '../../core/convert-types.ts';
import type { InspectResult } from '../../core/convert.ts';

export interface Progress {
  stage: string;
  fraction: number;
}

export class ImportSession {
  files = $state.raw<InputFile[]>([]);
  inspected = $state.raw<InspectResult | null>(null);
  busy = $state(false);
  progress = $state.raw<Progress | null>(null);
  /** Last thing that happened to the file list, for the aria-live status line. */
  status = $state('');

  /** Reads browser File objects into memory; returns the new list. */
  async add(list: readonly File[]): Promise<void> {
    if (list.length === 0) return;
    const read = await Promise.all(
      list.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }) satisfies InputFile),
    );
    const names = new Set(read.map((f) => f.name));
    const replaced = this.files.filter((f) => names.has(f.name)).length;
    this.files = [...this.files.filter((f) => !names.has(f.name)), ...read];
    const added = read.length === 1 ? `Added ${read[0]?.name}` : `Added ${read.length} files`;
    this.status = replaced > 0 ? `${added} (replacing ${replaced} with the same name).` : `${added}.`;
  }

  remove(name: string): void {
    this.files = this.files.filter((f) => f.name !== name);
    this.status = `Removed ${name}.`;
    if (this.files.length === 0) this.inspected = null;
  }

  clear(): void {
    this.files = [];
    this.inspected = null;
    this.status = 'Removed all files.';
  }
}
