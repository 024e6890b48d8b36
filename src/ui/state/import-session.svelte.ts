/**
 * The files the user added this session (kept in memory only, never stored) and what the
 * converter made of them (`inspect`, run in the worker with a progress bar). Adding a file with
 * a name already present replaces it, so a corrected export can simply be dropped again. New
 * products and pay types get default mappings as soon as the files are read.
 */
import { untrack } from 'svelte';
import type { InputFile } from '../../core/convert-types.ts';
import type { IsoDate } from '../../core/dates.ts';
import type { InspectResult } from '../../core/convert.ts';
import type { FileKind } from '../../core/keap/model.ts';
import { headerKey } from '../../core/keap/schemas.ts';
import type { ConverterClient } from '../../worker/client.ts';
import { isAbort } from './errors.ts';
import type { FailureNotice } from './failure-notice.svelte.ts';
import type { ProfileEditor } from './profile-editor.svelte.ts';

export interface Progress {
  stage: string;
  fraction: number;
}

export interface ImportSessionDeps {
  client: Pick<ConverterClient, 'inspect'>;
  editor: ProfileEditor;
  notices: FailureNotice;
}

export class ImportSession {
  files = $state.raw<InputFile[]>([]);
  inspected = $state.raw<InspectResult | null>(null);
  busy = $state(false);
  progress = $state.raw<Progress | null>(null);
  /** Last thing that happened to the file list, for the aria-live status line. */
  status = $state('');
  /** Dates typed for deposit files that carry none (ISO, by file name); used by every run. */
  depositDates = $state.raw<Readonly<Record<string, IsoDate>>>({});

  readonly #deps: ImportSessionDeps;
  #abort: AbortController | null = null;

  constructor(deps: ImportSessionDeps) {
    this.#deps = deps;
  }

  /** Another profile may lack mappings for the products of the files already read (run inside an effect root). */
  connect(): void {
    $effect(() => {
      const id = this.#deps.editor.activeId;
      untrack(() => {
        if (id && this.inspected) this.#deps.editor.applyCatalog(this.inspected.catalog);
      });
    });
  }

  /** The date of the deposits of a deposit file without dates ('' forgets it). */
  setDepositDate(file: string, date: IsoDate | ''): void {
    const next = { ...this.depositDates };
    if (date) next[file] = date;
    else delete next[file];
    this.depositDates = next;
  }

  /** Reads browser File objects into memory, then recognises the whole set again. */
  async add(list: readonly File[]): Promise<void> {
    if (list.length === 0) return;
    let read: InputFile[];
    try {
      read = await Promise.all(list.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }) satisfies InputFile));
    } catch (e) {
      this.#deps.notices.show('A file could not be read', e);
      return;
    }
    const names = new Set(read.map((f) => f.name));
    const replaced = this.files.filter((f) => names.has(f.name)).length;
    this.files = [...this.files.filter((f) => !names.has(f.name)), ...read];
    const added = read.length === 1 ? `Added ${read[0]?.name}` : `Added ${read.length} files`;
    this.status = replaced > 0 ? `${added} (replacing ${replaced} with the same name).` : `${added}.`;
    await this.inspect();
  }

  async remove(name: string): Promise<void> {
    this.files = this.files.filter((f) => f.name !== name);
    this.status = `Removed ${name}.`;
    await this.inspect();
  }

  /** Recognises the files in the worker (the newest read wins), then fills in defaults for new products and pay types. */
  async inspect(): Promise<void> {
    this.#abort?.abort();
    if (this.files.length === 0) {
      this.#abort = null;
      this.inspected = null;
      this.busy = false;
      this.progress = null;
      return;
    }
    const abort = new AbortController();
    this.#abort = abort;
    const { client, editor, notices } = this.#deps;
    this.busy = true;
    this.progress = { stage: 'Reading files', fraction: 0 };
    try {
      const result = await client.inspect(this.files, editor.snapshot, {
        signal: abort.signal,
        onProgress: (stage, fraction) => {
          if (this.#abort === abort) this.progress = { stage, fraction };
        },
      });
      // A newer read (or removing every file) replaced this one: its result is stale.
      if (this.#abort !== abort) return;
      editor.applyCatalog(result.catalog);
      this.inspected = result;
      notices.resolve('files');
    } catch (e) {
      if (!isAbort(e) && this.#abort === abort) notices.show('Reading your files failed', e, { source: 'files', retry: () => this.inspect() });
    } finally {
      if (this.#abort === abort) {
        this.busy = false;
        this.progress = null;
      }
    }
  }

  /** Saves the user's column choices for an unrecognised file and reads the files again. */
  async saveColumnMap(headers: string[], kind: FileKind, columns: Record<string, string>): Promise<void> {
    this.#deps.editor.setColumnMap(headerKey(headers), kind, columns);
    await this.inspect();
  }
}
