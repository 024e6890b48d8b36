/**
 * The review screen's state: the latest full conversion (held raw: 100,000 transactions must
 * not become deep proxies), the table's type filter, search and expanded row, and the
 * problems filter. Filtering runs on indices in core/review.
 */
import type { ConvertResult } from '../../core/convert-types.ts';
import type { Issue, Severity } from '../../core/issues.ts';
import type { TxnType } from '../../core/ledger/model.ts';
import { filterTransactions } from '../../core/review/transactions.ts';
import { monthlyTotals } from '../../core/review/monthly.ts';
import { pageWindow } from '../paging.ts';

const PROBLEM_PAGE = 200;

export class ReviewState {
  result = $state.raw<ConvertResult | null>(null);
  busy = $state(false);
  progress = $state.raw<{ stage: string; fraction: number } | null>(null);
  typeFilter = $state<TxnType | ''>('');
  search = $state('');
  expandedKey = $state<string | null>(null);
  #severityFilter = $state<Severity | ''>('');
  /** Page of the problems list shown (one page of rows in the DOM at a time, however many problems). */
  problemPage = $state(0);

  readonly transactions = $derived(this.result?.ledger.transactions ?? []);
  readonly visible = $derived(filterTransactions(this.transactions, { type: this.typeFilter, search: this.search }));
  readonly months = $derived(monthlyTotals(this.transactions));
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
