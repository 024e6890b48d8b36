/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { contentSecurityPolicy } from './src/build/csp-plugin.ts';

// base './' keeps every asset path relative, so dist/ works from any sub-path of a static host.
export default defineConfig({
  base: './',
  plugins: [svelte(), contentSecurityPolicy()],
  worker: { format: 'es' },
  build: { outDir: 'dist', target: 'es2022', sourcemap: false },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'tests/ui/**/*.svelte.test.ts', 'node_modules/**'],
          testTimeout: 60_000,
        },
      },
      {
        // Rune state classes compiled for the browser so their $effects run (Node, no DOM).
        extends: true,
        resolve: { conditions: ['browser'] },
        test: {
          name: 'ui',
          environment: './tests/support/svelte-client-env.ts',
          include: ['tests/ui/**/*.svelte.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          // Finds the browser first: none fails the run at once (tests/support/browser.ts).
          globalSetup: ['./tests/e2e/global-setup.ts'],
          include: ['tests/e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
