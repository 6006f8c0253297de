/**
 * The FNC-1 part of `npm run eval` alone (eval/stance.ts's evaluateFnc): the test half through `verify` as
 * verify_runner.mjs calls it, beside the winners' published predictions, with the CPU time per pair (measured
 * with process.cpuUsage beside wall time: the machine is shared, so wall time says little on its own).
 * Evaluation only: run it once per chosen model, never to choose one (choose by topic CV on FNC-1 train).
 *
 *   nice npx tsx scripts/eval-fnc.ts
 */
import { loadavg } from 'node:os'
import { evaluateFnc } from '../eval/stance.js'

const cpuBefore = process.cpuUsage()
const figures = evaluateFnc()
const cpu = process.cpuUsage(cpuBefore)
const cpuSeconds = (cpu.user + cpu.system) / 1e6
const rounded = (scores: typeof figures.ours): Record<string, unknown> => ({
  fnc: +scores.fnc.toFixed(4),
  macroF1: +scores.macroF1.toFixed(4),
  accuracy: +scores.accuracy.toFixed(4),
  f1: Object.fromEntries(Object.entries(scores.f1).map(([k, v]) => [k, +v.toFixed(4)])),
})
console.log(
  JSON.stringify(
    {
      ours: rounded(figures.ours),
      peers: figures.peers.map((peer) => ({ name: peer.name, ...rounded(peer.scores) })),
      pairs: figures.pairs,
      wallSeconds: +figures.seconds.toFixed(1),
      cpuSeconds: +cpuSeconds.toFixed(1),
      cpuMsPerPair: +((cpuSeconds * 1000) / figures.pairs).toFixed(2),
      loadAverage: loadavg().map((value) => +value.toFixed(1)),
    },
    null,
    1,
  ),
)
