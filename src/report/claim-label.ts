import type { StoryClaim } from '../types.js'

/**
 * A claim's status as a reader needs it: a disputed claim says what it is disputed on ("disputed (date of the
 * handover)"), since its own text may not show the contested value (the ledger joins clauses of one statement).
 */
export function claimStatus(claim: StoryClaim): string {
  const on = claim.disputedOn ?? []
  return claim.status === 'disputed' && on.length > 0 ? `disputed (${on.join('; ')})` : claim.status
}
