/**
 * The printable summary of a reviewed conversion, for the accountant's file: the Keap files
 * with their sizes and SHA-256, the IIF's name and SHA-256 (the rest is read from the run as it
 * is shown). The fingerprints are made when the summary is opened.
 */
import { exportFileName } from '../../core/history.ts';
import type { InputFile } from '../../core/convert-types.ts';
import type { PageConvertResult } from '../../worker/page-result.ts';
import { sha256Hex } from '../sha256.ts';

export interface FileFingerprint {
  name: string;
  size: number;
  sha256: string;
}

export interface PrintSummaryDeps {
  session: { readonly files: readonly InputFile[] };
  run: { readonly result: PageConvertResult | null };
}

export class PrintSummary {
  files = $state.raw<FileFingerprint[]>([]);
  iif = $state.raw<FileFingerprint | null>(null);
  state = $state<'idle' | 'working' | 'ready' | 'failed'>('idle');
  failure = $state('');

  readonly #deps: PrintSummaryDeps;
  #for: PageConvertResult | null = null;

  constructor(deps: PrintSummaryDeps) {
    this.#deps = deps;
  }

  /** Fingerprints the files of the result shown (again only when it changed); nothing of an older result stays shown meanwhile. */
  async prepare(): Promise<void> {
    const result = this.#deps.run.result;
    const inputs = this.#deps.session.files;
    if (result === this.#for) return;
    this.#for = result;
    this.files = [];
    this.iif = null;
    this.failure = '';
    if (!result) {
      this.state = 'idle';
      return;
    }
    this.state = 'working';
    try {
      const files = await Promise.all(inputs.map(async (f) => ({ name: f.name, size: f.bytes.byteLength, sha256: await sha256Hex(f.bytes) })));
      const iif = { name: exportFileName(result.summary, false), size: result.iif.size, sha256: await sha256Hex(result.iif) };
      if (this.#for !== result) return;
      this.files = files;
      this.iif = iif;
      this.state = 'ready';
    } catch (e) {
      if (this.#for !== result) return;
      this.state = 'failed';
      this.failure = e instanceof Error ? e.message : String(e);
    }
  }
}
