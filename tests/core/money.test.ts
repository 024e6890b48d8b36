import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatCentsPlain, multiplyToCents, parseCents, parseDecimal, formatPrice, formatDecimal } from '../../src/core/money.ts';

describe('parseCents', () => {
  it.each([
    ['1234.56', 123456],
    ['$1,234.56', 123456],
    ['1234.5', 123450],
    ['-12.00', -1200],
    ['(12.00)', -1200],
    ['($12.00)', -1200],
    ['USD 12.00', 1200],
    ['12.00 USD', 1200],
    ['  7.5  ', 750],
    ['$-3.00', -300],
    ['-$3.00', -300],
    ['12.00-', -1200],
    ['0', 0],
    ['.5', 50],
    ['1,000,000', 100000000],
    ['+4.20', 420],
    ['$(12.00)', -1200],
    ['USD (3.50)', -350],
  ])('%s -> %i cents', (raw, cents) => {
    expect(parseCents(raw)).toEqual({ ok: true, cents });
  });

  it.each([
    ['', 'empty'],
    ['abc', 'format'],
    ['12.345', 'precision'],
    ['1.234,56', 'decimal-comma'],
    ['12,5', 'decimal-comma'],
    ['1,23,4', 'format'],
    ['$', 'format'],
    ['1e5', 'format'],
    ['--3', 'format'],
  ])('%s is refused (%s)', (raw, reason) => {
    expect(parseCents(raw)).toEqual({ ok: false, reason });
  });

  it('never goes through floating point: 0.1 + 0.2 stays exact', () => {
    const a = parseCents('0.10');
    const b = parseCents('0.20');
    expect(a.ok && b.ok && a.cents + b.cents).toBe(30);
  });

  it('round-trips every cents value through formatCentsPlain', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (c) => {
        expect(parseCents(formatCentsPlain(c))).toEqual({ ok: true, cents: c });
      }),
    );
  });
});

describe('multiplyToCents', () => {
  const d = (s: string) => {
    const r = parseDecimal(s);
    if (!r.ok) throw new Error(s);
    return r.value;
  };
  it.each([
    ['2', '25.00', 5000, false],
    ['3', '0.333', 100, true],
    ['1', '12.125', 1213, true],
    ['-1', '12.125', -1213, true],
    ['1', '12.124', 1212, true],
    ['1.5', '10', 1500, false],
    ['0', '9.99', 0, false],
  ])('%s x %s = %i (rounded: %s)', (q, p, cents, rounded) => {
    expect(multiplyToCents(d(q), d(p))).toEqual({ cents, rounded });
  });

  it('formats prices with at least two decimals', () => {
    expect(formatPrice(d('25'))).toBe('25.00');
    expect(formatPrice(d('12.125'))).toBe('12.125');
    expect(formatDecimal(d('-2.50'))).toBe('-2.5');
  });
});
