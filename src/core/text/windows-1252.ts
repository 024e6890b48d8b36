/**
 * Windows-1252, the code page of QuickBooks Desktop's IIF files and of what Excel saves as "CSV"
 * on a US Windows machine. The one table of the characters it puts at bytes 0x80-0x9F (every
 * other byte is the Latin-1 character of the same number), with the byte look-up the encoder
 * and the IIF sanitizer use and the decoder.
 */

/** The characters of bytes 0x80-0x9F; null for the five bytes the code page leaves undefined. */
const HIGH: ReadonlyArray<number | null> = [
  0x20ac, null, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, null, 0x017d, null,
  null, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, null, 0x017e, 0x0178,
];

/** Byte of each UTF-16 code unit up to U+2122 (the highest the code page has); -1 where it has none. */
const BYTE_OF = new Int16Array(0x2123).fill(-1);
for (let c = 0; c < 0x80; c++) BYTE_OF[c] = c;
for (let c = 0xa0; c <= 0xff; c++) BYTE_OF[c] = c;
HIGH.forEach((code, i) => {
  if (code !== null) BYTE_OF[code] = 0x80 + i;
});

/** The Windows-1252 byte of a UTF-16 code unit, or -1 when the code page cannot encode it. */
export function windows1252Byte(code: number): number {
  return code < BYTE_OF.length ? (BYTE_OF[code] as number) : -1;
}

/**
 * Decodes by the table. The five undefined bytes become U+0081, U+008D, U+008F, U+0090 and
 * U+009D, as the WHATWG Encoding Standard (and so every browser) decodes them.
 */
export function decodeWindows1252ByTable(bytes: Uint8Array): string {
  let out = '';
  // String.fromCharCode takes its codes as arguments: chunks keep them under the stack limit.
  const CHUNK = 8192;
  const codes = new Array<number>(CHUNK);
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    codes.length = end - start;
    for (let i = start; i < end; i++) {
      const b = bytes[i] as number;
      codes[i - start] = b >= 0x80 && b <= 0x9f ? (HIGH[b - 0x80] ?? b) : b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

/**
 * The runtime's own decoder, when it really decodes Windows-1252: checked on all 256 bytes,
 * because a runtime may lack the label (small-ICU builds) or, like Node 20, accept it and
 * decode 0x80-0x9F as Latin-1 control characters instead (the euro sign lost).
 */
function nativeDecoder(): TextDecoder | null {
  try {
    const decoder = new TextDecoder('windows-1252');
    const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);
    return decoder.decode(everyByte) === decodeWindows1252ByTable(everyByte) ? decoder : null;
  } catch {
    return null;
  }
}

const native = nativeDecoder();

/** True when decoding uses the runtime's TextDecoder rather than the table. */
export const decodesNatively: boolean = native !== null;

/** Decodes Windows-1252 bytes: with the runtime's TextDecoder where it is right, else by the table. */
export function decodeWindows1252(bytes: Uint8Array): string {
  return native !== null ? native.decode(bytes) : decodeWindows1252ByTable(bytes);
}
