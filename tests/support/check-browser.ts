/**
 * `npm test` runs this first: it finds the browser the end-to-end tests will drive
 * (tests/support/browser.ts) and stops the run at once, before the type check and the build,
 * when there is none, with the ways to get one. A missing browser fails; it is never skipped.
 */
import { BrowserNotFoundError, requireBrowser } from './browser.ts';

try {
  const { path, source } = requireBrowser();
  process.stdout.write(`Browser for the end-to-end tests: ${path} (${source})\n`);
} catch (e) {
  if (!(e instanceof BrowserNotFoundError)) throw e;
  process.stderr.write(`${e.message}\n`);
  process.exitCode = 1;
}
