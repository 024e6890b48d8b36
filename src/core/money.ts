/**
 * Money as integer cents. Parsing goes straight from text to cents (never through
 * floating point); the only multiplication (quantity x unit price) is done on scaled
 * BigInts with an explicit rounding rule.
 */

/**
 * An amount of money in integer cents. `1234` means 12.34.
 * Always a safe integer: we keep the same 2^51 headroom Actual Budget keeps, so that
 * adding up a few thousand amounts can never leave the range where doubles are exact.
 */
export type Cents = number;

const MAX_SAFE_CENTS = 2 ** 51;

/** Throws when a value is not a safe integer number of cents (a bug in our code, not bad input). */
function assertCents(value: number): Cents {
  if (!Number.isSafeInteger(value) || Math.abs(value) > MAX_SAFE_CENTS) {
    throw new RangeError(`not a safe integer number of cents: ${value}`);
  }
  return value;
}

export function addCents(a: Cents, b: Cents): Cents {
  return assertCents(a + b);
}

export function negateCents(a: Cents): Cents {
  return a === 0 ? 0 : -a;
}

/** An exact decimal: `units / 10^scale`. Used for quantities and unit prices. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

export type DecimalParse =
  | { ok: true; value: Decimal }
  | { ok: false; reason: 'empty' | 'format' | 'decimal-comma' };

/** What exports mostly hold (`12`, `-3.5`, `1234.56`): read without the general rules below. */
const PLAIN_DECIMAL = /^(-?)(\d{1,15})(?:\.(\d{0,12}))?$/;

/**
 * Decimals are immutable, and the same few quantities and prices come on most of a million
 * lines: one shared object per value saves an object and a BigInt on each line. Bounded (it
 * starts again when full) and keyed by short texts only, so it never keeps much.
 */
const DECIMAL_CACHE_LIMIT = 1 << 14;
const decimalByText = new Map<string, Decimal>();
const SHORT_TEXT = 12;

function parsePlainDecimal(raw: string): Decimal | null {
  const plain = PLAIN_DECIMAL.exec(raw);
  if (!plain) return null;
  const frac = (plain[3] ?? '').replace(/0+$/, '');
  return decimalOf(BigInt((plain[1] ?? '') + plain[2]! + frac), frac.length);
}

/**
 * Parses a money-like text exactly. Accepts `$1,234.56`, `1234.5`, `-12.00`, `(12.00)`,
 * `USD 12.00`, `12.00 USD`, a trailing minus `12.00-`, and surrounding spaces.
 * Rejects decimal commas (`1.234,56`, `12,5`): a US export never has them, and guessing
 * would be off by a factor of 100 or 1000.
 */
export function parseDecimal(raw: string): DecimalParse {
  // Fast path for what exports mostly hold: "12", "-3.5", "1234.56".
  const known = raw.length <= SHORT_TEXT ? decimalByText.get(raw) : undefined;
  if (known !== undefined) return { ok: true, value: known };
  const plain = parsePlainDecimal(raw);
  if (plain) {
    if (raw.length <= SHORT_TEXT) {
      if (decimalByText.size >= DECIMAL_CACHE_LIMIT) decimalByText.clear();
      decimalByText.set(raw, plain);
    }
    return { ok: true, value: plain };
  }
  let s = raw.replace(/[\u00a0\u2007\u202f]/g, ' ').trim();
  if (s === '') return { ok: false, reason: 'empty' };
  let negative = false;
  s = s.replace(/^(USD|US\$|\$)\s*/i, '').replace(/\s*(USD)$/i, '').trim();
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  s = s.replace(/^(USD|US\$|\$)\s*/i, '').replace(/\s*(USD)$/i, '').trim();
  if (s.startsWith('-') || s.startsWith('\u2212')) {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) {
    s = s.slice(1).trim();
  } else if (s.endsWith('-')) {
    negative = !negative;
    s = s.slice(0, -1).trim();
  }
  s = s.replace(/^(USD|US\$|\$)\s*/i, '').trim();
  if (s === '') return { ok: false, reason: 'format' };
  // Thousands separators must sit every three digits: "1,234.56" yes, "12,5" no.
  if (s.includes(',')) {
    if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) {
      s = s.replace(/,/g, '');
    } else if (/^\d+(\.\d{3})*,\d+$/.test(s) || /^\d+,\d{1,2}$/.test(s)) {
      return { ok: false, reason: 'decimal-comma' };
    } else {
      return { ok: false, reason: 'format' };
    }
  }
  const m = /^(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return { ok: false, reason: 'format' };
  const intPart = m[1] || '0';
  const fracPart = (m[2] ?? '').replace(/0+$/, '');
  const units = BigInt(intPart + fracPart) * (negative ? -1n : 1n);
  const value: Decimal = { units, scale: fracPart.length };
  return { ok: true, value };
}

export type CentsParse =
  | { ok: true; cents: Cents }
  | { ok: false; reason: 'empty' | 'format' | 'decimal-comma' | 'precision' | 'range' };

/** Parses a money amount to cents; more than two decimals is a `precision` failure, never rounded. */
export function parseCents(raw: string): CentsParse {
  const d = parseDecimal(raw);
  if (!d.ok) return d;
  if (d.value.scale > 2) return { ok: false, reason: 'precision' };
  const cents = d.value.units * 10n ** BigInt(2 - d.value.scale);
  if (cents > BigInt(MAX_SAFE_CENTS) || cents < -BigInt(MAX_SAFE_CENTS)) return { ok: false, reason: 'range' };
  return { ok: true, cents: Number(cents) };
}

/** Divides by a power of ten, rounding half away from zero. */
function roundScaled(units: bigint, dropDigits: number): bigint {
  if (dropDigits <= 0) return units * 10n ** BigInt(-dropDigits);
  const divisor = 10n ** BigInt(dropDigits);
  const negative = units < 0n;
  const abs = negative ? -units : units;
  let q = abs / divisor;
  const r = abs % divisor;
  if (r * 2n >= divisor) q += 1n;
  return negative ? -q : q;
}

/** quantity x unit price, rounded half away from zero to the cent (the rule the docs ask for). */
export function multiplyToCents(qty: Decimal, price: Decimal): { cents: Cents; rounded: boolean } {
  const product = qty.units * price.units;
  const scale = qty.scale + price.scale;
  const cents = roundScaled(product, scale - 2);
  const exact = scale <= 2 || product % 10n ** BigInt(scale - 2) === 0n;
  return { cents: assertCents(Number(cents)), rounded: !exact };
}

/** Shared decimals for small values (quantities, and the signs they are written with). */
const SMALL_UNITS = 1000n;
const smallDecimals: Decimal[][] = [];

/** The decimal `units / 10^scale`; one shared object for small values. */
export function decimalOf(units: bigint, scale: number): Decimal {
  if (scale > 4 || units >= SMALL_UNITS || units <= -SMALL_UNITS) return { units, scale };
  const byUnits = (smallDecimals[scale] ??= []);
  const i = Number(units + SMALL_UNITS);
  return (byUnits[i] ??= { units, scale });
}

export function negateDecimal(d: Decimal): Decimal {
  return decimalOf(-d.units, d.scale);
}

export function absDecimal(d: Decimal): Decimal {
  return d.units < 0n ? negateDecimal(d) : d;
}

export function decimalFromInt(n: number): Decimal {
  return decimalOf(BigInt(n), 0);
}

/** Plain text for a decimal without trailing zeros: `2`, `-1.5`, `0.125`. */
export function formatDecimal(d: Decimal): string {
  const negative = d.units < 0n;
  let digits = (negative ? -d.units : d.units).toString();
  if (d.scale > 0) {
    digits = digits.padStart(d.scale + 1, '0');
    const intPart = digits.slice(0, digits.length - d.scale);
    const frac = digits.slice(digits.length - d.scale).replace(/0+$/, '');
    digits = frac ? `${intPart}.${frac}` : intPart;
  }
  return (negative && digits !== '0' ? '-' : '') + digits;
}

/** A unit price for IIF: at least two decimals (`25.00`, `12.125`). */
export function formatPrice(d: Decimal): string {
  const text = formatDecimal(d);
  const dot = text.indexOf('.');
  if (dot < 0) return `${text}.00`;
  const decimals = text.length - dot - 1;
  return decimals >= 2 ? text : `${text}0`;
}

/** Cents as IIF wants them: `-1234.56`, no thousands separator, no currency sign. */
export function formatCentsPlain(c: Cents): string {
  const negative = c < 0;
  const abs = Math.abs(c);
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  return `${negative ? '-' : ''}${whole}.${frac < 10 ? '0' : ''}${frac}`;
}
