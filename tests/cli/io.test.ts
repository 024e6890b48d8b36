// Where relative paths are taken from, and what reaches stderr on and off a terminal.
import { describe, expect, it } from 'vitest';
import { note, problem, userFolder, userPath, type CliIo } from '../../src/cli/io.ts';

describe('userFolder', () => {
  it.each([
    ['npm run cli: the folder npm was started in', { npm_lifecycle_event: 'cli', npm_package_name: 'keap2iif', INIT_CWD: '/home/me/exports' }, '/home/me/exports'],
    ['run directly', {}, '/pkg'],
    ['inside another npm script (a test run): its INIT_CWD is not the user\'s folder', { npm_lifecycle_event: 'test', npm_package_name: 'keap2iif', INIT_CWD: '/elsewhere' }, '/pkg'],
    ['another package\'s script called cli', { npm_lifecycle_event: 'cli', npm_package_name: 'other', INIT_CWD: '/elsewhere' }, '/pkg'],
  ])('%s', (_what, env, expected) => {
    expect(userFolder(env, '/pkg')).toBe(expected);
  });

  it('userPath resolves relative paths from it and keeps absolute ones', () => {
    expect(userPath({ cwd: '/home/me' }, 'a/b.csv')).toBe('/home/me/a/b.csv');
    expect(userPath({ cwd: '/home/me' }, '/tmp/b.csv')).toBe('/tmp/b.csv');
  });
});

describe('note and problem', () => {
  it('a note reaches a terminal only; a problem always', () => {
    for (const terminal of [true, false]) {
      let err = '';
      const io: CliIo = { stdout: () => {}, stderr: (s) => (err += s), stderrIsTerminal: terminal, terminalColumns: 80, cwd: '/', now: () => 0 };
      note(io, 'a note');
      problem(io, 'a problem');
      expect(err).toBe(terminal ? 'a note\na problem\n' : 'a problem\n');
    }
  });
});
