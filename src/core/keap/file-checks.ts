/**
 * Whole files that are not CSV exports are refused with a message saying what they are: images,
 * workbooks and other binary files (from their first bytes), web pages (from their first
 * characters) and files with nothing in them.
 */
import { sniffBinary } from '../text/decode.ts';
import type { Issue } from '../issues.ts';

/** Bytes enough to recognise a binary format or UTF-16 without a byte-order mark. */
export const SNIFF_BYTES = 4096;

const BINARY_NAMES: Record<string, string> = {
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  gif: 'a GIF image',
  pdf: 'a PDF document',
  zip: 'an Excel workbook (.xlsx) or another zipped file',
  xls: 'an old Excel workbook (.xls)',
  binary: 'a binary (non-text) file',
};

export interface Refusal {
  code: Issue['code'];
  message: string;
}

/** The refusal of a file whose first bytes show it is not text; null for text. */
export function binaryRefusal(name: string, head: Uint8Array): Refusal | null {
  const binary = sniffBinary(head);
  if (binary === null) return null;
  return {
    code: binary === 'binary' ? 'file.nul-bytes' : 'file.binary',
    message: `${name} is ${BINARY_NAMES[binary]}, not a CSV export. In Keap, export the report as CSV; if you opened it in Excel, use File > Save As > CSV.`,
  };
}

export const emptyFileRefusal = (name: string): Refusal => ({ code: 'file.empty', message: `${name} is empty (0 bytes). Export the data from Keap again.` });
export const blankTextRefusal = (name: string): Refusal => ({ code: 'file.empty', message: `${name} has no content. Export the data from Keap again.` });
export const nulTextRefusal = (name: string): Refusal => ({
  code: 'file.nul-bytes',
  message: `${name} holds NUL bytes, which a CSV export never has; it may be damaged or not a text file. Export it from Keap again.`,
});
export const webPageRefusal = (name: string): Refusal => ({
  code: 'file.binary',
  message: `${name} is a web page (HTML), not a CSV export. This happens when a download link expired: download the export from Keap again.`,
});

/** The longest start of a web page looked for (`<!doctype html`). */
const PAGE_START_CHARS = 14;
const PAGE_START = /^(<!doctype html|<html|<\?xml|<head|<body)/i;

/**
 * The first characters of a file's text after any leading white space: enough to tell a web
 * page, or a file of nothing but white space, before any of it is parsed.
 */
export class LeadingText {
  #start = '';
  /** Known once enough text has been seen (or the file has ended). */
  decided = false;

  /** Takes the next piece of text; returns true once the start is known. */
  see(text: string): boolean {
    if (!this.decided) {
      this.#start = (this.#start + text.slice(0, PAGE_START_CHARS + text.length - text.trimStart().length)).trimStart();
      this.decided = this.#start.length >= PAGE_START_CHARS;
    }
    return this.decided;
  }

  /** True when the text had nothing but white space. */
  get blank(): boolean {
    return this.#start === '';
  }

  get webPage(): boolean {
    return PAGE_START.test(this.#start);
  }
}
