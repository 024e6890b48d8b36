/**
 * Turns anything thrown (a ConverterError from the worker, a storage failure, a bug) into the
 * message + details the error notice shows, so no failure ends in a blank screen.
 */

export interface AppError {
  /** What was being done, e.g. "Reading your files failed". */
  title: string;
  /** Plain English from the error itself. */
  message: string;
  /** Message and stack, for "Copy details". */
  details: string;
}

/** True for a cancelled call (a newer run replaced it): not an error to show. */
export function isAbort(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'name' in e && (e as { name: unknown }).name === 'AbortError';
}

export function toAppError(title: string, e: unknown): AppError {
  if (e instanceof Error) {
    const withDetails = e as Error & { details?: unknown };
    const details = typeof withDetails.details === 'string' ? withDetails.details : [e.message, e.stack].filter(Boolean).join('\n');
    return { title, message: e.message || e.name, details };
  }
  const text = typeof e === 'string' ? e : JSON.stringify(e) ?? String(e);
  return { title, message: text, details: text };
}
