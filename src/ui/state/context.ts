/**
 * Typed context for the state classes, as the svelte.dev REPL hands its workspace to its
 * components: the page shell sets each one once (provideApp), and a component takes only the
 * ones it uses, by name, with their types.
 */
import { createContext } from 'svelte';
import type { App } from './app.svelte.ts';
import type { Shell } from './shell.svelte.ts';
import type { FailureNotice } from './failure-notice.svelte.ts';
import type { ProfileEditor } from './profile-editor.svelte.ts';
import type { ProfileLibrary } from './profile-library.svelte.ts';
import type { ImportSession } from './import-session.svelte.ts';
import type { ExportHistory } from './export-history.svelte.ts';
import type { ConversionRun } from './conversion-run.svelte.ts';
import type { ReviewState } from './review-state.svelte.ts';
import type { QbListsState } from './qb-lists.svelte.ts';
import type { ExportFlow } from './export-flow.svelte.ts';
import type { PrintSummary } from './print-summary.svelte.ts';
import type { CustomerMatchesState } from './customer-matches.svelte.ts';

export const [getShell, setShell] = createContext<Shell>();
export const [getNotices, setNotices] = createContext<FailureNotice>();
export const [getEditor, setEditor] = createContext<ProfileEditor>();
export const [getLibrary, setLibrary] = createContext<ProfileLibrary>();
export const [getSession, setSession] = createContext<ImportSession>();
export const [getHistory, setHistory] = createContext<ExportHistory>();
export const [getRun, setRun] = createContext<ConversionRun>();
export const [getReview, setReview] = createContext<ReviewState>();
export const [getQbLists, setQbLists] = createContext<QbListsState>();
export const [getExporter, setExporter] = createContext<ExportFlow>();
export const [getPrintSummary, setPrintSummary] = createContext<PrintSummary>();
export const [getCustomerMatches, setCustomerMatches] = createContext<CustomerMatchesState>();

/** Sets every state class as context (call while initialising the root component). */
export function provideApp(app: App): void {
  setShell(app.shell);
  setNotices(app.notices);
  setEditor(app.editor);
  setLibrary(app.library);
  setSession(app.session);
  setHistory(app.history);
  setRun(app.run);
  setReview(app.review);
  setQbLists(app.qb);
  setExporter(app.exporter);
  setPrintSummary(app.print);
  setCustomerMatches(app.customerMatches);
}
