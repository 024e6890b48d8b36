// The reader's columns keep every value exactly, whatever storage they chose for it: nothing
// stored while every row holds the default, 4 bytes a number until one needs 8.
import { describe, expect, it } from 'vitest';
import { DecimalColumn, IntColumn, TextColumn } from '../../src/core/keap/columns.ts';
import { decimalOf } from '../../src/core/money.ts';

const values = (c: { at(p: number): unknown; length: number }) => Array.from({ length: c.length }, (_, p) => c.at(p));

describe('IntColumn', () => {
  it('gives the default for rows pushed before the first other value', () => {
    const c = new IntColumn(NaN);
    for (let k = 0; k < 3; k++) c.push(NaN);
    c.push(-7);
    c.push(NaN);
    expect(values(c)).toEqual([NaN, NaN, NaN, -7, NaN]);
  });

  it('keeps values past 32 bits and -2^31 exactly, with the ones before them', () => {
    const c = new IntColumn(-1);
    const all = [-1, 5, NaN, 2 ** 31 - 1, -(2 ** 31), 2 ** 40 + 1, 123456789012345, -1];
    for (const v of all) c.push(v);
    expect(values(c)).toEqual(all);
  });

  it('grows past the room it was given, and forgets rows cut back', () => {
    const c = new IntColumn(0);
    c.reserve(3);
    for (let v = 1; v <= 5000; v++) c.push(v);
    c.truncate(10);
    c.push(99);
    c.trim();
    expect(values(c)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 99]);
  });
});

describe('TextColumn', () => {
  it('stores repeated values once, and cuts its values back with its rows', () => {
    const c = new TextColumn(true);
    for (const t of ['a', 'b', 'a', '', 'c']) c.push(t);
    expect([c.at(0), c.at(1), c.at(2), c.at(3), c.at(4)]).toEqual(['a', 'b', 'a', '', 'c']);
    expect(c.values).toEqual(['', 'a', 'b', 'c']);
    c.truncate(2);
    c.push('d');
    expect(c.values).toEqual(['', 'a', 'b', 'd']);
    expect(c.at(2)).toBe('d');
  });
});

describe('DecimalColumn', () => {
  it('keeps a value too large for a key exactly, and compares values, not texts', () => {
    const c = new DecimalColumn();
    const huge = decimalOf(123456789012345678901234567890n, 3);
    c.stageValue(huge);
    c.commit();
    c.stageKey(25 * 16 + 1); // 2.5
    c.commit();
    c.stageValue(decimalOf(25n, 1));
    c.commit();
    c.stageValue(huge);
    c.commit();
    expect(c.at(0)).toEqual(huge);
    expect(c.at(1)).toEqual({ units: 25n, scale: 1 });
    expect([c.same(1, 2), c.same(0, 3), c.same(0, 1)]).toEqual([true, true, false]);
  });
});
