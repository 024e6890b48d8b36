/**
 * The messages between the page (`client.ts`) and the converter worker (`convert.worker.ts`):
 * a discriminated union on `type`, correlated by `id`. Plain data only (structured clone):
 * no class instances, no functions; file bytes travel as transferred ArrayBuffers.
 */
import type { ConvertPhase, InspectResult } from '../core/convert-types.ts';
import type { Profile } from '../core/profile/types.ts';
import type { PageConvertOptions, PageConvertResult } from './page-result.ts';

/**
 * One input file as it crosses the boundary: either its bytes (a copy, transferred) or, for
 * big files, the Blob/File itself (structured clone of a Blob is cheap: no bytes are copied on
 * the page) which the worker reads in slices.
 */
export interface WireFile {
  name: string;
  bytes?: ArrayBuffer;
  blob?: Blob;
}

/** Ask the worker to recognise the files and list their products and pay types. */
export interface InspectRequest {
  id: number;
  type: 'inspect';
  files: WireFile[];
  profile: Profile;
}

/**
 * The selection as it crosses the boundary: the ids already exported (millions after a big
 * export) travel as one string joined by NUL, which is copied in one go, instead of an array
 * of millions of strings that would hold up the page while it is cloned.
 */
export type WireSelection = Omit<PageConvertOptions, 'alreadyExported'> & { alreadyExportedJoined?: string };

/** Separator of WireSelection.alreadyExportedJoined (never in a Keap id). */
export const ID_SEPARATOR = '\u0000';

/** Turns a wire selection back into the core's form (in the worker). */
export function fromWireSelection(wire: WireSelection): PageConvertOptions {
  const { alreadyExportedJoined, ...rest } = wire;
  return alreadyExportedJoined === undefined ? rest : { ...rest, alreadyExported: alreadyExportedJoined === '' ? [] : alreadyExportedJoined.split(ID_SEPARATOR) };
}

/** Ask the worker to run the whole pipeline, write the IIF and send back the page's form of the result. */
export interface ConvertRequest {
  id: number;
  type: 'convert';
  files: WireFile[];
  profile: Profile;
  selection: WireSelection;
}

/** Every request the page sends. */
export type WorkerRequest = InspectRequest | ConvertRequest;

/** Result type of each request type, so the client can type `call()` by request. */
export interface ResultOf {
  inspect: InspectResult;
  convert: PageConvertResult;
}

/** Progress of request `id` (stage name, fraction 0..1, and what has been read so far). */
export interface ProgressResponse {
  id: number;
  type: 'progress';
  stage: string;
  fraction: number;
  /** Bytes of the input read so far, of `totalBytes`. */
  bytes?: number;
  totalBytes?: number;
  /** Data rows read so far (all files). */
  rows?: number;
}

/** Fields of a big result sent ahead in slices, so no single message takes the page long to read. */
export type ResultPartField = 'issues' | 'keapIdBlocks' | 'rowBlocks' | 'wantedCustomers';

/**
 * A slice of one array of request `id`'s result. The final `result` message then carries
 * that array empty, and the client appends the slices in the order they came.
 */
export interface ResultPartResponse {
  id: number;
  type: 'result-part';
  field: ResultPartField;
  items: unknown[];
}

/** The finished result of request `id` (its shape follows the request's type). */
export interface ResultResponse {
  id: number;
  type: 'result';
  result: InspectResult | PageConvertResult;
  /** Arrays of the result that came ahead as `result-part` slices (empty here). */
  parts?: ResultPartField[];
}

/** Request `id` failed: our own code threw. Message and stack travel as data for "copy details". */
export interface ErrorResponse {
  id: number;
  type: 'error';
  message: string;
  stack?: string;
}

/**
 * Sent once when the worker module has loaded. An `error` event before it means the worker
 * could not start at all (blocked, failed to load), so the client falls back to the page.
 */
export interface ReadyResponse {
  type: 'ready';
  /**
   * The worker's pulse: a port on which a helper thread owned by the worker posts every
   * PULSE_MS while the worker lives, even while it is busy in one long synchronous step. It
   * stops when the worker closes, crashes or is terminated. Absent when nested workers are
   * not available.
   */
  pulse?: MessagePort;
}

/** How often the worker's pulse beats. */
export const PULSE_MS = 1000;

/** Every message the worker posts. */
export type WorkerResponse = ProgressResponse | ResultPartResponse | ResultResponse | ErrorResponse | ReadyResponse;

/** Stage reported as soon as a request is picked up, before the core reports its own stages. */
export const STAGE_START = 'start';

/** How each phase of the core is shown on the page. */
export const STAGE_LABELS: Record<ConvertPhase, string> = {
  reading: 'reading',
  building: 'building transactions',
  writing: 'writing IIF',
  done: 'done',
};

/** Turns anything thrown into plain data (an Error's message and stack, or its text). */
export function describeThrown(thrown: unknown): { message: string; stack?: string } {
  if (thrown instanceof Error) {
    const message = thrown.message || thrown.name || 'Unknown error';
    return thrown.stack ? { message, stack: thrown.stack } : { message };
  }
  try {
    return { message: typeof thrown === 'string' ? thrown : JSON.stringify(thrown) ?? String(thrown) };
  } catch {
    return { message: String(thrown) };
  }
}
