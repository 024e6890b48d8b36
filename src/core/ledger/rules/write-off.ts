/**
 * Rule: a Keap `Write-off` (bad debt) becomes a CREDIT MEMO on the Credit Credit Account whose
 * line is the write-off item on the bad-debt expense account.
 */
import type { BuildContext } from '../build-context.ts';
import { writeCreditMemo } from './credit-memo.ts';
import type { MoneyRow } from './money-row.ts';

export function writeWriteOff(ctx: BuildContext, row: MoneyRow): void {
  writeCreditMemo(ctx, row, 'writeOff');
}
