import { describe, expect, it } from 'vitest';
import { defaultProfile } from '../../src/core/profile/defaults.ts';
import { validateProfile } from '../../src/core/profile/validate.ts';

/** A saved profile as JSON, with extra top-level fields. */
function saved(extra: Record<string, unknown>): unknown {
  return JSON.parse(JSON.stringify({ ...defaultProfile('Saved'), ...extra }));
}

describe('validateProfile: customerMatches', () => {
  it('keeps a profile saved before customer matching valid, with no choices', () => {
    // The default profile has no customerMatches field, as profiles saved before it had none.
    const older = saved({});
    expect(older).not.toHaveProperty('customerMatches');
    const result = validateProfile(older);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.profile.customerMatches).toBeUndefined();
      expect(result.warnings).toEqual([]);
    }
  });

  it('reads accepted and rejected choices, trimming the QuickBooks name', () => {
    const result = validateProfile(
      saved({
        customerMatches: {
          '1042': { qbName: ' Doe, Jane ', decision: 'accepted' },
          'name:jane|dow||': { qbName: 'Jane Dow', decision: 'rejected' },
        },
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      profile: {
        customerMatches: {
          '1042': { qbName: 'Doe, Jane', decision: 'accepted' },
          'name:jane|dow||': { qbName: 'Jane Dow', decision: 'rejected' },
        },
      },
    });
  });

  it('survives a save and load unchanged', () => {
    const first = validateProfile(saved({ customerMatches: { 7: { qbName: 'Acme, Inc.', decision: 'accepted' } } }));
    if (!first.ok) throw new Error(first.errors.join(' '));
    const again = validateProfile(JSON.parse(JSON.stringify(first.profile)));
    expect(again).toEqual(first);
  });

  it.each<[string, unknown, string]>([
    ['not an object', ['1042'], '"customerMatches" must be an object keyed by Keap contact id.'],
    ['an unknown decision', { 1042: { qbName: 'Doe, Jane', decision: 'maybe' } }, 'The customer match of Keap contact "1042" needs a "qbName"'],
    ['no decision', { 1042: { qbName: 'Doe, Jane' } }, 'The customer match of Keap contact "1042" needs'],
    ['an empty QuickBooks name', { 1042: { qbName: '  ', decision: 'accepted' } }, 'The customer match of Keap contact "1042" needs'],
    ['a QuickBooks name that is not text', { 1042: { qbName: 12, decision: 'accepted' } }, 'The customer match of Keap contact "1042" needs'],
    ['an entry that is not an object', { 1042: 'Doe, Jane' }, 'The customer match of Keap contact "1042" needs'],
    ['an empty contact key', { ' ': { qbName: 'Doe, Jane', decision: 'accepted' } }, 'The customer match of Keap contact " " needs'],
  ])('refuses the profile for %s', (_what, customerMatches, message) => {
    const result = validateProfile(saved({ customerMatches }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toContain(message);
  });

  it('keeps a "__proto__" contact key as data, never as the prototype', () => {
    const json = JSON.parse(`{"customerMatches": {"__proto__": {"qbName": "Doe, Jane", "decision": "accepted"}}}`) as Record<string, unknown>;
    const result = validateProfile({ ...(saved({}) as Record<string, unknown>), customerMatches: json.customerMatches });
    if (!result.ok) throw new Error(result.errors.join(' '));
    const matches = result.profile.customerMatches!;
    expect(Object.getPrototypeOf(matches)).toBe(Object.prototype);
    expect(Object.hasOwn(matches, '__proto__')).toBe(true);
    expect(Object.keys(matches)).toEqual(['__proto__']);
  });
});
