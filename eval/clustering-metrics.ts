/** B-cubed and pairwise precision/recall/F1 of a clustering against gold labels (per-document lists). */
export interface ClusterScores {
  b3: { precision: number; recall: number; f1: number }
  pairwise: { precision: number; recall: number; f1: number }
}

export function scoreClustering(gold: string[], predicted: string[]): ClusterScores {
  const n = gold.length
  const members = (labels: string[]): Map<string, number[]> => {
    const map = new Map<string, number[]>()
    labels.forEach((label, index) => map.set(label, [...(map.get(label) ?? []), index]))
    return map
  }
  const goldMembers = members(gold)
  const predictedMembers = members(predicted)
  let precisionSum = 0
  let recallSum = 0
  for (let index = 0; index < n; index++) {
    const same = predictedMembers.get(predicted[index] as string) ?? []
    const truth = goldMembers.get(gold[index] as string) ?? []
    const correct = same.filter((other) => gold[other] === gold[index]).length
    precisionSum += correct / same.length
    recallSum += correct / truth.length
  }
  const pairs = (map: Map<string, number[]>): number =>
    [...map.values()].reduce((sum, list) => sum + (list.length * (list.length - 1)) / 2, 0)
  let truePairs = 0
  for (const list of predictedMembers.values()) {
    const counts = new Map<string, number>()
    for (const index of list)
      counts.set(gold[index] as string, (counts.get(gold[index] as string) ?? 0) + 1)
    for (const count of counts.values()) truePairs += (count * (count - 1)) / 2
  }
  return {
    b3: prf(precisionSum / n, recallSum / n),
    pairwise: prf(
      truePairs / Math.max(1, pairs(predictedMembers)),
      truePairs / Math.max(1, pairs(goldMembers)),
    ),
  }
}

function prf(precision: number, recall: number): { precision: number; recall: number; f1: number } {
  return {
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
  }
}
