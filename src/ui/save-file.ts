/**
 * The only importer of file-saver: hands finished bytes or text to the browser as a download.
 * The IIF Blob holds Windows-1252 bytes already (encoded in the worker), so it is saved untouched.
 */
import { saveAs } from 'file-saver';

/** Saves a Blob (the worker's IIF file) as it is. */
export function saveBlob(blob: Blob, fileName: string): void {
  saveAs(blob, fileName);
}

/** Saves text as UTF-8; CSV gets a byte-order mark so Excel reads accents correctly. */
export function saveText(text: string, fileName: string, mime: 'text/csv' | 'application/json'): void {
  const parts = mime === 'text/csv' ? ['\uFEFF', text] : [text];
  saveAs(new Blob(parts, { type: `${mime};charset=utf-8` }), fileName);
}
