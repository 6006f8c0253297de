import type { StoryClaim } from '../types.js'

/**
 * What a disputed claim is disputed on, as every report and page writes it ("date of the handover; amount"), or
 * null when it names nothing (not disputed, or a story stored before `disputedOn`).
 */
export function disputedOnLabel(claim: StoryClaim): string | null {
  const on = claim.disputedOn ?? []
  return claim.status === 'disputed' && on.length > 0 ? on.join('; ') : null
}

/**
 * A claim's status as a reader needs it: a disputed claim says what it is disputed on ("disputed (date of the
 * handover)"), since its own text may not show the contested value (the ledger joins clauses of one statement).
 */
export function claimStatus(claim: StoryClaim): string {
  const on = disputedOnLabel(claim)
  return on === null ? claim.status : `disputed (${on})`
}
