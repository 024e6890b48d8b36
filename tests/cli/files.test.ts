// Input files read in pieces through a file descriptor; the IIF written chunk by chunk and
// given its name only when complete.
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/cli/errors.ts';
import { createOutputFile, fileSource, openInputs } from '../../src/cli/files.ts';

const work = mkdtempSync(join(tmpdir(), 'keap2iif-files-'));
const text = 'InvoiceId,PayAmt\r\n1001,90.00\r\n';
writeFileSync(join(work, 'payments.csv'), text);

describe('fileSource', () => {
  it('reads the bytes asked for at any offset, fewer at the end of the file, none past it', () => {
    const fd = openSync(join(work, 'payments.csv'), 'r');
    try {
      const source = fileSource(fd, 'payments.csv', text.length);
      const str = (b: Uint8Array) => Buffer.from(b).toString('latin1');
      expect(str(source.read(0, 9))).toBe('InvoiceId');
      expect(str(source.read(18, 4))).toBe('1001');
      expect(str(source.read(text.length - 3, 100))).toBe('0\r\n');
      expect(source.read(text.length, 10)).toHaveLength(0);
      // Reading out of order works: positioned reads, no shared file position.
      expect(str(source.read(10, 5))).toBe('PayAm');
    } finally {
      closeSync(fd);
    }
  });
});

describe('openInputs', () => {
  it('names each source by its file name and takes paths through the resolver', () => {
    const inputs = openInputs(['payments.csv'], (p) => join(work, p));
    try {
      expect(inputs.sources.map((s) => [s.name, s.size])).toEqual([['payments.csv', text.length]]);
    } finally {
      inputs.close();
    }
  });

  it('an unreadable path or a folder is an InputError naming the path as typed', () => {
    expect(() => openInputs(['payments.csv', 'missing.csv'], (p) => join(work, p))).toThrow(new InputError(`Cannot read missing.csv: ENOENT: no such file or directory, open '${join(work, 'missing.csv')}'`));
    expect(() => openInputs(['.'], () => work)).toThrow(/Cannot read \.: it is a folder/);
  });
});

describe('createOutputFile', () => {
  it('writes each chunk at once (the caller may reuse it) and names the file only on commit', () => {
    const path = join(work, 'out.iif');
    const out = createOutputFile(path);
    const chunk = new Uint8Array([0x21, 0x41]);
    out.write(chunk);
    chunk.set([0x42, 0x0d]);
    out.write(chunk);
    expect(existsSync(path)).toBe(false);
    out.commit();
    expect(readFileSync(path, 'latin1')).toBe('!AB\r');
    expect(existsSync(`${path}.partial`)).toBe(false);
  });

  it('abort leaves neither the file nor the partial one', () => {
    const path = join(work, 'aborted.iif');
    const out = createOutputFile(path);
    out.write(new Uint8Array([0x21]));
    out.abort();
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.partial`)).toBe(false);
  });

  it('a folder that does not exist is an InputError', () => {
    expect(() => createOutputFile(join(work, 'no', 'such', 'out.iif'))).toThrow(InputError);
  });
});
