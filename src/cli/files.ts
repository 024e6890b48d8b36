/**
 * The command line's file access. Inputs are read piece by piece with positioned reads on a
 * file descriptor (the converter asks for the bytes it needs; no input is ever read whole here),
 * and the IIF is written chunk by chunk as the converter produces it.
 */
import { closeSync, fstatSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import type { ByteSource } from '../core/source.ts';
import { InputError } from './errors.ts';

/** Open input files; close them when the run is over. */
export interface OpenInputs {
  sources: ByteSource[];
  close(): void;
}

/** A ByteSource over an open file descriptor. */
export function fileSource(fd: number, name: string, size: number): ByteSource {
  return {
    name,
    size,
    read(offset, length) {
      const want = Math.max(0, Math.min(length, size - offset));
      const bytes = new Uint8Array(want);
      let got = 0;
      // readSync may return fewer bytes than asked (pipes, network file systems): read on.
      while (got < want) {
        const n = readSync(fd, bytes, got, want - got, offset + got);
        if (n === 0) break;
        got += n;
      }
      return got === want ? bytes : bytes.subarray(0, got);
    },
  };
}

/** Opens every input (`toPath` turns a path as typed into one to open); a file that cannot be opened is an InputError. */
export function openInputs(paths: readonly string[], toPath: (typed: string) => string): OpenInputs {
  const fds: number[] = [];
  const close = () => {
    for (const fd of fds.splice(0)) closeSync(fd);
  };
  try {
    const sources = paths.map((path) => {
      let fd: number;
      try {
        fd = openSync(toPath(path), 'r');
      } catch (e) {
        throw new InputError(`Cannot read ${path}: ${(e as Error).message}`);
      }
      fds.push(fd);
      const stat = fstatSync(fd);
      if (stat.isDirectory()) throw new InputError(`Cannot read ${path}: it is a folder, not a file.`);
      return fileSource(fd, basename(path), stat.size);
    });
    return { sources, close };
  } catch (e) {
    close();
    throw e;
  }
}

/** A file written chunk by chunk that appears under its name only once it is complete. */
export interface OutputFile {
  /** Writes a chunk at once (the caller may reuse the chunk afterwards). */
  write(chunk: Uint8Array): void;
  /** Closes the file and gives it its name. */
  commit(): void;
  /** Closes and deletes what was written. */
  abort(): void;
}

/**
 * Writes to `<path>.partial` and renames it at the end: a run that fails half-way must not leave
 * a truncated IIF under the expected name, where it could be imported into QuickBooks.
 */
export function createOutputFile(path: string): OutputFile {
  const partial = `${path}.partial`;
  let fd: number | null;
  try {
    fd = openSync(partial, 'w');
  } catch (e) {
    throw new InputError(`Cannot write ${path}: ${(e as Error).message}`);
  }
  const closeOnce = () => {
    if (fd !== null) closeSync(fd);
    fd = null;
  };
  return {
    write(chunk) {
      if (fd === null) throw new Error(`${path} is already closed`);
      let done = 0;
      while (done < chunk.length) done += writeSync(fd, chunk, done, chunk.length - done);
    },
    commit() {
      closeOnce();
      renameSync(partial, path);
    },
    abort() {
      closeOnce();
      try {
        unlinkSync(partial);
      } catch {
        // already gone
      }
    },
  };
}
