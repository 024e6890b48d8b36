/**
 * The page's handle on the converter: runs the core in a module worker so a 50 MB export never
 * freezes the page, correlates requests by id, cancels by terminating the worker (AbortSignal),
 * restarts it after a crash, and falls back to running the core in the page when workers are
 * unavailable (Node tests) or refused (a browser blocking a worker opened from file://). A
 * watchdog ends a call when the worker goes silent (no message, no pulse) for too long: a
 * worker that closes without a word no longer leaves its run waiting forever.
 */
import type { InputFile, InspectResult } from '../core/convert-types.ts';
import type { Profile } from '../core/profile/types.ts';
import { ID_SEPARATOR, STAGE_LABELS, STAGE_START, describeThrown } from './protocol.ts';
import type { ResultOf, ResultPartField, WireFile, WireSelection, WorkerRequest, WorkerResponse } from './protocol.ts';
import type { PageConvertOptions, PageConvertResult } from './page-result.ts';
// The offline single-file build (vite.single.config.ts) swaps this module for module-worker.inline.ts.
import { createModuleWorker } from './module-worker.ts';
import { StallWatch } from './stall-watch.ts';

/** What has been read so far, when the worker knows it (bytes while reading files, rows after each file). */
export interface ProgressDetail {
  bytes?: number;
  totalBytes?: number;
  rows?: number;
}

export type ProgressCallback = (stage: string, fraction: number, detail?: ProgressDetail) => void;

/**
 * A file handed to the client: its bytes (InputFile), or the browser File/Blob itself. Prefer
 * the Blob for big files: it reaches the worker without copying bytes on the page, and the
 * worker reads it in slices.
 */
export type ClientFile = InputFile | { name: string; blob: Blob };

export interface ConverterClientOptions {
  /** Never start a worker; run the core in the page. */
  forceInThread?: boolean;
  /** Makes the worker (tests pass a fake); default is the Vite module worker. */
  createWorker?: () => Worker;
  /** Terminate an idle worker after this many ms to give its memory back; 0 (default) keeps it. */
  idleTimeoutMs?: number;
  /**
   * End the calls in flight when nothing (no message, no pulse) has come from the worker for
   * this many ms; default STALL_TIMEOUT_MS, 0 turns the watchdog off.
   */
  stallTimeoutMs?: number;
}

/**
 * A worker that says nothing for this long is taken for dead. Its pulse beats every second
 * even while a conversion is busy for minutes in one step, so only a worker that is gone (or
 * whose thread no longer runs) stays this quiet.
 */
export const STALL_TIMEOUT_MS = 20_000;

export interface CallOptions {
  /** Aborting terminates the worker and rejects the call with an AbortError. */
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
}

/** A conversion failed because of our own code or the browser; `details` is for "copy details". */
export class ConverterError extends Error {
  override readonly name = 'ConverterError';
  /** Message plus the stack from where it happened (the worker's stack when it came from there). */
  readonly details: string;
  /** True when the worker died rather than reporting an error. */
  readonly crashed: boolean;

  constructor(message: string, stack: string | undefined, crashed = false) {
    super(message);
    this.details = stack && stack.includes(message) ? stack : [message, stack].filter(Boolean).join('\n');
    this.crashed = crashed;
  }
}

type RequestType = keyof ResultOf;

interface Pending {
  id: number;
  type: RequestType;
  files: ClientFile[];
  profile: Profile;
  selection: PageConvertOptions;
  onProgress: ProgressCallback | undefined;
  resolve: (result: InspectResult | PageConvertResult) => void;
  reject: (error: unknown) => void;
  /** Removes the abort listener. */
  detach: () => void;
  /** Slices of result arrays received ahead of the result. */
  parts?: Map<ResultPartField, unknown[]>;
}

/** Lets the page paint (progress bar, "working…") before a long synchronous step. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function abortError(): DOMException {
  return new DOMException('The conversion was cancelled.', 'AbortError');
}

/**
 * Profiles arrive from the UI possibly wrapped in Svelte `$state` proxies, which structured clone
 * refuses (DataCloneError). A profile is plain JSON by definition, so a JSON round trip gives a
 * clean copy that also cannot change under a running conversion.
 */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Joined id lists, per list: the export history's ids stay the same list from one run to the next. */
const joinedIds = new WeakMap<readonly string[], string>();

/** The selection for the wire: ids joined once per list (see WireSelection). */
function toWireSelection(selection: PageConvertOptions): WireSelection {
  const { alreadyExported, ...rest } = selection;
  if (!alreadyExported) return rest;
  let joined = joinedIds.get(alreadyExported);
  if (joined === undefined) {
    joined = alreadyExported.join(ID_SEPARATOR);
    joinedIds.set(alreadyExported, joined);
  }
  return { ...rest, alreadyExportedJoined: joined };
}

/** Puts the slices sent ahead back into the result's arrays. */
function withParts<R extends InspectResult | PageConvertResult>(result: R, parts: Map<ResultPartField, unknown[]> | undefined): R {
  if (!parts) return result;
  const get = <T>(field: ResultPartField, own: T[]): T[] => (parts.get(field) as T[] | undefined) ?? own;
  const out = { ...result, issues: get('issues', result.issues) };
  if ('rows' in out) {
    out.rows = { ...out.rows, blocks: get('rowBlocks', out.rows.blocks) };
    out.wantedNames = { ...out.wantedNames, customers: get('wantedCustomers', out.wantedNames.customers) };
    if (out.history) out.history = { ...out.history, keapIdBlocks: get('keapIdBlocks', out.history.keapIdBlocks) };
  }
  return out;
}

/** Runs inspections and conversions in a worker (or in the page when it must). */
export class ConverterClient {
  #mode: 'worker' | 'in-thread';
  readonly #createWorker: () => Worker;
  readonly #idleTimeoutMs: number;
  readonly #stall: StallWatch;
  #worker: Worker | null = null;
  /** Whether the current worker has posted `ready` (an error before that means it never started). */
  #workerReady = false;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;

  constructor(options: ConverterClientOptions = {}) {
    this.#createWorker = options.createWorker ?? createModuleWorker;
    this.#idleTimeoutMs = options.idleTimeoutMs ?? 0;
    this.#stall = new StallWatch(
      options.stallTimeoutMs ?? STALL_TIMEOUT_MS,
      () => this.#pending.size > 0 && this.#worker !== null,
      () => this.#workerReady,
      (quiet) => this.#onStall(quiet),
    );
    const hasWorker = options.createWorker !== undefined || typeof Worker !== 'undefined';
    this.#mode = options.forceInThread || !hasWorker ? 'in-thread' : 'worker';
  }

  /** Where the core runs; switches to 'in-thread' for good if the worker cannot be started. */
  get mode(): 'worker' | 'in-thread' {
    return this.#mode;
  }

  /** Recognises the files and lists their products and pay types (for the mapping step). */
  inspect(files: ClientFile[], profile: Profile, opts: CallOptions = {}): Promise<InspectResult> {
    return this.#call('inspect', files, profile, {}, opts);
  }

  /**
   * Runs the whole pipeline and returns the summary, problems, compact review rows and the IIF
   * as a Blob (plus the history draft when `selection.forExport`).
   */
  convert(files: ClientFile[], profile: Profile, selection: PageConvertOptions, opts: CallOptions = {}): Promise<PageConvertResult> {
    return this.#call('convert', files, profile, selection, opts);
  }

  /** Terminates the worker and rejects pending calls; the client cannot be used afterwards. */
  dispose(): void {
    this.#disposed = true;
    this.#stopWorker();
    this.#rejectAll(() => abortError());
  }

  #call<K extends RequestType>(
    type: K,
    files: ClientFile[],
    profile: Profile,
    selection: PageConvertOptions,
    opts: CallOptions,
  ): Promise<ResultOf[K]> {
    if (this.#disposed) return Promise.reject(new ConverterError('The converter has been closed; reload the page.', undefined));
    if (opts.signal?.aborted) return Promise.reject(abortError());
    return new Promise<ResultOf[K]>((resolve, reject) => {
      const id = this.#nextId++;
      const onAbort = (): void => this.#abort(id);
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      const entry: Pending = {
        id,
        type,
        files,
        profile: plain(profile),
        // Plain data already (primitives and the history's id list, which is not a proxy); a JSON
        // round trip of millions of ids would hold up the page.
        selection: { ...selection },
        onProgress: opts.onProgress,
        resolve: resolve as (result: InspectResult | PageConvertResult) => void,
        reject,
        detach: () => opts.signal?.removeEventListener('abort', onAbort),
      };
      this.#pending.set(id, entry);
      this.#dispatch(entry);
    });
  }

  /** Sends an entry to the worker, or runs it in the page when there is no worker to be had. */
  #dispatch(entry: Pending): void {
    clearTimeout(this.#idleTimer);
    entry.parts = undefined; // slices from a worker that was stopped are stale
    const worker = this.#mode === 'worker' ? this.#ensureWorker() : null;
    if (!worker) {
      void this.#runInThread(entry);
      return;
    }
    // Copy each file's bytes before transferring the copy: the UI keeps its originals for re-runs,
    // and a transferred buffer is emptied on this side. A Blob is sent as it is (no bytes copied here).
    const wireFiles: WireFile[] = entry.files.map((f) => ('blob' in f ? { name: f.name, blob: f.blob } : { name: f.name, bytes: f.bytes.slice().buffer }));
    const request: WorkerRequest =
      entry.type === 'inspect'
        ? { id: entry.id, type: 'inspect', files: wireFiles, profile: entry.profile }
        : { id: entry.id, type: 'convert', files: wireFiles, profile: entry.profile, selection: toWireSelection(entry.selection) };
    try {
      worker.postMessage(request, wireFiles.flatMap((f) => (f.bytes ? [f.bytes] : [])));
      this.#stall.heard();
      this.#stall.arm();
    } catch (thrown) {
      const { message, stack } = describeThrown(thrown);
      this.#settle(entry.id, (p) => p.reject(new ConverterError(`Could not send the files to the converter: ${message}`, stack)));
    }
  }

  #ensureWorker(): Worker | null {
    if (this.#worker) return this.#worker;
    let worker: Worker;
    try {
      worker = this.#createWorker();
    } catch (thrown) {
      // e.g. Chrome refusing a worker script from file://. The core runs in the page instead.
      console.warn('keap2iif: could not start the converter worker; converting in the page instead.', thrown);
      this.#mode = 'in-thread';
      return null;
    }
    this.#worker = worker;
    this.#workerReady = false;
    worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => {
      if (this.#worker !== worker) return;
      this.#stall.heard();
      const data = event.data;
      if (data?.type === 'ready' && data.pulse) this.#stall.listenTo(data.pulse, () => this.#worker === worker);
      this.#onMessage(data);
    });
    worker.addEventListener('error', (event: Event) => {
      // ErrorEvent.message for an uncaught error; a plain Event when the script failed to load.
      const message = 'message' in event && typeof event.message === 'string' ? event.message : '';
      if (this.#worker === worker) this.#onWorkerDeath(message, 'error');
    });
    worker.addEventListener('messageerror', () => {
      if (this.#worker === worker) this.#onWorkerDeath('a result could not be read back from the converter', 'messageerror');
    });
    return worker;
  }

  /** The worker went silent (see StallWatch): it is stopped and every call in flight fails. */
  #onStall(quiet: number): void {
    const started = this.#workerReady;
    this.#stopWorker();
    const seconds = Math.round(quiet / 1000);
    this.#rejectAll(
      () =>
        new ConverterError(
          `The converter stopped responding: nothing was heard from it for ${seconds} seconds. Your files and mapping are unchanged; try again. If it keeps happening, the browser may be running out of memory: close other tabs or convert fewer files at once.`,
          `worker silent for ${Math.round(quiet)} ms (${started ? 'started' : 'never started'})`,
          true,
        ),
    );
  }

  #onMessage(response: WorkerResponse): void {
    switch (response.type) {
      case 'ready':
        this.#workerReady = true;
        return;
      case 'progress': {
        const { bytes, totalBytes, rows } = response;
        const hasDetail = bytes !== undefined || rows !== undefined;
        this.#pending.get(response.id)?.onProgress?.(response.stage, response.fraction, ...(hasDetail ? [{ bytes, totalBytes, rows }] : []));
        return;
      }
      case 'result-part': {
        const entry = this.#pending.get(response.id);
        if (!entry) return;
        entry.parts ??= new Map();
        let list = entry.parts.get(response.field);
        if (!list) entry.parts.set(response.field, (list = []));
        for (const item of response.items) list.push(item);
        return;
      }
      case 'result':
        this.#settle(response.id, (p) => p.resolve(response.parts ? withParts(response.result, p.parts) : response.result));
        return;
      case 'error': {
        const error = (): ConverterError => new ConverterError(response.message, response.stack);
        // id -1: the worker could not tell which request failed, so every pending one did.
        if (response.id === -1) this.#rejectAll(error);
        else this.#settle(response.id, (p) => p.reject(error()));
        return;
      }
    }
  }

  #onWorkerDeath(reason: string, kind: 'error' | 'messageerror'): void {
    const wasReady = this.#workerReady;
    this.#stopWorker();
    if (!wasReady && kind === 'error') {
      // It never started (blocked or failed to load): run everything in the page from now on.
      console.warn(`keap2iif: the converter worker failed to start (${reason || 'no reason given'}); converting in the page instead.`);
      this.#mode = 'in-thread';
      for (const entry of [...this.#pending.values()]) void this.#runInThread(entry);
      return;
    }
    const detail = reason ? ` (${reason})` : '';
    this.#rejectAll(
      () =>
        new ConverterError(
          `The converter stopped unexpectedly${detail}. Your files are unchanged; try again. If it keeps happening, the browser may be running out of memory: close other tabs or convert fewer files at once.`,
          `worker ${kind}${detail}`,
          true,
        ),
    );
  }

  /** Cancels one call: the worker cannot be interrupted mid-run, so it is terminated; other calls move to a fresh worker. */
  #abort(id: number): void {
    const entry = this.#pending.get(id);
    if (!entry) return;
    this.#settle(id, (p) => p.reject(abortError()));
    if (this.#mode !== 'worker' || !this.#worker) return; // in the page: #runInThread drops the result itself
    this.#stopWorker();
    for (const other of [...this.#pending.values()]) this.#dispatch(other);
  }

  async #runInThread(entry: Pending): Promise<void> {
    const live = (): boolean => this.#pending.get(entry.id) === entry;
    try {
      // Loaded on demand so the page bundle does not carry the core when the worker does the work.
      const [core, pageResult] = await Promise.all([import('../core/convert.ts'), import('./page-result.ts')]);
      if (!live()) return;
      entry.onProgress?.(STAGE_START, 0);
      await yieldToEventLoop();
      if (!live()) return;
      const { bytesSource } = await import('../core/source.ts');
      const inputs: InputFile[] = [];
      for (const f of entry.files) inputs.push('blob' in f ? { name: f.name, bytes: new Uint8Array(await f.blob.arrayBuffer()) } : { name: f.name, bytes: f.bytes });
      if (!live()) return;
      const sources = inputs.map((f) => bytesSource(f.name, f.bytes));
      const result =
        entry.type === 'inspect'
          ? core.inspect(sources, entry.profile)
          : pageResult.convertForPage(sources, entry.profile, entry.selection, (p) => {
              if (live()) entry.onProgress?.(STAGE_LABELS[p.phase], p.fraction);
            });
      await yieldToEventLoop();
      this.#settle(entry.id, (p) => p.resolve(result));
    } catch (thrown) {
      const { message, stack } = describeThrown(thrown);
      this.#settle(entry.id, (p) => p.reject(new ConverterError(message, stack)));
    }
  }

  /** Removes a pending call and settles it once; later answers for the same id are ignored. */
  #settle(id: number, settle: (entry: Pending) => void): void {
    const entry = this.#pending.get(id);
    if (!entry) return;
    this.#pending.delete(id);
    entry.detach();
    settle(entry);
    if (this.#pending.size === 0) this.#stall.pause();
    this.#scheduleIdleShutdown();
  }

  #rejectAll(makeError: () => unknown): void {
    for (const id of [...this.#pending.keys()]) this.#settle(id, (p) => p.reject(makeError()));
  }

  #stopWorker(): void {
    clearTimeout(this.#idleTimer);
    this.#stall.reset();
    this.#worker?.terminate();
    this.#worker = null;
    this.#workerReady = false;
  }

  #scheduleIdleShutdown(): void {
    clearTimeout(this.#idleTimer);
    if (this.#idleTimeoutMs <= 0 || !this.#worker || this.#pending.size > 0) return;
    this.#idleTimer = setTimeout(() => {
      if (this.#pending.size === 0) this.#stopWorker();
    }, this.#idleTimeoutMs);
  }
}
