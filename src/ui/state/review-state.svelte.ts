/**
 * The review screen's state: the latest full conversion (held raw: its compact rows are typed
 * arrays and must not become proxies), the table's type filter, search and expanded row, and
 * the problems filter. Filtering runs on indices in core/review.
 */
import type { Issue, Severity } from '../../core/issues.ts';
import type { TxnType } from '../../core/ledger/model.ts';
import { emptyReviewRows, filterReviewRows } from '../../core/review/rows.ts';
import type { PageConvertResult } from '../../worker/page-result.ts';
import { pageWindow } from '../paging.ts';

const NO_ROWS = emptyReviewRows();

const PROBLEM_PAGE = 200;

export class ReviewState {
  result = $state.raw<PageConvertResult | null>(null);
  busy = $state(false);
  progress = $state.raw<{ stage: string; fraction: number } | null>(null);
  typeFilter = $state<TxnType | ''>('');
  search = $state('');
  expandedKey = $state<string | null>(null);
  #severityFilter = $state<Severity | ''>('');
  /** Page of the problems list shown (one page of rows in the DOM at a time, however many problems). */
  problemPage = $state(0);

  readonly rows = $derived(this.result?.rows ?? NO_ROWS);
  readonly visible = $derived(filterReviewRows(this.rows, { type: this.typeFilter, search: this.search }));
  readonly months = $derived(this.result?.months ?? []);
  readonly problems = $derived.by((): Issue[] => {
    const all = this.result?.issues ?? [];
    return this.severityFilter ? all.filter((i) => i.severity === this.severityFilter) : all;
  });
  readonly problemWindow = $derived(pageWindow(this.problems.length, this.problemPage, PROBLEM_PAGE));
  readonly shownProblems = $derived(this.problems.slice(this.problemWindow.start, this.problemWindow.end));

  /** Severity shown in the problems list ('' for all); changing it goes back to the first page. */
  get severityFilter(): Severity | '' {
    return this.#severityFilter;
  }

  set severityFilter(value: Severity | '') {
    this.#severityFilter = value;
    this.problemPage = 0;
  }

  toggle(key: string): void {
    this.expandedKey = this.expandedKey === key ? null : key;
  }

  /** Moves the problems list by `delta` pages (clamped to the list). */
  moveProblemPage(delta: number): void {
    this.problemPage = pageWindow(this.problems.length, this.problemWindow.page + delta, PROBLEM_PAGE).page;
  }
}
