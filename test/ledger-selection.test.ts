import { describe, expect, it } from 'vitest'
import {
  chooseSetting,
  fHalf,
  type JoinCounts,
  precisionOf,
  sumJoins,
  withinNoiseOfBest,
} from '../eval/ledger-selection.js'

const GROUPS = 10
const all = Array.from({ length: GROUPS }, (_, i) => i)
const each = (count: (group: number) => [number, number]): JoinCounts[] =>
  all.map((group) => {
    const [correct, joined] = count(group)
    return { correct, joined, gold: 40 }
  })

// 10 right joins of 12 in every group.
const precise = each(() => [10, 12])
// One group gains 4 right and 1 wrong join, another loses 2 right ones: F0.5 a little higher, precision lower,
// and the difference comes from two groups of ten — noise.
const looser = each((group) => (group === 0 ? [14, 17] : group === 1 ? [8, 10] : [10, 12]))
// Every group gains 6 right and 2 wrong joins: better beyond noise.
const better = each(() => [16, 20])

describe('the ledger CV chooses a setting within noise of the best F0.5 by its precision', () => {
  it('takes the more precise of two settings whose F0.5 differ by less than the bootstrap sd', () => {
    expect(fHalf(sumJoins(looser))).toBeGreaterThan(fHalf(sumJoins(precise)))
    expect(precisionOf(sumJoins(precise))).toBeGreaterThan(precisionOf(sumJoins(looser)))
    expect(withinNoiseOfBest([precise, looser], all, 1)).toEqual([0, 1])
    expect(chooseSetting([precise, looser], all, 1)).toBe(0)
    expect(chooseSetting([looser, precise], all, 1)).toBe(1)
  })

  it('keeps the best F0.5 when the more precise setting is worse beyond noise', () => {
    expect(withinNoiseOfBest([precise, better], all, 1)).toEqual([1])
    expect(chooseSetting([precise, better], all, 1)).toBe(1)
  })

  it('reads only the training groups it is given', () => {
    // On the groups where the looser setting only gains, it is better beyond noise.
    const train = [0, 2, 3, 4, 5, 6, 7, 8, 9]
    expect(chooseSetting([precise, looser], train, 1)).toBe(1)
  })
})
