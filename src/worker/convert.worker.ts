/**
 * The converter worker: takes a request from the page, runs the pure core on it and posts back
 * progress and the result. Thin on purpose; every failure is posted back as data (with its
 * stack) so no exception can vanish inside the worker and leave the page waiting forever.
 */
import { inspect, type InspectResult } from '../core/convert.ts';
import { bytesSource, type ByteSource } from '../core/source.ts';
import { convertForPage, transferablesOf, type PageConvertResult } from './page-result.ts';
import { PULSE_MS, STAGE_LABELS, STAGE_START, describeThrown, fromWireSelection } from './protocol.ts';
import type { ConvertProgress } from '../core/convert-types.ts';
import type { ResultPartField, WireFile, WorkerRequest, WorkerResponse } from './protocol.ts';

/** Progress is posted at most this often per stage (fraction steps), so a per-row callback cannot flood the page. */
const PROGRESS_STEP = 0.01;

/**
 * Result arrays longer than this go to the page in slices of this size: the page reads each
 * message in one task, and a slice of a few thousand objects stays well under 50 ms, where
 * hundreds of thousands of problems or ids in one message would block the page for a while.
 */
const PART_SIZE: Record<ResultPartField, number> = { issues: 2000, keapIdBlocks: 4, rowBlocks: 2, wantedCustomers: 20000 };

/**
 * A browser File (a Blob) read in slices on demand: the whole file is never copied into the
 * worker's memory (FileReaderSync keeps the conversion synchronous).
 */
function blobSource(name: string, blob: Blob, onRead: (bytes: number) => void): ByteSource {
  if (typeof FileReaderSync === 'undefined') throw new Error('This browser cannot read files inside the converter worker (no FileReaderSync).');
  const reader = new FileReaderSync();
  return {
    name,
    size: blob.size,
    read(offset, length) {
      const end = Math.min(blob.size, offset + length);
      const bytes = new Uint8Array(reader.readAsArrayBuffer(blob.slice(offset, end)));
      onRead(end);
      return bytes;
    },
  };
}

function toSources(files: WireFile[], onBytes: (done: number, total: number) => void = () => {}): ByteSource[] {
  const total = files.reduce((n, f) => n + (f.blob ? f.blob.size : (f.bytes?.byteLength ?? 0)), 0);
  let before = 0;
  return files.map((f) => {
    const start = before;
    before += f.blob ? f.blob.size : (f.bytes?.byteLength ?? 0);
    return f.blob ? blobSource(f.name, f.blob, (n) => onBytes(start + n, total)) : bytesSource(f.name, new Uint8Array(f.bytes ?? new ArrayBuffer(0)));
  });
}

/**
 * Posts a result, sending its big arrays ahead in slices. The review rows' typed arrays are
 * transferred (moved, not copied); the IIF Blob is passed by reference.
 */
function postResult(id: number, result: InspectResult | PageConvertResult, post: (response: WorkerResponse, transfer?: Transferable[]) => void): void {
  const fields: [ResultPartField, unknown[], (empty: unknown[]) => void][] = [['issues', result.issues, (e) => (result.issues = e as typeof result.issues)]];
  if ('rows' in result) {
    const { rows, history, wantedNames } = result;
    fields.push(['rowBlocks', rows.blocks, (e) => (rows.blocks = e as string[])]);
    fields.push(['wantedCustomers', wantedNames.customers, (e) => (wantedNames.customers = e as string[])]);
    if (history) fields.push(['keapIdBlocks', history.keapIdBlocks, (e) => (history.keapIdBlocks = e as string[])]);
  }
  const parts: ResultPartField[] = [];
  for (const [field, items, empty] of fields) {
    const size = PART_SIZE[field];
    if (items.length <= size) continue;
    for (let i = 0; i < items.length; i += size) post({ id, type: 'result-part', field, items: items.slice(i, i + size) });
    empty([]);
    parts.push(field);
  }
  const transfer = 'rows' in result ? transferablesOf(result) : [];
  post(parts.length > 0 ? { id, type: 'result', result, parts } : { id, type: 'result', result }, transfer);
}

/** Runs one request and posts its progress and result (or error); never throws. Exported for tests. */
export function handleRequest(request: WorkerRequest, post: (response: WorkerResponse, transfer?: Transferable[]) => void): void {
  const id = request?.id;
  try {
    if (typeof id !== 'number') throw new Error('Malformed request: it has no numeric id.');
    post({ id, type: 'progress', stage: STAGE_START, fraction: 0 });
    let lastStage = STAGE_START;
    let lastFraction = 0;
    let lastRows = 0;
    const onProgress = (p: ConvertProgress): void => {
      const stage = STAGE_LABELS[p.phase];
      const rowsChanged = p.rows !== lastRows;
      if (stage === lastStage && p.fraction < 1 && p.fraction - lastFraction < PROGRESS_STEP && !rowsChanged) return;
      lastStage = stage;
      lastFraction = p.fraction;
      lastRows = p.rows;
      post({ id, type: 'progress', stage, fraction: p.fraction, rows: p.rows });
    };
    let lastBytesPosted = -1;
    const onBytes = (bytes: number, totalBytes: number): void => {
      if (bytes === lastBytesPosted) return;
      lastBytesPosted = bytes;
      post({ id, type: 'progress', stage: STAGE_LABELS.reading, fraction: 0, bytes, totalBytes });
    };
    switch (request.type) {
      case 'inspect':
        postResult(id, inspect(toSources(request.files, onBytes), request.profile), post);
        return;
      case 'convert':
        postResult(id, convertForPage(toSources(request.files, onBytes), request.profile, fromWireSelection(request.selection), onProgress), post);
        return;
      default:
        throw new Error(`Unknown request type ${JSON.stringify((request as { type?: unknown }).type)}.`);
    }
  } catch (thrown) {
    // A post can itself throw (DataCloneError if the core ever returned a function); report that too.
    const errorId = typeof id === 'number' ? id : -1;
    try {
      post({ id: errorId, type: 'error', ...describeThrown(thrown) });
    } catch (postFailure) {
      try {
        post({ id: errorId, type: 'error', ...describeThrown(postFailure) });
      } catch {
        // Nothing left to report with; the client's error/messageerror handlers take over.
      }
    }
  }
}

/** The pulse helper: beats at once (so the page knows it runs), then every PULSE_MS, on its own thread. */
const PULSE_SOURCE = `onmessage = (e) => { const port = e.data; port.postMessage(0); setInterval(() => port.postMessage(0), ${PULSE_MS}); };`;

/**
 * Starts a tiny helper worker owned by this one that tells the page this worker is alive (see
 * ReadyResponse.pulse). The core runs synchronously here, so this thread cannot report during a
 * long step; the helper can, and it dies with this worker, so its silence means this worker
 * is gone. Null when nested workers are unavailable: the page then cannot tell and waits.
 */
function startPulse(): MessagePort | null {
  try {
    if (typeof Worker === 'undefined' || typeof MessageChannel === 'undefined') return null;
    const helper = new Worker(URL.createObjectURL(new Blob([PULSE_SOURCE], { type: 'text/javascript' })));
    const channel = new MessageChannel();
    helper.postMessage(channel.port2, [channel.port2]);
    return channel.port1;
  } catch {
    return null;
  }
}

// Only wire up when actually running as a worker: tests import this module in Node to call
// handleRequest directly.
const workerScopeClass = (globalThis as { WorkerGlobalScope?: abstract new () => unknown }).WorkerGlobalScope;
if (workerScopeClass !== undefined && globalThis instanceof workerScopeClass) {
  const scope = globalThis as unknown as DedicatedWorkerGlobalScope;
  const post = (response: WorkerResponse, transfer: Transferable[] = []): void => scope.postMessage(response, transfer);
  scope.onmessage = (event: MessageEvent<WorkerRequest>) => handleRequest(event.data, post);
  scope.onmessageerror = () => {
    // The request could not be deserialised, so its id is unknown: -1 tells the client to fail all pending calls.
    post({ id: -1, type: 'error', message: 'The converter could not read a request sent to it (messageerror).' });
  };
  const pulse = startPulse();
  if (pulse) post({ type: 'ready', pulse }, [pulse]);
  else post({ type: 'ready' });
}
