// `npm run golden:update`: rewrites every tests/fixtures/golden/<case>/expected.iif from the
// current converter. Review the diff by hand before committing.
import { writeFileSync } from 'node:fs';
import { goldenCases, runGolden } from './golden.ts';

for (const name of goldenCases()) {
  const { bytes, expectedPath } = runGolden(name);
  writeFileSync(expectedPath, bytes);
  console.log(`wrote ${expectedPath}`);
}
