/**
 * Composition root: opens browser storage (falling back to memory with a banner), builds the
 * profile and history stores and the worker client, and mounts the app. A failure here is
 * shown as text in the page rather than leaving it blank.
 */
import { mount } from 'svelte';
import './ui/styles.css';
import App from './App.svelte';
import { openKvStore } from './persistence/kv-store.ts';
import { ProfileStore } from './persistence/profile-store.ts';
import { HistoryStore } from './persistence/history-store.ts';
import { ConverterClient } from './worker/client.ts';
import { createApp, type App as AppModel } from './ui/state/app.svelte.ts';

async function start(target: HTMLElement): Promise<void> {
  let app: AppModel | null = null;
  const opened = await openKvStore({ onProblem: (problem) => app?.shell.setStorageProblem(problem) });
  app = createApp({
    kv: opened.store,
    ...(opened.problem ? { storageProblem: opened.problem } : {}),
    profiles: new ProfileStore(opened.store),
    history: new HistoryStore(opened.store),
    client: new ConverterClient(),
  });
  mount(App, { target, props: { app } });
  await app.start();
}

const target = document.getElementById('app');
if (target) {
  start(target).catch((e: unknown) => {
    console.error('keap2iif failed to start', e);
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.textContent = `keap2iif could not start: ${e instanceof Error ? e.message : String(e)}. Reload the page; if it keeps happening, try another browser.`;
    target.replaceChildren(p);
  });
}
