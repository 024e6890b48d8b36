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

const PROBLEM_PAGE = 200;

export class ReviewState {
  result = $state.raw<ConvertResult | null>(null);
  busy = $state(false);
  progress = $state.raw<{ stage: string; fraction: number } | null>(null);
  typeFilter = $state<TxnType | ''>('');
  search = $state('');
  expandedKey = $state<string | null>(null);
  severityFilter = $state<Severity | ''>('');
  problemLimit = $state(PROBLEM_PAGE);

  readonly transactions = $derived(this.result?.ledger.transactions ?? []);
  readonly visible = $derived(filterTransactions(this.transactions, { type: this.typeFilter, search: this.search }));
  readonly months = $derived(monthlyTotals(this.transactions));
  readonly problems = $derived.by((): Issue[] => {
    const all = this.result?.issues ?? [];
    return this.severityFilter ? all.filter((i) => i.severity === this.severityFilter) : all;
  });
  readonly shownProblems = $derived(this.problems.slice(0, this.problemLimit));

  toggle(key: string): void {
    this.expandedKey = this.expandedKey === key ? null : key;
  }

  showMoreProblems(): void {
    this.problemLimit += PROBLEM_PAGE;
  }
}
