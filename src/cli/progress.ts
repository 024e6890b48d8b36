/**
 * The progress line of a conversion on a terminal: phase, input read, rows, percentage, redrawn
 * in place with \r. Throttled, because a redraw per callback would cost more than the work it
 * reports. On anything but a terminal it writes nothing (a log file has no use for \r frames).
 */
import type { ConvertProgress } from '../core/convert.ts';
import type { CliIo } from './io.ts';

/** Redraw at most this often (ms), except when the phase changes. */
export const REDRAW_MS = 100;

const CLEAR_LINE = '\r\u001b[2K';

export interface ProgressLine {
  update(progress: ConvertProgress): void;
  /** Removes the line, so what follows starts on a clean line. */
  finish(): void;
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/** The line's text, e.g. `reading: 12.3 of 32.8 MB, 210,345 rows (37%)`. */
export function progressText(p: ConvertProgress): string {
  return `${p.phase}: ${mb(p.bytesRead)} of ${mb(p.bytesTotal)} MB, ${p.rows.toLocaleString('en-US')} rows (${Math.floor(p.fraction * 100)}%)`;
}

export function startProgress(io: CliIo): ProgressLine {
  if (!io.stderrIsTerminal) return { update: () => {}, finish: () => {} };
  let drawn = false;
  let lastDraw = -Infinity;
  let lastPhase = '';
  // One column short of the width: writing the last column wraps some terminals to a new line.
  const width = Math.max(20, io.terminalColumns - 1);
  return {
    update(p) {
      const now = io.now();
      if (p.phase === lastPhase && now - lastDraw < REDRAW_MS) return;
      lastDraw = now;
      lastPhase = p.phase;
      io.stderr(`${CLEAR_LINE}keap2iif ${progressText(p)}`.slice(0, CLEAR_LINE.length + width));
      drawn = true;
    },
    finish() {
      if (drawn) io.stderr(CLEAR_LINE);
      drawn = false;
    },
  };
}
