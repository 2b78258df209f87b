/** What a gate shows after a scan. Entry verdicts first, then exit verdicts. */
export const VERDICTS = ['admitted', 're-entry', 'already-inside', 'not-valid-yet', 'expired', 'revoked', 'invalid', 'exited', 'not-inside'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Verdicts that move someone in or out: these feed the tallies. */
export const MOVING_VERDICTS: readonly Verdict[] = ['admitted', 're-entry', 'exited'];

export type Direction = 'in' | 'out';
