/**
 * What every accounting rule shares: the profile, the name registry, the transaction store,
 * set-asides and issues, and the helpers that clean Keap text and set a record aside with its
 * reason.
 */
import { dayOf, type Day } from '../dates.ts';
import { issue, type Issue } from '../issues.ts';
import { cleanIifText, isCleanIifText, type Cleaned } from '../iif/sanitize.ts';
import type { SourceRef } from '../keap/model.ts';
import type { Cents } from '../money.ts';
import { defaultPayTypeMapping, goesThroughKeapPayments } from '../profile/defaults.ts';
import type { PayTypeAction, PayTypeMapping, Profile } from '../profile/types.ts';
import type { MoneyKind } from '../report.ts';
import type { CustomerDef } from './model.ts';
import { NameRegistry } from './registry.ts';
import type { TransactionStore } from './store.ts';

const MEMO_LIMIT = 4095;

/** A Keap record (or group) that could not be written, with its money for reconciliation. */
export interface SetAside {
  kind: MoneyKind;
  amount: Cents;
  sources: SourceRef[];
  code: Issue['code'];
}

export type MoneyInput = Record<MoneyKind, { amount: Cents; count: number }>;

export interface BuildContext {
  profile: Profile;
  reg: NameRegistry;
  issues: Issue[];
  /** Where built transactions go. */
  store: TransactionStore;
  setAside: SetAside[];
  /** Money read from the files per kind (independent of what was written). */
  input: MoneyInput;
  customers: Map<string, CustomerDef>;
  /** Payment rows already written inside a cash sale. */
  consumedPayments: Set<number>;
  /**
   * Deposit files are among the files: payments of the pay types that go through Keap Payments
   * land in the clearing account (and their refunds are paid from it).
   */
  keapPayments: boolean;
  /** Payment rows written (as a PAYMENT or inside a CASH SALE): their transaction, and whether it landed in the clearing account. */
  writtenPayments: Map<number, { txn: number; clearing: boolean }>;
  /** Keap payment ids found in the deposit files (a refund carried by a deposit was paid through Keap Payments). */
  depositedPaymentIds: Set<string>;
  /** True when money of this pay type lands in the Keap Payments clearing account in this run. */
  viaClearing(payType: string): boolean;
  /** Where money in of this pay type lands: the clearing account (see viaClearing), else the mapped deposit account. */
  moneyInAccount(payType: string, amount: Cents): string;
  inRange(d: Day): boolean;
  /** The mapping of a pay type (the profile's, else the default for its sign). */
  payTypeMapping(payType: string, amount: Cents): PayTypeMapping;
  /** What a payment row stands for (a negative "payment" is money going back). */
  actionOf(payType: string, amount: Cents): PayTypeAction;
  memo(text: string): string;
  /** Cleans a Keap text for the file, warning once per row and column when it had to change. */
  keapText(text: string, src: SourceRef, column: string): string;
  /** Sets a record aside: counted in the totals as set aside, with an issue saying why. */
  refuse(kind: MoneyKind, amount: Cents, sources: SourceRef[], code: Issue['code'], severity: Issue['severity'], message: string): void;
}

const CLEANED_CACHE_LIMIT = 1 << 12;
const CACHED_TEXT_LIMIT = 200;

/**
 * Cleans a text for a memo. The texts that need changing are mostly the same few again (a
 * product name with a `;`, on every line of that product): each is cleaned once, and every
 * line shares the one cleaned copy.
 */
function memoCleaner(): (text: string) => Cleaned {
  const cleaned = new Map<string, Cleaned>();
  return (text) => {
    if (text.length <= MEMO_LIMIT && isCleanIifText(text)) return { text, replaced: false, truncated: false };
    const known = cleaned.get(text);
    if (known !== undefined) return known;
    const c = cleanIifText(text, MEMO_LIMIT);
    // Long texts are notes, each its own: keeping them would only hold memory.
    if (text.length > CACHED_TEXT_LIMIT) return c;
    if (cleaned.size >= CLEANED_CACHE_LIMIT) cleaned.clear();
    cleaned.set(text, c);
    return c;
  };
}

export function createBuildContext(profile: Profile, store: TransactionStore, keapPayments = false): BuildContext {
  const opts = profile.options;
  const from = opts.dateFrom ? dayOf(opts.dateFrom) : -Infinity;
  const to = opts.dateTo ? dayOf(opts.dateTo) : Infinity;
  const payTypeMapping = (payType: string, amount: Cents): PayTypeMapping => profile.payTypes[payType] ?? defaultPayTypeMapping(payType, amount);
  const issues: Issue[] = [];
  const setAside: SetAside[] = [];
  const warnedText = new Set<string>();
  const cleanMemo = memoCleaner();
  const reg = new NameRegistry(profile);
  const viaClearing = (payType: string) => keapPayments && goesThroughKeapPayments(profile, payType);
  return {
    profile,
    reg,
    issues,
    store,
    setAside,
    input: {
      sales: { amount: 0, count: 0 },
      returns: { amount: 0, count: 0 },
      payments: { amount: 0, count: 0 },
      refunds: { amount: 0, count: 0 },
      credits: { amount: 0, count: 0 },
      writeOffs: { amount: 0, count: 0 },
      deposits: { amount: 0, count: 0 },
    },
    customers: new Map(),
    consumedPayments: new Set(),
    keapPayments,
    writtenPayments: new Map(),
    depositedPaymentIds: new Set(),
    viaClearing,
    moneyInAccount: (payType, amount) => (viaClearing(payType) ? reg.clearingAccount() : reg.depositAccount(payTypeMapping(payType, amount).account)),
    inRange: (d) => d >= from && d <= to,
    payTypeMapping,
    actionOf: (payType, amount) => {
      const m = payTypeMapping(payType, amount);
      return m.action === 'payment' && amount < 0 ? 'refund' : m.action;
    },
    memo: (text) => cleanMemo(text).text,
    keapText: (text, src, column) => {
      const c = cleanMemo(text);
      // Plain ASCII needs no warning (tabs and line breaks in notes are expected).
      if (/^[\x09\x0a\x0d\x20-\x7e]*$/.test(text) && !c.truncated) return c.text;
      const key = `${src.file}\u0000${src.row}\u0000${column}`;
      if (warnedText.has(key)) return c.text;
      const outside = [...text].some((ch) => {
        const code = ch.codePointAt(0)!;
        return (code > 0xff || (code >= 0x80 && code < 0xa0)) && !cleanIifText(ch).text.includes(ch);
      });
      if (c.truncated) {
        warnedText.add(key);
        issues.push(issue('text.truncated', 'warning', `The ${column} text is longer than the ${MEMO_LIMIT} characters QuickBooks keeps in a memo; it was shortened.`, { file: src.file, row: src.row, column }));
      } else if (outside) {
        warnedText.add(key);
        issues.push(issue('text.replaced', 'warning', `The ${column} text holds characters QuickBooks Desktop cannot store (outside Windows-1252, such as emoji or CJK); they were replaced: "${c.text.slice(0, 60)}".`, { file: src.file, row: src.row, column, raw: text.slice(0, 200) }));
      }
      return c.text;
    },
    refuse: (kind, amount, sources, code, severity, message) => {
      setAside.push({ kind, amount, sources, code });
      const first = sources[0];
      issues.push(issue(code, severity, message, first ? { file: first.file, row: first.row } : {}));
    },
  };
}
