import { describe, expect, it } from 'vitest'
import { FeatureRows } from './feature-rows.js'

const names = ['bias', 'w=said', 'p=said', 'w=told', 'pw=a|b', 'pw=|||x', 'pw=a|b|c', 's=Xx']
const rows = new FeatureRows(names)
const index = (name: string): number => names.indexOf(name)

describe('FeatureRows', () => {
  it('finds a feature by its template and value id, and misses what the model lacks', () => {
    expect(rows.table('w')[rows.valueId('said')]).toBe(index('w=said'))
    expect(rows.table('p')[rows.valueId('said')]).toBe(index('p=said'))
    expect(rows.table('p')[rows.valueId('told')]).toBe(-1)
    expect(rows.table('bias')[rows.valueId('')]).toBe(index('bias'))
    expect(rows.valueId('never')).toBe(-1)
    expect(rows.table('unknown')[rows.valueId('said')]).toBe(-1)
  })

  it('finds a two-part value by its parts however a "|" inside them splits it', () => {
    const pairs = rows.pairs('pw')
    const id = (value: string): number => rows.valueId(value)
    expect(pairs.get(id('a'), id('b'))).toBe(index('pw=a|b'))
    expect(pairs.get(id('|'), id('|x'))).toBe(index('pw=|||x'))
    expect(pairs.get(id('||'), id('x'))).toBe(index('pw=|||x'))
    expect(pairs.get(id('a|b'), id('c'))).toBe(index('pw=a|b|c'))
    expect(pairs.get(id('a'), id('b|c'))).toBe(index('pw=a|b|c'))
    expect(pairs.get(id('b'), id('a'))).toBe(-1)
    expect(pairs.get(id('a'), -1)).toBe(-1)
    expect(rows.pairs('s').get(id('a'), id('b'))).toBe(-1)
  })

  it('holds many pairs without losing one', () => {
    const many = Array.from({ length: 5000 }, (_, k) => `pw=${k % 71}|${k}`)
    const big = new FeatureRows(many)
    const pairs = big.pairs('pw')
    for (let k = 0; k < 5000; k++)
      expect(pairs.get(big.valueId(`${k % 71}`), big.valueId(`${k}`))).toBe(k)
    expect(pairs.get(big.valueId('1'), big.valueId('2'))).toBe(-1)
  })
})
