/**
 * The full conversion behind the review: run again (after a short pause) whenever the files,
 * the profile or the export history change; the newest run wins. A result belongs to the files
 * it was made from: once they change it is no longer shown, nor is a run still going on them.
 */
import { untrack } from 'svelte';
import type { InputFile } from '../../core/convert-types.ts';
import type { Profile } from '../../core/profile/types.ts';
import type { ConverterClient } from '../../worker/client.ts';
import type { PageConvertResult } from '../../worker/page-result.ts';
import { isAbort } from './errors.ts';
import type { FailureNotice } from './failure-notice.svelte.ts';
import type { ExportHistory } from './export-history.svelte.ts';
import type { ImportSession, Progress } from './import-session.svelte.ts';
import type { ProfileEditor } from './profile-editor.svelte.ts';

const CONVERT_DELAY_MS = 300;

export interface ConversionRunDeps {
  client: Pick<ConverterClient, 'convert'>;
  session: ImportSession;
  editor: ProfileEditor;
  history: ExportHistory;
  notices: FailureNotice;
}

interface Made {
  files: readonly InputFile[];
  profile: Profile;
  result: PageConvertResult;
}

export class ConversionRun {
  readonly #deps: ConversionRunDeps;
  progress = $state.raw<Progress | null>(null);
  #made = $state.raw<Made | null>(null);
  #runningOn = $state.raw<readonly InputFile[] | null>(null);

  /** The latest result for the files as they are now (null while there is none). */
  readonly result: PageConvertResult | null;
  /** The profile that result was made with. */
  readonly profile: Profile | null;
  readonly busy: boolean;

  #abort: AbortController | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(deps: ConversionRunDeps) {
    this.#deps = deps;
    this.result = $derived(this.#made && this.#made.files === deps.session.files ? this.#made.result : null);
    this.profile = $derived(this.result ? (this.#made?.profile ?? null) : null);
    this.busy = $derived(this.#runningOn !== null && this.#runningOn === deps.session.files);
  }

  /** Re-runs after each change of what the output depends on (run inside an effect root). */
  connect(): void {
    const { session, editor, history } = this.#deps;
    $effect(() => {
      void editor.snapshot;
      void session.inspected;
      void history.selection;
      void history.loadedFor;
      void session.depositDates;
      untrack(() => this.#schedule());
    });
    // A run on files that are no longer the ones added is of no use: stop it at once.
    $effect(() => {
      void session.files;
      untrack(() => {
        clearTimeout(this.#timer);
        this.#abort?.abort();
      });
    });
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    if (this.#deps.session.files.length === 0 || !this.#deps.session.inspected) return;
    this.#timer = setTimeout(() => void this.convert(), CONVERT_DELAY_MS);
  }

  /** Runs the full conversion for the review screen. */
  async convert(): Promise<void> {
    const { client, session, editor, history, notices } = this.#deps;
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    const files = session.files;
    const profile = editor.snapshot;
    this.#runningOn = files;
    try {
      const result = await client.convert(files, profile, { ...history.selection, depositDates: session.depositDates }, {
        signal: abort.signal,
        onProgress: (stage, fraction) => {
          if (this.#abort === abort) this.progress = { stage, fraction };
        },
      });
      if (this.#abort !== abort) return;
      this.#made = { files, profile, result };
      notices.resolve('conversion');
    } catch (e) {
      if (!isAbort(e) && this.#abort === abort) notices.show('Converting your files failed', e, { source: 'conversion', retry: () => this.retry() });
    } finally {
      if (this.#abort === abort) {
        this.#runningOn = null;
        this.progress = null;
      }
    }
  }

  /** "Try again": files read before the failure need no second reading; otherwise they are read first (which converts them). */
  async retry(): Promise<void> {
    if (!this.#deps.session.inspected) await this.#deps.session.inspect();
    else await this.convert();
  }
}
