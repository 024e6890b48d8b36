/**
 * Global setup of the e2e project: finds the browser before any suite builds or serves
 * anything, so `vitest run --project e2e` on a machine without one fails at once with the
 * ways to get one (tests/support/browser.ts), never after a build and never as a skip.
 */
import { requireBrowser } from '../support/browser.ts';

export default function setup(): void {
  const { path, source } = requireBrowser();
  process.stdout.write(`e2e browser: ${path} (${source})\n`);
}
