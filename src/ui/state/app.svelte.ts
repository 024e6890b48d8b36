/**
 * Composition of the app's state: builds each small state class with what it needs and starts
 * their reactions. Nothing else lives here: each class owns its job (and its effects), and the
 * components receive the classes they use through context (context.ts).
 */
import type { KvStore } from '../../persistence/kv-store.ts';
import type { ProfileStore } from '../../persistence/profile-store.ts';
import type { HistoryStore } from '../../persistence/history-store.ts';
import type { ConverterClient } from '../../worker/client.ts';
import { Shell } from './shell.svelte.ts';
import { FailureNotice } from './failure-notice.svelte.ts';
import { ProfileEditor } from './profile-editor.svelte.ts';
import { ProfileLibrary } from './profile-library.svelte.ts';
import { ImportSession } from './import-session.svelte.ts';
import { ExportHistory } from './export-history.svelte.ts';
import { ConversionRun } from './conversion-run.svelte.ts';
import { ReviewState } from './review-state.svelte.ts';
import { QbListsState } from './qb-lists.svelte.ts';
import { ExportFlow } from './export-flow.svelte.ts';
import { PrintSummary } from './print-summary.svelte.ts';
import { CustomerMatchesState } from './customer-matches.svelte.ts';

export interface Services {
  kv: KvStore;
  storageProblem?: string;
  profiles: ProfileStore;
  history: HistoryStore;
  client: Pick<ConverterClient, 'inspect' | 'convert'>;
}

export interface App {
  shell: Shell;
  notices: FailureNotice;
  editor: ProfileEditor;
  library: ProfileLibrary;
  session: ImportSession;
  history: ExportHistory;
  run: ConversionRun;
  review: ReviewState;
  qb: QbListsState;
  exporter: ExportFlow;
  print: PrintSummary;
  customerMatches: CustomerMatchesState;
  /** Loads the saved settings, then starts every reaction; returns what stops them. */
  start(): Promise<() => void>;
}

export function createApp(services: Services): App {
  const { client } = services;
  const shell = new Shell(services.storageProblem);
  const notices = new FailureNotice();
  const editor = new ProfileEditor(services.profiles);
  const library = new ProfileLibrary(services.profiles, editor);
  const session = new ImportSession({ client, editor, notices });
  const history = new ExportHistory({ store: services.history, editor, notices });
  const run = new ConversionRun({ client, session, editor, history, notices });
  const review = new ReviewState(run);
  const qb = new QbListsState({ editor, run, notices });
  const exporter = new ExportFlow({ kv: services.kv, client, session, editor, history, notices });
  const print = new PrintSummary({ session, run });
  const customerMatches = new CustomerMatchesState({ editor, run });

  async function start(): Promise<() => void> {
    await notices.attempt('Your saved settings could not be loaded', () => library.init());
    shell.ready = true;
    const stopReactions = $effect.root(() => {
      editor.connect();
      session.connect();
      history.connect();
      exporter.connect();
      run.connect();
    });
    const stopFlushing = flushOnPageHide(editor);
    return () => {
      stopReactions();
      stopFlushing();
    };
  }

  return { shell, notices, editor, library, session, history, run, review, qb, exporter, print, customerMatches, start };
}

/**
 * Autosave waits for a pause in typing; a tab closed (or reloaded, or sent to the background
 * and discarded) within that pause would lose the last edit, so leaving the page saves now.
 */
function flushOnPageHide(editor: ProfileEditor): () => void {
  const win = (globalThis as { window?: EventTarget }).window;
  const doc = (globalThis as { document?: EventTarget & { visibilityState?: string } }).document;
  const save = (): void => void editor.flush();
  const onVisibility = (): void => {
    if (doc?.visibilityState === 'hidden') save();
  };
  win?.addEventListener('pagehide', save);
  doc?.addEventListener('visibilitychange', onVisibility);
  return () => {
    win?.removeEventListener('pagehide', save);
    doc?.removeEventListener('visibilitychange', onVisibility);
  };
}
