/**
 * Worker thread of the report pool (src/report-pool.ts): reports the story parts it is sent and posts each
 * report back with the dated members. A report is a function of its part alone, so a thread needs nothing else.
 */
import { parentPort } from 'node:worker_threads'
import { reportCluster } from './analysis.js'
import type { ReportTask } from './report-pool.js'

parentPort?.on('message', ({ index, cluster, members, options }: ReportTask) => {
  parentPort?.postMessage({ index, ...reportCluster(cluster, members, options) })
})
