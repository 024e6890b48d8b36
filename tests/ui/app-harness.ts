/**
 * The app's state as the page builds it (createApp), for the ui tests: the real stores in memory
 * and the in-page converter behind a gate the test opens, so a run can be held "in flight".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import { flushSync } from 'svelte';
import type { InputFile } from '../../src/core/convert-types.ts';
import type { InspectResult } from '../../src/core/convert.ts';
import type { Profile } from '../../src/core/profile/types.ts';
import { createMemoryKvStore } from '../../src/persistence/kv-store.ts';
import type { KvStore } from '../../src/persistence/kv-store.ts';
import { ProfileStore } from '../../src/persistence/profile-store.ts';
import { HistoryStore } from '../../src/persistence/history-store.ts';
import { ConverterClient } from '../../src/worker/client.ts';
import type { CallOptions } from '../../src/worker/client.ts';
import type { PageConvertOptions, PageConvertResult } from '../../src/worker/page-result.ts';
import { countRowsByType } from '../../src/core/review/rows.ts';
import { createApp, type App } from '../../src/ui/state/app.svelte.ts';

export function hasType(result: PageConvertResult, type: 'PAYMENT' | 'INVOICE'): boolean {
  return (countRowsByType(result.rows).get(type) ?? 0) > 0;
}

const FIXTURES = join(import.meta.dirname, '../fixtures/e2e');

export function file(name: string): File {
  return new File([readFileSync(join(FIXTURES, name))], name, { type: 'text/csv' });
}

export const allFiles = (): File[] => ['order-items.csv', 'invoices.csv', 'payments.csv', 'contacts.csv'].map(file);

/** The in-page converter, but each call waits until the test opens its gate (or it is aborted). */
export class GatedClient {
  readonly real = new ConverterClient({ forceInThread: true });
  held = false;
  readonly #waiting: (() => void)[] = [];
  calls = { inspect: 0, convert: 0 };

  release(): void {
    this.held = false;
    for (const go of this.#waiting.splice(0)) go();
  }

  #gate<T>(run: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    if (!this.held) return run();
    return new Promise<T>((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(new DOMException('cancelled', 'AbortError')), { once: true });
      // The answer arrives whether or not it was cancelled meanwhile, as a worker's might.
      this.#waiting.push(() => void run().then(resolve, reject));
    });
  }

  inspect(files: InputFile[], profile: Profile, opts: CallOptions = {}): Promise<InspectResult> {
    this.calls.inspect++;
    return this.#gate(() => this.real.inspect(files, profile, {}), opts.signal);
  }

  convert(files: InputFile[], profile: Profile, selection: PageConvertOptions, opts: CallOptions = {}): Promise<PageConvertResult> {
    this.calls.convert++;
    return this.#gate(() => this.real.convert(files, profile, selection, {}), opts.signal);
  }
}

export interface Harness {
  app: App;
  kv: KvStore;
  client: GatedClient;
  profiles: ProfileStore;
  history: HistoryStore;
}

export async function makeApp(kv: KvStore = createMemoryKvStore()): Promise<Harness> {
  const client = new GatedClient();
  const profiles = new ProfileStore(kv);
  const history = new HistoryStore(kv);
  const app = createApp({ kv, profiles, history, client: client as unknown as ConverterClient });
  await app.start();
  flushSync();
  await settle();
  return { app, kv, client, profiles, history };
}

/** Lets promises and short timers run (the in-page converter yields with setTimeout 0). */
export async function settle(ms = 0): Promise<void> {
  for (let i = 0; i < 5; i++) {
    flushSync();
    await new Promise((r) => setTimeout(r, ms));
  }
  flushSync();
}

/** Waits until the review has a result (the re-convert runs 300 ms after a change). */
export async function reviewed(app: App): Promise<PageConvertResult> {
  await vi.waitFor(() => {
    flushSync();
    expect(app.run.result).not.toBeNull();
    expect(app.run.busy).toBe(false);
  }, { timeout: 5000, interval: 20 });
  return app.run.result as PageConvertResult;
}

