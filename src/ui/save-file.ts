/**
 * The only importer of file-saver: hands finished bytes or text to the browser as a download.
 * IIF bytes are already Windows-1252 (from encodeIif), so they are saved untouched.
 */
import { saveAs } from 'file-saver';

/** Saves raw bytes (the IIF file) as a download. */
export function saveBytes(bytes: Uint8Array, fileName: string): void {
  // Copy into a fresh ArrayBuffer: a Blob part must not be a view on a shared/resizable buffer.
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  saveAs(new Blob([copy.buffer], { type: 'application/octet-stream' }), fileName);
}

/** Saves text as UTF-8; CSV gets a byte-order mark so Excel reads accents correctly. */
export function saveText(text: string, fileName: string, mime: 'text/csv' | 'application/json'): void {
  const parts = mime === 'text/csv' ? ['\uFEFF', text] : [text];
  saveAs(new Blob(parts, { type: `${mime};charset=utf-8` }), fileName);
}
