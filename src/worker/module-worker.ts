/**
 * Creates the converter worker of the normal build: a module worker served next to the page.
 * Vite needs exactly this `new Worker(new URL(...))` form to find and bundle it. The offline
 * single-file build (vite.single.config.ts) replaces this module with module-worker.inline.ts.
 */
export function createModuleWorker(): Worker {
  return new Worker(new URL('./convert.worker.ts', import.meta.url), { type: 'module' });
}
