/**
 * IIF text -> Windows-1252 bytes (QuickBooks Desktop is an "ANSI" Windows program). No BOM.
 * The writer already replaced every character the code page lacks; any left become `?`.
 */
import { windows1252Byte } from '../text/windows-1252.ts';

const NON_ASCII = /[^\x00-\x7f]/;
let asciiEncoder: InstanceType<typeof TextEncoder> | undefined;
const SHORT_TEXT = 64;

/** Encodes `text` into `out` from `offset` (one byte per UTF-16 code unit). */
export function encodeInto(text: string, out: Uint8Array, offset: number): void {
  if (text.length <= SHORT_TEXT) {
    // Short texts (most cells): a loop costs less than a regex and a call into the native encoder.
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) out[offset + i] = c;
      else {
        const byte = windows1252Byte(c);
        out[offset + i] = byte >= 0 ? byte : 0x3f; // '?'
      }
    }
    return;
  }
  if (!NON_ASCII.test(text)) {
    // Pure ASCII: UTF-8 and Windows-1252 agree, and the native encoder is far faster.
    (asciiEncoder ??= new TextEncoder()).encodeInto(text, out.subarray(offset, offset + text.length));
    return;
  }
  for (let i = 0; i < text.length; i++) {
    const byte = windows1252Byte(text.charCodeAt(i));
    out[offset + i] = byte >= 0 ? byte : 0x3f; // '?'
  }
}

/** Encodes one string (e.g. one writer chunk, as a Blob part) to Windows-1252 bytes. */
export function encodeWindows1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  encodeInto(text, out, 0);
  return out;
}
