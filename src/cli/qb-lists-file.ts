/**
 * `--qb-lists FILE`: the QuickBooks list export (File > Utilities > Export > Lists to IIF Files),
 * read as the app reads it, so the command line leaves out the names QuickBooks has, matches
 * Keap contacts to its customers and checks every name, exactly as the app does.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readQbListsBytes } from '../core/qb/lists.ts';
import type { Profile, QbLists } from '../core/profile/types.ts';
import { InputError } from './errors.ts';
import { problem, userPath, type CliIo } from './io.ts';

/** The profile with the lists of `typed` in it (the app keeps them in the profile the same way). */
export function withQbLists(profile: Profile, typed: string, io: CliIo): { profile: Profile; lists: QbLists } {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(userPath(io, typed)));
  } catch (e) {
    throw new InputError(`Cannot read the QuickBooks lists ${typed}: ${(e as Error).message}`);
  }
  const { lists, issues } = readQbListsBytes(bytes, basename(typed));
  for (const i of issues.filter((x) => x.severity === 'error')) problem(io, `${typed}: ${i.message}`);
  const total = lists.accounts.length + lists.items.length + lists.customers.length + lists.vendors.length;
  if (total === 0) {
    throw new InputError(`${typed} holds no QuickBooks lists. In QuickBooks choose File > Utilities > Export > Lists to IIF Files, tick the lists, and give that file.`);
  }
  return { profile: { ...profile, qbLists: lists }, lists };
}
