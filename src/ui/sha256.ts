/**
 * SHA-256 of bytes or a Blob with the browser's Web Crypto, as lower-case hex: the fingerprint
 * the print summary gives for each Keap file and for the IIF, so the accountant can tell later
 * that the file imported is the one reviewed.
 */

/** Hex SHA-256 of `data`. */
export async function sha256Hex(data: Uint8Array | Blob): Promise<string> {
  const bytes = data instanceof Blob ? new Uint8Array(await data.arrayBuffer()) : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  let hex = '';
  for (const b of new Uint8Array(digest)) hex += b.toString(16).padStart(2, '0');
  return hex;
}
