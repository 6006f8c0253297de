import { createRequire } from 'node:module'
import type Iconv from 'iconv-lite'

const require = createRequire(import.meta.url)
let loaded: typeof Iconv | null = null

/**
 * iconv-lite, loaded on first use: most pages are UTF-8, which the built-in decoder reads, and loading its
 * tables costs each process about 20 ms of CPU.
 */
export function iconv(): typeof Iconv {
  loaded ??= require('iconv-lite') as typeof Iconv
  return loaded
}

/** Whether iconv-lite knows an encoding label; UTF-8's own labels are answered without loading it. */
export function encodingExists(label: string): boolean {
  return label === 'utf-8' || label === 'utf8' || iconv().encodingExists(label)
}
