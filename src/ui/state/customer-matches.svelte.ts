/**
 * Keap contacts and the customers QuickBooks already has: the run's matches (applied) and
 * suggestions (applied only once accepted). The user's answers are saved in the profile
 * (`customerMatches`), so the next run, and the command line with the same profile, use them.
 */
import type { CustomerMatchRow } from '../../core/convert-types.ts';
import type { CustomerMatchDecision } from '../../core/profile/types.ts';
import type { PageConvertResult } from '../../worker/page-result.ts';
import type { ProfileEditor } from './profile-editor.svelte.ts';

export interface CustomerMatchesDeps {
  editor: ProfileEditor;
  run: { readonly result: PageConvertResult | null };
}

/** A suggestion as the screen offers it: the contact and the customers it may be. */
export interface Suggestion {
  contactKey: string;
  keapName: string;
  email: string;
  candidates: { qbName: string; reason: string }[];
}

const REASON_LABELS: Record<string, string> = {
  email: 'same e-mail on several customers',
  name: 'same name on several customers',
  'other-name': "the contact's other name",
  'one-edit-away': 'one letter apart',
};

export class CustomerMatchesState {
  readonly #deps: CustomerMatchesDeps;
  readonly rows: readonly CustomerMatchRow[];
  readonly matched = $derived.by(() => this.rows.flatMap((r) => (r.match.status === 'matched' ? [{ contactKey: r.contact.contactKey, keapName: r.contact.proposedName, qbName: r.match.qbName, by: r.match.by }] : [])));
  readonly suggestions = $derived.by((): Suggestion[] =>
    this.rows.flatMap((r) =>
      r.match.status === 'suggested'
        ? [{ contactKey: r.contact.contactKey, keapName: r.contact.proposedName, email: r.contact.email, candidates: r.match.candidates.map((c) => ({ qbName: c.qbName, reason: REASON_LABELS[c.reason] ?? c.reason })) }]
        : [],
    ),
  );

  constructor(deps: CustomerMatchesDeps) {
    this.#deps = deps;
    this.rows = $derived(deps.run.result?.customerMatches ?? []);
  }

  /** Saves the answer about one contact (the next run applies it). */
  decide(contactKey: string, qbName: string, decision: CustomerMatchDecision): void {
    const profile = this.#deps.editor.profile;
    profile.customerMatches = { ...(profile.customerMatches ?? {}), [contactKey]: { qbName, decision } };
  }

  /** Accepts the first candidate of every suggestion, or keeps every contact apart. */
  decideAll(decision: CustomerMatchDecision): void {
    const profile = this.#deps.editor.profile;
    const next = { ...(profile.customerMatches ?? {}) };
    for (const s of this.suggestions) next[s.contactKey] = { qbName: s.candidates[0]?.qbName ?? '', decision };
    profile.customerMatches = next;
  }

  /** Forgets a saved answer (the contact is matched or suggested afresh). */
  forget(contactKey: string): void {
    const profile = this.#deps.editor.profile;
    const next = { ...(profile.customerMatches ?? {}) };
    delete next[contactKey];
    profile.customerMatches = next;
  }
}
