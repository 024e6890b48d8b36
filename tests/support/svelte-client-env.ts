/**
 * A Vitest environment that is plain Node but compiles Svelte for the browser (client), so
 * rune state classes run their `$effect`s in unit tests (server-compiled Svelte never runs
 * effects). The `ui` project of vite.config.ts names it as its test environment.
 */
import type { Environment } from 'vitest/runtime';

export default {
  name: 'svelte-client',
  viteEnvironment: 'client',
  setup() {
    return { teardown() {} };
  },
} satisfies Environment;
