/**
 * IIF text -> Windows-1252 bytes (QuickBooks Desktop is an "ANSI" Windows program). No BOM.
 * The writer already replaced every character the code page lacks; any left become `?`.
 */
import { CP1252_HIGH } from '../text/decode.ts';

const UNICODE_TO_CP1252 = new Map<number, number>();
CP1252_HIGH.forEach((code, i) => {
  if (code !== null) UNICODE_TO_CP1252.set(code, 0x80 + i);
});

/** Encodes one string to Windows-1252 bytes. */
export function encodeWindows1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out[i] = c;
    else out[i] = UNICODE_TO_CP1252.get(c) ?? 0x3f;
  }
  return out;
}

/** Encodes the writer's chunks into one byte array. */
export function encodeIif(chunks: readonly string[]): Uint8Array {
  const parts = chunks.map(encodeWindows1252);
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
