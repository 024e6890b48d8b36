/**
 * Creates the converter worker of the offline single-file build: the worker's code is inlined
 * in the page and started from a Blob URL (Vite's `?worker&inline`), so the one HTML file needs
 * nothing next to it. vite.single.config.ts puts this module in place of module-worker.ts and
 * builds the worker as a classic (iife) script, because Chromium refuses a module worker from
 * a Blob URL on a file:// page. If a browser refuses the worker anyway, the client converts in
 * the page instead.
 */
import ConvertWorker from './convert.worker.ts?worker&inline';

export function createModuleWorker(): Worker {
  return new ConvertWorker();
}
