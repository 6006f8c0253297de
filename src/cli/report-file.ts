import { accessSync, constants } from 'node:fs'
import { rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { Readable } from 'node:stream'
import { isFolder } from './store-open.js'

/**
 * Fails at once when `--out` cannot be written, before any input is read: a batch analysed for minutes and then
 * lost to a mistyped folder is what this prevents (the rename would fail only at the end, naming the temporary
 * file). Says what is wrong with the path and what to give instead.
 */
export function checkReportTarget(out: string): void {
  if (isFolder(out))
    throw new Error(
      `cannot write the report to ${out}: it is a folder; --out takes a file name, such as ${join(out, 'report.html')}`,
    )
  const folder = dirname(resolve(out))
  if (!isFolder(folder))
    throw new Error(`cannot write the report to ${out}: there is no folder ${folder}`)
  try {
    accessSync(folder, constants.W_OK)
  } catch {
    throw new Error(`cannot write the report to ${out}: ${folder} is not writable`)
  }
}

/**
 * Writes a report beside its target and renames it, so a crash never leaves a half-written report; a write
 * that fails takes its temporary file away with it.
 */
export async function writeReportFile(out: string, chunks: Iterable<string>): Promise<void> {
  const temporary = `${out}.${process.pid}.tmp`
  try {
    await writeFile(temporary, Readable.from(chunks))
    await rename(temporary, out)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}
