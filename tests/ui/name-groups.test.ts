/**
 * Step 3's grouping of the names QuickBooks lacks (by list, fixed order, counts, customers
 * collapsed, filter on name and use) and the print summary's problem counts.
 */
import { describe, expect, it } from 'vitest';
import type { NameCheck } from '../../src/core/qb/lists.ts';
import type { Issue } from '../../src/core/issues.ts';
import { groupNameChecks } from '../../src/ui/name-groups.ts';
import { codeCounts, severityCounts } from '../../src/ui/problem-counts.ts';

const check = (list: NameCheck['list'], name: string, status: NameCheck['status'] = 'missing', role: string = list): NameCheck => ({ list, name, role, status, message: '' });

const CHECKS: NameCheck[] = [
  check('customer', 'Jane Doe'),
  check('customer', 'Acme Inc'),
  check('account', 'Sales', 'ok'),
  check('account', 'Widget Income', 'missing', 'income account'),
  check('class', 'Retail'),
  check('item', 'Widget', 'type-mismatch'),
  check('customer', 'John Smith', 'ok'),
];

describe('groupNameChecks', () => {
  it('groups the names that need attention by list, in a fixed order, with counts; customers collapsed', () => {
    const groups = groupNameChecks(CHECKS, '');
    expect(groups.map((g) => [g.list, g.total, g.checks.length, g.openByDefault])).toEqual([
      ['account', 1, 1, true],
      ['item', 1, 1, true],
      ['customer', 2, 2, false],
      ['class', 1, 1, true],
    ]);
  });

  it.each([
    ['acme', [['customer', ['Acme Inc']]]],
    ['INCOME account', [['account', ['Widget Income']]]],
    ['widget', [['account', ['Widget Income']], ['item', ['Widget']]]],
    ['nothing like it', []],
  ])('filter %j keeps the groups with their totals and only the matching names', (filter, expected) => {
    const groups = groupNameChecks(CHECKS, filter);
    expect(groups.map((g) => g.total)).toEqual([1, 1, 2, 1]);
    expect(groups.filter((g) => g.checks.length > 0).map((g) => [g.list, g.checks.map((c) => c.name)])).toEqual(expected);
  });

  it('is empty when every name is found', () => {
    expect(groupNameChecks([check('account', 'Sales', 'ok')], '')).toEqual([]);
  });
});

describe('problem counts', () => {
  const issues: Issue[] = [
    { code: 'amount.invalid', severity: 'error', message: 'first' },
    { code: 'amount.invalid', severity: 'error', message: 'second' },
    { code: 'file.empty', severity: 'warning', message: 'empty' },
    { code: 'amount.invalid', severity: 'warning', message: 'as a warning' },
  ];

  it('counts by severity', () => {
    expect(severityCounts(issues)).toEqual({ error: 2, warning: 2, info: 0 });
  });

  it('counts by code and severity, most frequent first, with the first message as example', () => {
    expect(codeCounts(issues)).toEqual([
      { code: 'amount.invalid', severity: 'error', count: 2, example: 'first' },
      { code: 'amount.invalid', severity: 'warning', count: 1, example: 'as a warning' },
      { code: 'file.empty', severity: 'warning', count: 1, example: 'empty' },
    ]);
  });
});
