import { expect, test } from 'vitest'
import { bipartition } from './bipartition.js'

/** Similarities of items in blocks: `within` inside a block, `across` between blocks. */
function blocks(sizes: number[], within: number, across: number): number[][] {
  const block = sizes.flatMap((size, index) => Array<number>(size).fill(index))
  return block.map((a) => block.map((b) => (a === b ? within : across)))
}

test('two events of unequal size are cut apart, not an outlier from the rest', () => {
  const similarity = blocks([4, 7], 0.4, 0.02)
  // An item with almost no names in common with anything: agglomeration would leave it as the second group.
  const withOutlier = [...similarity.map((row) => [...row, 0.01]), [...Array(11).fill(0.01), 1]]
  const groups = bipartition(withOutlier, 3)
  expect(groups).not.toBeNull()
  const [first, second] = groups as [number[], number[]]
  const sides = [first, second].map((group) =>
    group.filter((item) => item < 11).sort((a, b) => a - b),
  )
  expect(sides.map((side) => side.length).sort()).toEqual([4, 7])
  expect(sides.find((side) => side.length === 4)).toEqual([0, 1, 2, 3])
})

test('no side is smaller than asked, and too few items give no cut', () => {
  const groups = bipartition(blocks([1, 8], 0.5, 0.01), 3)
  expect(groups).not.toBeNull()
  for (const group of groups as [number[], number[]]) expect(group.length).toBeGreaterThanOrEqual(3)
  expect(bipartition(blocks([2, 3], 0.5, 0.01), 3)).toBeNull()
})
