// Reading files in pieces: a record, a character or a line end cut by the end of a piece reads
// exactly as the whole file does; UTF-8 that turns out invalid late starts the file again as
// Windows-1252; a record too long to keep is set aside without holding the rest of the file.
import { readFileSync, readdirSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { dayOf } from '../../src/core/dates.ts';
import { MAX_RECORD_CHARS } from '../../src/core/keap/read-csv.ts';
import { OversizedRecord } from '../../src/core/keap/oversized-record.ts';
import { readFiles } from '../../src/core/keap/read-files.ts';
import type { ReadStage } from '../../src/core/keap/tables.ts';
import { bytesSource } from '../../src/core/source.ts';
import { decodeWindows1252ByTable } from '../../src/core/text/windows-1252.ts';
import { pieceDecoder } from '../../src/core/text/piece-decoder.ts';
import { readAll, readOne, tableRows, type NamedBytes } from '../support/read.ts';

const HEADER = 'PaymentId,InvoiceId,PayDate,PayType,PayAmt,PayNote\r\n';

/** A payments export of `rows` plain rows (about 50 bytes each, payment ids from `firstId`), then `tail`. */
function payments(rows: number, tail = '', firstId = 5000): string {
  let text = HEADER;
  for (let i = 0; i < rows; i++) text += `${firstId + i},${1000 + i},2024-03-20 10:00:00,Check,${i}.50,plain note ${i}\r\n`;
  return text + tail;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Everything a read produces, as plain data. */
function snapshot(stage: ReadStage) {
  return { rows: tableRows(stage.tables), issues: stage.issues, reports: stage.files.map((f) => f.report), setAside: stage.files.map((f) => [...f.setAsideRows]) };
}

/** Reads with pieces of `pieceBytes` and checks the result equals reading the file in one piece. */
function readsLikeWhole(files: NamedBytes[], pieceBytes: number): ReadStage {
  const whole = readAll(files, { pieceBytes: 1 << 30 });
  const pieces = readAll(files, { pieceBytes });
  expect(snapshot(pieces)).toEqual(snapshot(whole));
  return pieces;
}

describe('records cut by the end of a piece', () => {
  const tail = '9001,2001,2024-03-21,Check,1.00,"two\nlines, ""quoted"""\r\n9002,2002,2024-03-22,PayPal,2.00,Zoë\r\n9003,2003,2024-03-23,Cash,3.00,last\r\n';
  const bytes = utf8(payments(120, tail));
  const at = (text: string) => {
    const i = Buffer.from(bytes).indexOf(text);
    expect(i).toBeGreaterThan(4096); // past the head the reader gathers before parsing
    return i;
  };

  it('a quoted line break exactly at the end of a piece', () => {
    const lineBreak = at('two\nlines') + 3;
    for (const pieceBytes of [lineBreak, lineBreak + 1]) {
      const stage = readsLikeWhole([{ name: 'p.csv', bytes }], pieceBytes);
      const p = stage.tables.payments;
      expect(p.note(120)).toBe('two\nlines, "quoted"');
      expect(p.sheetRow(121)).toBe(123);
    }
  });

  it('a multi-byte UTF-8 character cut between two pieces', () => {
    const e = at('ë'); // C3 AB in UTF-8
    expect(bytes[e]).toBe(0xc3);
    const stage = readsLikeWhole([{ name: 'p.csv', bytes }], e + 1);
    expect(stage.tables.payments.note(121)).toBe('Zoë');
    expect(stage.files[0]!.report.encoding).toBe('utf-8');
  });

  it('a CRLF cut between its CR and its LF', () => {
    const cr = at('last\r\n') + 4;
    expect(bytes[cr]).toBe(0x0d);
    const stage = readsLikeWhole([{ name: 'p.csv', bytes }], cr + 1);
    expect(stage.files[0]!.report).toMatchObject({ rowsRead: 123, rowsBlank: 0 });
    expect(stage.tables.payments.note(122)).toBe('last');
  });

  it.each([1, 2, 3, 7, 64, 1000, 4095, 4097, 4099, 5003])('every record reads the same with pieces of %i bytes', (pieceBytes) => {
    const stage = readsLikeWhole([{ name: 'p.csv', bytes }], pieceBytes);
    expect(stage.tables.payments.count).toBe(123);
  });

  it('the encoding fixtures (UTF-16 with and without BOM, CR only, sep= line) read the same in pieces of 1 and 3 bytes', () => {
    const dir = new URL('../fixtures/encodings/', import.meta.url);
    const files = readdirSync(dir).sort().map((name) => ({ name, bytes: new Uint8Array(readFileSync(new URL(name, dir))) }));
    for (const pieceBytes of [1, 3]) readsLikeWhole(files, pieceBytes);
  });

  it('a quote error and ragged rows after the first piece are on the right rows', () => {
    const text = payments(100, '9001,2001,2024-03-21,Check,1.00,ok,extra\r\n9002,2002,2024-03-22,Check,2.00,"never closed\r\n9003,2003,2024-03-23,Cash,3.00,x\r\n');
    const stage = readsLikeWhole([{ name: 'p.csv', bytes: utf8(text) }], 97);
    expect(stage.issues.map((i) => [i.code, i.row])).toEqual([
      ['csv.ragged-row', 102],
      ['csv.quotes', 103],
    ]);
    // The unclosed quote swallows the rest of the file into its row.
    expect(stage.files[0]!.report).toMatchObject({ rowsRead: 102, rowsSetAside: 2, rowsConverted: 100 });
  });
});

describe('encodings found late', () => {
  it('starts the file again as Windows-1252 when invalid UTF-8 comes after the first pieces', () => {
    const bytes = Uint8Array.from(payments(200, '9001,2001,2024-03-21,Check,1.00,Ren\xe9e\r\n'), (c) => c.charCodeAt(0));
    const progress: number[] = [];
    const stage = readFiles([bytesSource('late.csv', bytes)], [], (read) => progress.push(read), { pieceBytes: 1024 });
    expect(stage.files[0]!.report).toMatchObject({ encoding: 'windows-1252', rowsRead: 201, rowsConverted: 201 });
    expect(stage.issues.map((i) => i.code)).toEqual(['file.encoding-fallback']);
    expect(stage.tables.payments.count).toBe(201);
    expect(stage.tables.payments.note(200)).toBe('Renée');
    // Progress never goes back while the file is read again.
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress[progress.length - 1]).toBe(bytes.length);
  });

  it('a file read again keeps the rows of the files before it, and its own rows once', () => {
    const before = utf8(payments(3, '', 1));
    const late = Uint8Array.from(payments(200, '9001,2001,2024-03-21,Check,1.00,caf\xe9\r\n'), (c) => c.charCodeAt(0));
    const stage = readAll([{ name: 'a.csv', bytes: before }, { name: 'b.csv', bytes: late }], { pieceBytes: 512 });
    const p = stage.tables.payments;
    expect(p.count).toBe(204);
    expect([p.fileIndex(0), p.fileIndex(2), p.fileIndex(3), p.fileIndex(203)]).toEqual([0, 0, 1, 1]);
    expect(p.note(203)).toBe('café');
  });

  it('decodes Windows-1252 as the table says, whatever the runtime decoder does', () => {
    const all = Uint8Array.from({ length: 256 }, (_, b) => b);
    expect(pieceDecoder('windows-1252').decode(all, true)).toBe(decodeWindows1252ByTable(all));
    expect(pieceDecoder('windows-1252').decode(Uint8Array.of(0x80, 0x92, 0x9f), true)).toBe('\u20ac\u2019\u0178');
  });

  it('refuses a file whose NUL bytes come after the first pieces, keeping none of its rows', () => {
    const bytes = utf8(payments(200, '9001,2001,2024-03-21,Check,1.00,\0\r\n'));
    const stage = readAll([{ name: 'ok.csv', bytes: utf8(payments(2)) }, { name: 'nul.csv', bytes }], { pieceBytes: 1024 });
    expect(stage.files[1]!.report).toMatchObject({ refused: true, kind: null, rowsRead: 0 });
    expect(stage.issues.map((i) => [i.code, i.file])).toEqual([['file.nul-bytes', 'nul.csv']]);
    expect(stage.tables.payments.count).toBe(2);
  });
});

describe('records too long to keep', () => {
  it('a quote never closed: the rest of the file is one row, set aside, never held whole', () => {
    const rest = 'x'.repeat(MAX_RECORD_CHARS + 1000);
    const bytes = utf8(payments(3, `9001,2001,2024-03-21,Check,1.00,"${rest}\r\n9002,2002,2024-03-22,Check,2.00,y\r\n`));
    const { file, issues, tables } = readOne('open.csv', bytes);
    expect(issues.map((i) => [i.code, i.row])).toEqual([['csv.quotes', 5]]);
    expect(issues[0]!.message).toContain('never closed');
    expect(file.report).toMatchObject({ rowsRead: 4, rowsSetAside: 1, rowsConverted: 3 });
    expect(tables.payments.count).toBe(3);
  });

  it('a closed cell longer than any record: that row is set aside, the rows after it are read', () => {
    const huge = 'x'.repeat(MAX_RECORD_CHARS + 1000);
    const bytes = utf8(payments(3, `9001,2001,2024-03-21,Check,1.00,"${huge}"\r\n9002,2002,2024-03-22,Check,2.00,y\r\n`));
    const { file, issues, tables } = readOne('long.csv', bytes);
    expect(issues.map((i) => [i.code, i.file, i.row])).toEqual([['file.too-large-field', 'long.csv', 5]]);
    expect(file.report).toMatchObject({ rowsRead: 5, rowsSetAside: 1, rowsConverted: 4 });
    expect(tables.payments.note(3)).toBe('y');
    expect(tables.payments.sheetRow(3)).toBe(6);
  });
});

describe('finding the end of a record too long to keep', () => {
  /** Scans `parts` one after another: [part, index after the record's line end], or how it ended without one. */
  function endOf(parts: readonly string[], lineEnd: '\r\n' | '\n' | '\r' = '\r\n'): [number, number] | 'unterminated' | 'open' {
    const scan = new OversizedRecord(0x2c, lineEnd);
    for (let k = 0; k < parts.length; k++) {
      const end = scan.scan(parts[k]!);
      if (end >= 0) return [k, end];
    }
    return scan.unterminated ? 'unterminated' : 'open';
  }

  it.each([
    ['a plain record', ['a,b,c\r\nnext'], [0, 7]],
    ['a line break inside quotes', ['a,"b\r\n', 'c",d\r\nx'], [1, 6]],
    ['an escaped quote', ['a,"say ""hi\r\n""",d\r\n'], [0, 20]],
    ['spaces after a closing quote', ['"a"  ,"b"  \r\n'], [0, 13]],
    ['a CRLF cut between two parts', ['a,b\r', '\nc'], [1, 1]],
    ['a quote inside an unquoted cell is plain text', ['ab"c,d\r\n'], [0, 8]],
    ['text after a closing quote keeps the cell open', ['"a"b,c\r\nd"\r\n'], [0, 12]],
  ] as const)('%s', (_label, parts, expected) => {
    expect(endOf(parts)).toEqual(expected);
    // Where papaparse ends the same record.
    const joined = parts.join('');
    const [part, end] = expected;
    const offset = parts.slice(0, part).join('').length + end;
    const parsed = new Papa.Parser({ delimiter: ',', newline: '\r\n', preview: 1, fastMode: false }).parse(joined, 0, false) as Papa.ParseResult<string[]>;
    expect(parsed.meta.cursor).toBe(offset);
  });

  it('tells a quote never closed from a record cut short by the end of the file', () => {
    expect(endOf(['a,"b\r\nc'])).toBe('unterminated');
    expect(endOf(['a,"b"'])).toBe('open');
    expect(endOf(['a,b'])).toBe('open');
  });

  it("follows the file's line end", () => {
    expect(endOf(['a\rb\nc'], '\n')).toEqual([0, 4]);
    expect(endOf(['a\nb\rc'], '\r')).toEqual([0, 4]);
    expect(endOf(['a\nb\r\n'], '\r\n')).toEqual([0, 5]);
  });
});

describe('the reading stage', () => {
  it('reports bytes and rows read as it goes, ending at the totals', () => {
    const files = [utf8(payments(300)), utf8(payments(50))];
    const calls: [number, number][] = [];
    const stage = readFiles(files.map((b, i) => bytesSource(`p${i}.csv`, b)), [], (bytes, rows) => calls.push([bytes, rows]), { pieceBytes: 4096 });
    expect(calls.length).toBeGreaterThan(4);
    for (let k = 1; k < calls.length; k++) {
      expect(calls[k]![0]).toBeGreaterThanOrEqual(calls[k - 1]![0]);
      expect(calls[k]![1]).toBeGreaterThanOrEqual(calls[k - 1]![1]);
    }
    expect(calls[calls.length - 1]).toEqual([files[0]!.length + files[1]!.length, 350]);
    expect(stage.files.map((f) => f.report.rowsRead)).toEqual([300, 50]);
  });

  it('names a second file of the same name "name (2)"', () => {
    const a = utf8('InvoiceId,PayDate,PayType,PayAmt\n1,2024-03-20,Check,1.00\n');
    const b = utf8('InvoiceId,PayDate,PayType,PayAmt\n2,2024-03-21,Check,x\n');
    const stage = readAll([{ name: 'p.csv', bytes: a }, { name: 'p.csv', bytes: b }, { name: 'p.csv', bytes: b }]);
    expect(stage.tables.files).toEqual(['p.csv', 'p.csv (2)', 'p.csv (3)']);
    expect(stage.issues.map((i) => i.file)).toEqual(['p.csv (2)', 'p.csv (3)']);
    expect(stage.tables.payments.date(0)).toBe(dayOf('2024-03-20'));
  });
});
