/**
 * Input files as the converter reads them: in pieces, so no input is ever held whole. The
 * command line reads a file with positioned reads, the worker slices the browser's File, and
 * tests wrap bytes they already have.
 */

/** A file read piece by piece. */
export interface ByteSource {
  /** File name as the user added it (used in every problem and report). */
  readonly name: string;
  /** Size in bytes. */
  readonly size: number;
  /** Bytes [offset, offset + length), fewer at the end of the file. */
  read(offset: number, length: number): Uint8Array;
}

/** A source over bytes already in memory. */
export function bytesSource(name: string, bytes: Uint8Array): ByteSource {
  return {
    name,
    size: bytes.length,
    read: (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)),
  };
}

