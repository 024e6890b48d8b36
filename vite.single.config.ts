/**
 * The offline build: ONE self-contained HTML file (dist-single/keap2iif.html) that a user can
 * save and open straight from disk, forever, with no server and no network. Every script and
 * style is inlined by vite-plugin-singlefile, the converter worker is inlined and started from
 * a Blob URL as a classic worker (module-worker.inline.ts), and a Content-Security-Policy that allows only the
 * hashes of that inline code still forbids every connection.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { singleFileContentSecurityPolicy } from './src/build/csp-plugin.ts';

const INLINE_WORKER = resolve(import.meta.dirname, 'src/worker/module-worker.inline.ts');

/** Puts module-worker.inline.ts (worker code inlined) in place of module-worker.ts (worker file). */
function inlineWorker(): Plugin {
  let swapped = false;
  return {
    name: 'keap2iif-inline-worker',
    enforce: 'pre',
    buildStart() {
      swapped = false;
    },
    resolveId(source) {
      if (!/(^|\/)module-worker\.ts$/.test(source)) return null;
      swapped = true;
      return INLINE_WORKER;
    },
    generateBundle() {
      if (!swapped) this.error('keap2iif single file: module-worker.ts was never imported, so the worker was not inlined.');
    },
  };
}

const FAVICON = resolve(import.meta.dirname, 'public/favicon.svg');

/**
 * Puts the favicon into the page as a data: URL: the single file has no public/ folder next to
 * it, and its policy allows images only from data: and blob: URLs.
 */
function inlineFavicon(): Plugin {
  return {
    name: 'keap2iif-inline-favicon',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        const link = /<link rel="icon" type="image\/svg\+xml" href="\/favicon\.svg" \/>/;
        if (!link.test(html)) throw new Error('keap2iif single file: index.html has no <link rel="icon" … href="/favicon.svg"> to inline.');
        const data = `data:image/svg+xml;base64,${readFileSync(FAVICON).toString('base64')}`;
        return html.replace(link, `<link rel="icon" type="image/svg+xml" href="${data}" />`);
      },
    },
  };
}

export default defineConfig({
  base: './',
  publicDir: false,
  plugins: [inlineWorker(), inlineFavicon(), svelte(), viteSingleFile(), singleFileContentSecurityPolicy('keap2iif.html')],
  // A classic worker: Chromium refuses a *module* worker from a Blob URL on a file:// page
  // (opaque origin, CORS fetch), but runs a classic one.
  worker: { format: 'iife' },
  build: { outDir: 'dist-single', emptyOutDir: true, target: 'es2022', sourcemap: false, modulePreload: { polyfill: false } },
});
