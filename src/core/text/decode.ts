/**
 * Bytes -> text. Recognises UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, and falls
 * back to Windows-1252 when the bytes are not valid UTF-8 (what Excel writes as "CSV" on a
 * US Windows machine). Also spots files that are not text at all (PNG, XLSX, PDF...).
 */
import { decodeWindows1252 } from './windows-1252.ts';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** True when the bytes were not valid UTF-8 and Windows-1252 was used instead. */
  fellBack: boolean;
}

export type BinaryKind = 'png' | 'jpeg' | 'gif' | 'pdf' | 'zip' | 'xls' | 'binary';

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  if (bytes.length < sig.length) return false;
  return sig.every((b, i) => bytes[i] === b);
}

/** Names a binary format when the bytes are clearly not a text export; null for text. */
export function sniffBinary(bytes: Uint8Array): BinaryKind | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return 'xls';
  // UTF-16 text has many NULs; only judge files without a UTF-16 BOM.
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return null;
  if (utf16WithoutBom(bytes) !== null) return null;
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096));
  let controls = 0;
  for (const b of sample) {
    if (b === 0) return 'binary';
    if (b < 0x09 || (b > 0x0d && b < 0x20)) controls++;
  }
  return sample.length > 0 && controls / sample.length > 0.1 ? 'binary' : null;
}

/**
 * Recognises UTF-16 text written without a byte-order mark (some tools do): in a CSV header
 * almost every character is ASCII, so every other byte is zero.
 */
export function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 8) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd > pairs * 0.9 && zeroEven === 0) return 'utf-16le';
  if (zeroEven > pairs * 0.9 && zeroOdd === 0) return 'utf-16be';
  return null;
}

/** Decodes an export's bytes. Never throws. */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const r = tryUtf8(bytes.subarray(3));
    if (r !== null) return { text: r, encoding: 'utf-8-bom', fellBack: false };
    return { text: decodeWindows1252(bytes.subarray(3)), encoding: 'windows-1252', fellBack: true };
  }
  if (startsWith(bytes, [0xff, 0xfe])) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', fellBack: false };
  }
  if (startsWith(bytes, [0xfe, 0xff])) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', fellBack: false };
  }
  const bomless = utf16WithoutBom(bytes);
  if (bomless !== null) return { text: new TextDecoder(bomless).decode(bytes), encoding: bomless, fellBack: false };
  const r = tryUtf8(bytes);
  if (r !== null) return { text: r, encoding: 'utf-8', fellBack: false };
  return { text: decodeWindows1252(bytes), encoding: 'windows-1252', fellBack: true };
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
