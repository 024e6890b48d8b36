/**
 * Bytes -> text one piece at a time, so an export is never decoded whole. The encoding is chosen
 * from the first bytes (byte-order marks, UTF-16 without one) exactly as `decodeBytes` chooses
 * it; UTF-8 is decoded strictly, and a reader that meets an invalid byte starts the file again
 * as Windows-1252 (what Excel writes as "CSV" on a US Windows machine).
 */
import { utf16WithoutBom, type TextEncodingName } from './decode.ts';
import { decodeWindows1252 } from './windows-1252.ts';

/** How a file's text starts: its encoding and how many bytes (a byte-order mark) to skip. */
export interface TextStart {
  encoding: TextEncodingName;
  skip: number;
}

/** The encoding of a file from its first bytes (at least 512 of them when the file has that many). */
export function textStartOf(head: Uint8Array): TextStart {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8-bom', skip: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  const bomless = utf16WithoutBom(head);
  if (bomless !== null) return { encoding: bomless, skip: 0 };
  return { encoding: 'utf-8', skip: 0 };
}

/** Decodes consecutive pieces of one file; keeps the bytes of a character split between two pieces. */
export interface PieceDecoder {
  /** The text of `bytes`; null when they are not valid in this encoding (strict UTF-8 only). */
  decode(bytes: Uint8Array, last: boolean): string | null;
}

/** A decoder for consecutive pieces of a file in `encoding`. */
export function pieceDecoder(encoding: TextEncodingName): PieceDecoder {
  // One byte per character: nothing is carried between pieces.
  if (encoding === 'windows-1252') return { decode: decodeWindows1252 };
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    const decoder = new TextDecoder(encoding);
    return { decode: (bytes, last) => decoder.decode(bytes, { stream: !last }) };
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return {
    decode(bytes, last) {
      try {
        return decoder.decode(bytes, { stream: !last });
      } catch {
        return null;
      }
    },
  };
}
