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

const [getShell, setShell] = createContext<Shell>();
const [getNotices, setNotices] = createContext<FailureNotice>();
const [getEditor, setEditor] = createContext<ProfileEditor>();
const [getLibrary, setLibrary] = createContext<ProfileLibrary>();
const [getSession, setSession] = createContext<ImportSession>();
const [getHistory, setHistory] = createContext<ExportHistory>();
const [getRun, setRun] = createContext<ConversionRun>();
const [getReview, setReview] = createContext<ReviewState>();
const [getQbLists, setQbLists] = createContext<QbListsState>();
const [getExporter, setExporter] = createContext<ExportFlow>();
const [getPrintSummary, setPrintSummary] = createContext<PrintSummary>();
const [getCustomerMatches, setCustomerMatches] = createContext<CustomerMatchesState>();

export { getShell, getNotices, getEditor, getLibrary, getSession, getHistory, getRun, getReview, getQbLists, getExporter, getPrintSummary, getCustomerMatches };

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
