// The progress line: on a terminal only, redrawn in place, throttled, cleared at the end.
import { describe, expect, it } from 'vitest';
import type { ConvertProgress } from '../../src/core/convert.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { progressText, REDRAW_MS, startProgress } from '../../src/cli/progress.ts';

function fakeIo(terminal: boolean, columns = 200) {
  let clock = 0;
  const writes: string[] = [];
  const io: CliIo = {
    stdout: () => {},
    stderr: (s) => writes.push(s),
    stderrIsTerminal: terminal,
    terminalColumns: columns,
    cwd: '/',
    now: () => clock,
  };
  return { io, writes, advance: (ms: number) => (clock += ms) };
}

const at = (phase: ConvertProgress['phase'], rows: number, bytesRead = 16_400_000): ConvertProgress => ({ phase, fraction: 0.37, bytesRead, bytesTotal: 32_800_000, rows });

describe('progress line', () => {
  it('says the phase, bytes read, rows and how far along', () => {
    expect(progressText(at('reading', 210_345))).toBe('reading: 16.4 of 32.8 MB, 210,345 rows (37%)');
  });

  it('redraws with \\r at most every REDRAW_MS, at once when the phase changes, and clears at the end', () => {
    const { io, writes, advance } = fakeIo(true);
    const line = startProgress(io);
    line.update(at('reading', 1));
    line.update(at('reading', 2)); // too soon: skipped
    advance(REDRAW_MS);
    line.update(at('reading', 3));
    line.update(at('building', 3)); // new phase: drawn at once
    line.finish();
    expect(writes).toEqual([
      '\r\u001b[2Kkeap2iif reading: 16.4 of 32.8 MB, 1 rows (37%)',
      '\r\u001b[2Kkeap2iif reading: 16.4 of 32.8 MB, 3 rows (37%)',
      '\r\u001b[2Kkeap2iif building: 16.4 of 32.8 MB, 3 rows (37%)',
      '\r\u001b[2K',
    ]);
  });

  it('fits a narrow terminal, so \\r can redraw the one line', () => {
    const { io, writes } = fakeIo(true, 30);
    startProgress(io).update(at('reading', 123_456_789));
    expect(writes[0]!.replace('\r\u001b[2K', '')).toHaveLength(29);
  });

  it('writes nothing when stderr is not a terminal', () => {
    const { io, writes } = fakeIo(false);
    const line = startProgress(io);
    line.update(at('reading', 1));
    line.finish();
    expect(writes).toEqual([]);
  });
});
