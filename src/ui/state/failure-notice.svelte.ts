/**
 * The one failure shown at the top of the page (a worker crash, a storage error, a bug), with
 * what "Try again" runs when the failed step can simply be run again. A step that succeeds
 * later clears its own failure, never another one.
 */
import { toAppError, type AppError } from './errors.ts';

export interface FailureOptions {
  /** Which step failed ('files', 'conversion'…): a later success of that step clears it. */
  source?: string;
  /** Runs the failed step again (the files and the mapping are still there). */
  retry?: () => Promise<void>;
}

export class FailureNotice {
  error = $state.raw<AppError | null>(null);
  #current = $state.raw<FailureOptions>({});

  readonly canRetry = $derived(this.#current.retry !== undefined);

  show(title: string, e: unknown, options: FailureOptions = {}): void {
    this.error = toAppError(title, e);
    this.#current = options;
  }

  dismiss(): void {
    this.error = null;
    this.#current = {};
  }

  /** The step `source` has just succeeded: its failure, if shown, is over. */
  resolve(source: string): void {
    if (this.error && this.#current.source === source) this.dismiss();
  }

  /** "Try again": clears the notice and runs the failed step again. */
  async retry(): Promise<void> {
    const again = this.#current.retry;
    this.dismiss();
    await again?.();
  }

  /** Runs an action and shows its failure under `title` instead of losing it. */
  async attempt(title: string, action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
    } catch (e) {
      this.show(title, e);
    }
  }
}
