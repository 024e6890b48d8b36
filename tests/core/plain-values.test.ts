// The reader's character-test fast paths must agree with the full parsers (money.ts, dates.ts)
// on every text they accept, and leave every other text to them: random texts built from the
// characters cells are made of, and the shapes Keap writes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayOf, NO_DAY, parseDate } from '../../src/core/dates.ts';
import { parseCents, parseDecimal } from '../../src/core/money.ts';
import { IdCodes, NO_ID } from '../../src/core/keap/columns.ts';
import { plainCents, plainDay, plainDecimalKey, plainIdNumber } from '../../src/core/keap/plain-values.ts';

/** Texts of the characters numbers, dates and ids are written with. */
const cellText = (chars: string, maxLength = 20) => fc.array(fc.constantFrom(...chars), { maxLength }).map((c) => c.join(''));
const numberLike = fc.oneof(cellText('0123456789.-'), cellText('0123456789.', 16), fc.integer({ min: -1e9, max: 1e9 }).map((n) => (n / 100).toString()));
const dateLike = fc.oneof(
  cellText('0123456789-/: T', 22),
  fc.record({ y: fc.integer({ min: 1890, max: 2210 }), m: fc.integer({ min: 0, max: 13 }), d: fc.integer({ min: 0, max: 32 }) }).chain(({ y, m, d }) =>
    fc.constantFrom(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')} 10:11:12`, `${m}/${d}/${y}`, `${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}/${y}`),
  ),
);

describe('plain shapes agree with the full parsers', () => {
  it('cents', () => {
    fc.assert(
      fc.property(numberLike, (s) => {
        const plain = plainCents(s);
        if (plain !== plain) return;
        const full = parseCents(s);
        expect(full).toEqual({ ok: true, cents: plain });
        expect(Object.is(plain, -0)).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it('day numbers', () => {
    fc.assert(
      fc.property(dateLike, (s) => {
        const plain = plainDay(s);
        const full = parseDate(s);
        if (plain !== NO_DAY) expect(full.ok && dayOf(full.date)).toBe(plain);
        // Every date Keap writes without a time or with hh:mm:ss takes the fast path.
        else if (full.ok && /^(\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?|\d{1,2}\/\d{1,2}\/\d{4})$/.test(s)) expect.fail(`${s} left the fast path`);
      }),
      { numRuns: 5000 },
    );
  });

  it('decimals: equal keys exactly for equal values', () => {
    fc.assert(
      fc.property(numberLike, numberLike, (a, b) => {
        const ka = plainDecimalKey(a);
        const kb = plainDecimalKey(b);
        if (ka !== ka || kb !== kb) return;
        const da = parseDecimal(a);
        const db = parseDecimal(b);
        if (!da.ok || !db.ok) return expect.fail(`${a} or ${b} has a key but no value`);
        expect(ka === kb).toBe(da.value.units === db.value.units && da.value.scale === db.value.scale);
        expect(((ka % 16) + 16) % 16).toBe(da.value.scale);
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['1', 16],
    ['2.50', 25 * 16 + 1],
    ['-0.125', -125 * 16 + 3],
    ['.5', 5 * 16 + 1],
    ['12.', 12 * 16],
    ['', NaN],
    ['1e3', NaN],
    ['$1', NaN],
    ['123456789012345', NaN],
  ])('the key of %j is %d', (s, key) => {
    expect(plainDecimalKey(s)).toBe(key);
  });
});

describe('id codes', () => {
  it('are the number itself for plain digits, and one code per other text', () => {
    const ids = new IdCodes();
    expect([ids.codeOf('1001'), ids.codeOf('0'), ids.codeOf('')]).toEqual([1001, 0, NO_ID]);
    const a = ids.codeOf('A-17');
    const z = ids.codeOf('01001');
    expect(a).toBeLessThan(-1);
    expect(z).toBeLessThan(-1);
    expect(a).not.toBe(z);
    expect(ids.codeOf('A-17')).toBe(a);
    expect([ids.text(1001), ids.text(a), ids.text(z), ids.text(NO_ID)]).toEqual(['1001', 'A-17', '01001', '']);
  });

  it('give every id its own text back', () => {
    fc.assert(
      fc.property(cellText('0123456789A-', 18), (id) => {
        const ids = new IdCodes();
        expect(ids.text(ids.codeOf(id))).toBe(id);
        const n = plainIdNumber(id);
        if (n >= 0) expect(String(n)).toBe(id);
      }),
      { numRuns: 3000 },
    );
  });
});
