// The one Windows-1252 table: byte look-up for the encoder and sanitizer, and a decoder that uses
// the runtime's TextDecoder only where it really decodes Windows-1252.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeWindows1252 } from '../../src/core/iif/encode.ts';
import { cleanIifText } from '../../src/core/iif/sanitize.ts';
import { decodeWindows1252, decodeWindows1252ByTable, windows1252Byte } from '../../src/core/text/windows-1252.ts';

const EVERY_BYTE = Uint8Array.from({ length: 256 }, (_, i) => i);
const UNDEFINED_BYTES = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

describe('Windows-1252 table', () => {
  it.each([
    [0x41, 'A'],
    [0x80, '\u20ac'],
    [0x8a, '\u0160'],
    [0x92, '\u2019'],
    [0x99, '\u2122'],
    [0x9f, '\u0178'],
    [0xa0, '\u00a0'],
    [0xe9, '\u00e9'],
    [0x81, '\u0081'], // undefined byte: decoded as the WHATWG standard does
  ])('byte 0x%s decodes to its character', (byte, char) => {
    expect(decodeWindows1252ByTable(new Uint8Array([byte]))).toBe(char);
  });

  it('every defined byte round-trips through the decoder and the byte look-up', () => {
    const text = decodeWindows1252ByTable(EVERY_BYTE);
    expect(text).toHaveLength(256);
    for (let b = 0; b < 256; b++) {
      expect(windows1252Byte(text.charCodeAt(b)), `byte ${b}`).toBe(UNDEFINED_BYTES.includes(b) ? -1 : b);
    }
    expect(windows1252Byte(0x0101)).toBe(-1); // ā
    expect(windows1252Byte(0x1f600)).toBe(-1);
  });

  it('the encoder, the sanitizer and the decoder agree on the characters the code page has', () => {
    const high = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
    expect(decodeWindows1252(encodeWindows1252(high))).toBe(high);
    expect(encodeWindows1252('ā😀')).toEqual(new Uint8Array([0x3f, 0x3f, 0x3f]));
    // Characters the sanitizer keeps as they are are exactly those the encoder can write.
    expect(cleanIifText('Œuvre™ Ž').text).toBe('Œuvre™ Ž');
  });

  it('decodes long inputs (more codes than one call may take as arguments)', () => {
    const bytes = new Uint8Array(200_000).fill(0x80);
    expect(decodeWindows1252ByTable(bytes)).toBe('\u20ac'.repeat(200_000));
  });
});

describe('decodeWindows1252 uses the runtime decoder only where it is right', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  const RealDecoder = globalThis.TextDecoder;
  /** A TextDecoder whose 'windows-1252' is replaced by `decode` (and counted). */
  function stubDecoder(decode: ((bytes: Uint8Array) => string) | 'missing') {
    const calls = { count: 0 };
    class Stub {
      constructor(label?: string) {
        if (label !== 'windows-1252') return new RealDecoder(label) as unknown as Stub;
        if (decode === 'missing') throw new RangeError('The "windows-1252" encoding is not supported');
      }
      decode(bytes: Uint8Array): string {
        calls.count++;
        return (decode as (b: Uint8Array) => string)(bytes);
      }
    }
    vi.stubGlobal('TextDecoder', Stub);
    return calls;
  }
  /** A fresh copy of the module, so it chooses its decoder under the stub. */
  const load = async () => {
    vi.resetModules();
    return import('../../src/core/text/windows-1252.ts');
  };
  const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

  it('a correct runtime decoder is used', async () => {
    const calls = stubDecoder((b) => decodeWindows1252ByTable(b));
    const m = await load();
    expect(m.decodesNatively).toBe(true);
    const before = calls.count;
    expect(m.decodeWindows1252(new Uint8Array([0x80, 0x41]))).toBe('\u20acA');
    expect(calls.count).toBe(before + 1);
  });

  it.each([
    ['missing (small-ICU builds)', 'missing' as const],
    ['decoding 0x80-0x9F as Latin-1 (Node 20)', latin1],
  ])('a runtime decoder that is %s is replaced by the table', async (_what, decode) => {
    stubDecoder(decode);
    const m = await load();
    expect(m.decodesNatively).toBe(false);
    expect(m.decodeWindows1252(EVERY_BYTE)).toBe(decodeWindows1252ByTable(EVERY_BYTE));
  });

  it('whichever this runtime uses, the result is the table\'s', () => {
    expect(decodeWindows1252(EVERY_BYTE)).toBe(decodeWindows1252ByTable(EVERY_BYTE));
  });
});
