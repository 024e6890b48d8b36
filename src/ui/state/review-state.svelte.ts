/**
 * The review screen's view of the latest conversion: the table's type filter, search and
 * expanded row, and the problems filter and page. Filtering runs on indices in core/review;
 * the rows themselves stay typed arrays (never proxies).
 */
import type { Issue, Severity } from '../../core/issues.ts';
import type { TxnType } from '../../core/ledger/model.ts';
import { emptyReviewRows, filterReviewRows, findReviewRow } from '../../core/review/rows.ts';
import { problemsToCsv } from '../../core/review/problems-csv.ts';
import type { PageConvertResult } from '../../worker/page-result.ts';
import { pageWindow } from '../paging.ts';
import { saveText } from '../save-file.ts';

const NO_ROWS = emptyReviewRows();

const PROBLEM_PAGE = 200;

export class ReviewState {
  typeFilter = $state<TxnType | ''>('');
  search = $state('');
  expandedKey = $state<string | null>(null);
  #severityFilter = $state<Severity | ''>('');
  /** Page of the problems list shown (one page of rows in the DOM at a time, however many problems). */
  problemPage = $state(0);


  readonly #run: { readonly result: PageConvertResult | null };
  readonly rows = $derived(this.result?.rows ?? NO_ROWS);
  readonly visible = $derived(filterReviewRows(this.rows, { type: this.typeFilter, search: this.search }));
  /** The expanded row's index in `rows`, or -1 (also when a new run no longer has it). */
  readonly expandedIndex = $derived(this.expandedKey === null ? -1 : findReviewRow(this.rows, this.expandedKey));
  readonly problems = $derived.by((): Issue[] => {
    const all = this.result?.issues ?? [];
    return this.severityFilter ? all.filter((i) => i.severity === this.severityFilter) : all;
  });
  readonly problemWindow = $derived(pageWindow(this.problems.length, this.problemPage, PROBLEM_PAGE));
  readonly shownProblems = $derived(this.problems.slice(this.problemWindow.start, this.problemWindow.end));

  constructor(run: { readonly result: PageConvertResult | null }) {
    this.#run = run;
  }

  /** The run's latest result. */
  get result(): PageConvertResult | null {
    return this.#run.result;
  }

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

  downloadProblems(): void {
    saveText(problemsToCsv(this.result?.issues ?? []), 'keap2iif-problems.csv', 'text/csv');
  }
}
