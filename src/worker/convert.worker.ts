/**
 * The converter worker: takes a request from the page, runs the pure core on it and posts back
 * progress and the result. Thin on purpose; every failure is posted back as data (with its
 * stack) so no exception can vanish inside the worker and leave the page waiting forever.
 */
import { convertFiles, inspectFiles } from '../core/convert.ts';
import type { InputFile } from '../core/convert-types.ts';
import { STAGE_START, describeThrown } from './protocol.ts';
import type { WireFile, WorkerRequest, WorkerResponse } from './protocol.ts';

/** Progress is posted at most this often per stage (fraction steps), so a per-row callback cannot flood the page. */
const PROGRESS_STEP = 0.01;

function toInputFiles(files: WireFile[]): InputFile[] {
  return files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) }));
}

/** Runs one request and posts its progress and result (or error); never throws. Exported for tests. */
export function handleRequest(request: WorkerRequest, post: (response: WorkerResponse) => void): void {
  const id = request?.id;
  try {
    if (typeof id !== 'number') throw new Error('Malformed request: it has no numeric id.');
    post({ id, type: 'progress', stage: STAGE_START, fraction: 0 });
    let lastStage = STAGE_START;
    let lastFraction = 0;
    const onProgress = (stage: string, fraction: number): void => {
      if (stage === lastStage && fraction < 1 && fraction - lastFraction < PROGRESS_STEP) return;
      lastStage = stage;
      lastFraction = fraction;
      post({ id, type: 'progress', stage, fraction });
    };
    switch (request.type) {
      case 'inspect':
        post({ id, type: 'result', result: inspectFiles(toInputFiles(request.files), request.profile) });
        return;
      case 'convert':
        post({
          id,
          type: 'result',
          result: convertFiles(toInputFiles(request.files), request.profile, { ...request.selection, onProgress }),
        });
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

// Only wire up when actually running as a worker: tests import this module in Node to call
// handleRequest directly.
const workerScopeClass = (globalThis as { WorkerGlobalScope?: abstract new () => unknown }).WorkerGlobalScope;
if (workerScopeClass !== undefined && globalThis instanceof workerScopeClass) {
  const scope = globalThis as unknown as DedicatedWorkerGlobalScope;
  const post = (response: WorkerResponse): void => scope.postMessage(response);
  scope.onmessage = (event: MessageEvent<WorkerRequest>) => handleRequest(event.data, post);
  scope.onmessageerror = () => {
    // The request could not be deserialised, so its id is unknown: -1 tells the client to fail all pending calls.
    post({ id: -1, type: 'error', message: 'The converter could not read a request sent to it (messageerror).' });
  };
  post({ type: 'ready' });
}
