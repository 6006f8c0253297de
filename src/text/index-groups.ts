/**
 * Disjoint groups of the indices 0..size-1 (union-find), for single-link grouping: join pairs found alike,
 * then read the groups. A group's root is its smallest index.
 */
export class IndexGroups {
  private readonly parent: number[]

  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, index) => index)
  }

  root(index: number): number {
    while (this.parent[index] !== index) index = this.parent[index] as number
    return index
  }

  /** Whether two indices are already in one group (a single link needs no more evidence then). */
  together(a: number, b: number): boolean {
    return this.root(a) === this.root(b)
  }

  join(a: number, b: number): void {
    const [x, y] = [this.root(a), this.root(b)]
    if (x !== y) this.parent[Math.max(x, y)] = Math.min(x, y)
  }

  /** The groups, each in ascending index order, ordered by their first index. */
  groups(): number[][] {
    const groups = new Map<number, number[]>()
    this.parent.forEach((_, index) => {
      const root = this.root(index)
      const group = groups.get(root)
      if (group === undefined) groups.set(root, [index])
      else group.push(index)
    })
    return [...groups.values()]
  }
}
