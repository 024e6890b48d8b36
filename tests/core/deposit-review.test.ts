// The review's view of deposits: the deposit ids offered for a one-deposit test export come from
// the written deposit rows, and a test export of one deposit holds that deposit alone.
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/core/convert.ts';
import { depositIdsOf, reviewRowsOf } from '../../src/core/review/rows.ts';
import { goldenInputsFor, runGolden } from '../support/golden.ts';

describe('deposits in the review', () => {
  it('offers the written deposits by their Keap deposit id', () => {
    const { result } = runGolden('deposit-three-payments');
    const { store, order, starts } = result.written;
    expect(depositIdsOf(reviewRowsOf(store, order, starts))).toEqual(['D-1001']);
  });

  it('a test export of one deposit holds that DEPOSIT only; an unknown id holds nothing', () => {
    const { files, profile, options } = goldenInputsFor('deposit-three-payments');
    const one = convert(files, profile, { ...options, depositId: 'D-1001' });
    const text = Buffer.concat(one.iifChunks).toString('latin1');
    expect(text.match(/^TRNS\t\t(\w+)/gm)).toEqual(['TRNS\t\tDEPOSIT']);
    const none = convert(files, profile, { ...options, depositId: 'D-9999' });
    expect(none.summary.transactions).toBe(0);
  });
});
