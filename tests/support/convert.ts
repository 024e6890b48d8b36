// Runs the one conversion on in-memory files and reads the written IIF back with the core's
// IIF reader, so tests look at what QuickBooks will get.
import { convert, inspect, type Conversion, type ConversionOptions, type InspectResult } from '../../src/core/convert.ts';
import type { InputFile } from '../../src/core/convert-types.ts';
import type { Profile } from '../../src/core/profile/types.ts';
import { bytesSource } from '../../src/core/source.ts';
import { decodeWindows1252 } from '../../src/core/text/windows-1252.ts';
import { checkIif, type IifFacts } from './iif-check.ts';

export interface TestConversion extends Conversion {
  /** The written file as text (its Windows-1252 bytes decoded). */
  iif: string;
  /** The written file read back (and checked: balance, dates, cell counts). */
  facts: IifFacts;
  /** The written transactions as read back, in file order. */
  transactions: IifFacts['transactions'];
  /** Keap ids of each written transaction, in file order (they are not in the IIF). */
  keapIds: string[][];
  /** Roles of the written transactions, in file order. */
  roles: string[];
}

export function convertFiles(files: readonly InputFile[], profile: Profile, options: ConversionOptions = {}): TestConversion {
  const result = convert(files.map((f) => bytesSource(f.name, f.bytes)), profile, options);
  const iif = decodeWindows1252(Buffer.concat(result.iifChunks));
  const facts = checkIif(iif);
  const { store, order } = result.written;
  return {
    ...result,
    iif,
    facts,
    transactions: facts.transactions,
    keapIds: Array.from(order, (i) => store.keapIds(i)),
    roles: Array.from(order, (i) => store.role(i)),
  };
}

export function inspectFiles(files: readonly InputFile[], profile: Profile): InspectResult {
  return inspect(files.map((f) => bytesSource(f.name, f.bytes)), profile);
}
