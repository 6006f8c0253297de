/**
 * Hostile inputs, as whole CLI processes (npm run bench): each case is a directory or path a hostile world could
 * hand corroborate, next to a good article (the canary) that must come out whatever happens to the rest; then
 * random mutations of the bundled example (bytes flipped, cut, repeated); then two ingests into one store at
 * once against the same ingests one after the other. Prints inputs tried, crashes, hangs, articles lost, time
 * and peak memory per case. Figures only: nothing here asserts.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import Database from 'better-sqlite3'

const ROOT = new URL('..', import.meta.url).pathname
const CLI = join(ROOT, 'bin/corroborate.js')
const EXAMPLE = join(ROOT, 'examples/aurus-gift')
const TIMEOUT_MS = 120_000
const WORK = mkdtempSync(join(tmpdir(), 'corroborate-hostile-'))

interface Run {
  status: number | null
  hung: boolean
  seconds: number
  peakMiB: number
  stdout: string
  stderr: string
}

/** One CLI process under GNU time (peak memory), killed after TIMEOUT_MS (a hang). */
function cli(args: string[]): Run {
  const started = performance.now()
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    timeout: TIMEOUT_MS,
    killSignal: 'SIGKILL',
  })
  const lines = (result.stderr ?? '').trim().split('\n')
  return {
    status: result.status,
    hung: result.error !== undefined || result.signal === 'SIGKILL',
    seconds: (performance.now() - started) / 1000,
    peakMiB: Number(lines.at(-1)) / 1024 || 0,
    stdout: result.stdout ?? '',
    stderr: lines.slice(0, -1).join('\n'),
  }
}

const canary = readFileSync(join(EXAMPLE, readdirSync(EXAMPLE).sort()[0] as string))
const STORY =
  'Officials said on Monday that the bridge over the river would reopen after repairs, ending weeks of detours for commuters in the city. '

/** A fresh directory holding the canary article. */
function caseDir(name: string): string {
  const dir = join(WORK, name)
  mkdirSync(dir)
  writeFileSync(join(dir, 'canary.txt'), canary)
  return dir
}

interface Case {
  name: string
  /** Paths to analyse, and how many articles must come out of them. */
  make: () => { inputs: string[]; articles: number }
}

const CASES: Case[] = [
  {
    name: 'FIFO inside a directory',
    make: () => {
      const dir = caseDir('fifo')
      execFileSync('mkfifo', [join(dir, 'pipe.html')])
      return { inputs: [dir], articles: 1 }
    },
  },
  {
    name: '/dev/zero and /dev/urandom given as inputs',
    make: () => ({ inputs: [caseDir('devices'), '/dev/zero', '/dev/urandom'], articles: 1 }),
  },
  {
    name: 'links to . and .. in a directory',
    make: () => {
      const dir = caseDir('links')
      mkdirSync(join(dir, 'sub'))
      symlinkSync('.', join(dir, 'sub', 'self'))
      symlinkSync('..', join(dir, 'sub', 'parent'))
      return { inputs: [dir], articles: 1 }
    },
  },
  {
    name: 'gzip of 0.1 MB inflating to 120 MiB of HTML',
    make: () => {
      const dir = caseDir('gzip-bomb')
      const page = Buffer.alloc(120 * 1024 * 1024, '<p>x</p>')
      writeFileSync(join(dir, 'bomb.html.gz'), gzipSync(page, { level: 9 }))
      return { inputs: [dir], articles: 1 }
    },
  },
  {
    name: '400k nested elements (4.4 MB)',
    make: () => {
      const dir = caseDir('nesting')
      const depth = 400_000
      writeFileSync(
        join(dir, 'deep.html'),
        `<html><body>${'<div>'.repeat(depth)}<p>${STORY}</p>${'</div>'.repeat(depth)}</body></html>`,
      )
      return { inputs: [dir], articles: 2 }
    },
  },
  {
    name: 'UTF-16 HTML, BOM JSONL, UTF-7 label, invalid UTF-8 bytes',
    make: () => {
      const dir = caseDir('encodings')
      const page = `<html><body><h1>Bridge</h1><p>${STORY.repeat(3)}</p></body></html>`
      writeFileSync(
        join(dir, 'utf16.html'),
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(page, 'utf16le')]),
      )
      writeFileSync(
        join(dir, 'bom.jsonl'),
        `\ufeff${JSON.stringify({ id: 'bom-1', text: `${STORY} One.` })}\n${JSON.stringify({ id: 'bom-2', text: `${STORY} Two.` })}\n`,
      )
      writeFileSync(join(dir, 'utf7.html'), page.replace('<html>', '<html><meta charset="utf-7">'))
      writeFileSync(
        join(dir, 'broken.txt'),
        Buffer.concat([
          Buffer.from(`Pont\n\n${STORY}réparé à Zürich `),
          Buffer.from([0xff, 0xc3, 0x28]),
          Buffer.from(STORY),
        ]),
      )
      return { inputs: [dir], articles: 6 }
    },
  },
  {
    name: 'script payloads and terminal escapes in every field',
    make: () => {
      const dir = caseDir('payloads')
      const lines = Array.from({ length: 50 }, (_, index) =>
        JSON.stringify({
          id: `x${index}\`<script>alert(${index})</script>`,
          title: `\u001b]8;;http://evil\u0007<img src=x onerror=alert(${index})>\u001b[2J`,
          text: `${STORY}<svg onload=alert(${index})> ${index}`,
          url: `javascript:alert(${index})`,
        }),
      )
      writeFileSync(join(dir, 'payloads.jsonl'), lines.join('\n'))
      return { inputs: [dir], articles: 51 }
    },
  },
  {
    name: 'binary, empty and truncated gzip files',
    make: () => {
      const dir = caseDir('garbage')
      writeFileSync(
        join(dir, 'random.bin'),
        Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
      )
      writeFileSync(join(dir, 'empty.txt'), '')
      writeFileSync(
        join(dir, 'cut.html.gz'),
        gzipSync(`<html><body><p>${STORY}</p></body></html>`).subarray(0, 30),
      )
      return { inputs: [dir], articles: 1 }
    },
  },
]

let seed = 20240220
const random = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647

/** A seed file damaged the way transfers and scrapers damage files. */
function mutate(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes)
  switch (Math.floor(random() * 4)) {
    case 0:
      for (let flips = 0; flips < 20; flips++)
        copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256)
      return copy
    case 1:
      return copy.subarray(0, Math.floor(random() * copy.length))
    case 2: {
      const at = Math.floor(random() * copy.length)
      return Buffer.concat([
        copy.subarray(0, at),
        Buffer.alloc(2000, copy.subarray(at, at + 3)),
        copy.subarray(at),
      ])
    }
    default:
      return Buffer.concat([
        Buffer.from('<html><body><div>'.repeat(1 + Math.floor(random() * 900))),
        copy,
      ])
  }
}

function fuzzCase(count: number): Case {
  return {
    name: `${count} mutations of the example's files`,
    make: () => {
      const dir = join(WORK, 'fuzz')
      mkdirSync(dir)
      const files = readdirSync(EXAMPLE).sort()
      const distinct = new Set<string>()
      for (let index = 0; index < count; index++) {
        const original = readFileSync(join(EXAMPLE, files[index % files.length] as string))
        const mutated = mutate(original)
        distinct.add(mutated.toString('base64'))
        writeFileSync(join(dir, `m${String(index).padStart(3, '0')}.txt`), mutated)
      }
      // Every distinct input gives an article or a warning naming it: none may vanish (inputs with the same
      // bytes are one article, by design).
      return { inputs: [dir], articles: -distinct.size }
    },
  }
}

function articlesIn(run: Run): number {
  try {
    return (JSON.parse(run.stdout) as { articles: unknown[] }).articles.length
  } catch {
    return 0
  }
}

const rows: string[] = []
let tried = 0
let crashes = 0
let hangs = 0
let lost = 0
for (const hostile of [...CASES, fuzzCase(200)]) {
  const { inputs, articles } = hostile.make()
  const run = cli(['analyze', ...inputs, '--format', 'json'])
  const found = articlesIn(run)
  const warned = (run.stderr.match(/^corroborate: warning: /gm) ?? []).length
  const inputsTried = articles < 0 ? -articles : inputs.length
  const missing =
    articles < 0 ? Math.max(0, -articles - found - warned) : Math.max(0, articles - found)
  const crashed =
    !run.hung && (run.status === null || run.status > 1 || /\n\s+at /.test(run.stderr))
  tried += inputsTried
  crashes += crashed ? 1 : 0
  hangs += run.hung ? 1 : 0
  lost += missing
  rows.push(
    `| ${hostile.name.padEnd(58)} | ${String(run.status).padStart(4)} | ${String(found).padStart(8)} | ${String(missing).padStart(4)} | ${run.seconds.toFixed(1).padStart(6)} s | ${run.peakMiB.toFixed(0).padStart(5)} MiB |`,
  )
}
console.log('Hostile inputs (whole `corroborate analyze --format json` processes)\n')
console.log(`| case ${' '.repeat(53)} | exit | articles | lost | time     | peak      |`)
console.log(`| ${'-'.repeat(58)} | ---- | -------- | ---- | -------- | --------- |`)
for (const row of rows) console.log(row)
console.log(`\ninputs tried ${tried}, crashes ${crashes}, hangs ${hangs}, articles lost ${lost}`)

/** Two ingests into one store at once, against the same two one after the other. */
async function concurrentIngest(): Promise<void> {
  const dir = join(WORK, 'concurrent')
  mkdirSync(dir)
  const halves = [0, 1].map((half) => {
    const path = join(dir, `half${half}.jsonl`)
    const lines = Array.from({ length: 1000 }, (_, index) => {
      const event = `${half}-${index % 100}`
      const words = Array.from(
        { length: 120 },
        (_, w) => `w${(w * 31 + index) % 400}e${event.replace('-', 'x')}`,
      )
      return JSON.stringify({
        id: `h${half}-${index}`,
        title: `Event ${event}`,
        text: `${words.join(' ')}.`,
      })
    })
    writeFileSync(path, lines.join('\n'))
    return path
  })
  const counts = (db: string): Record<string, number> => {
    const handle = new Database(db, { readonly: true })
    const one = (sql: string): number => (handle.prepare(sql).pluck().get() as number | null) ?? 0
    const result = {
      articles: one('SELECT COUNT(*) FROM articles'),
      placed: one('SELECT COUNT(*) FROM story_members'),
      stories: one('SELECT COUNT(*) FROM stories'),
      inTwoStories: one(
        "SELECT COUNT(*) FROM (SELECT a.value FROM stories s, json_each(s.json, '$.articleIds') a GROUP BY a.value HAVING COUNT(*) > 1)",
      ),
      termDocuments: one('SELECT SUM(documents) FROM term_documents'),
    }
    handle.close()
    return result
  }
  const together = join(dir, 'together.db')
  await Promise.all(
    halves.map(
      (half) =>
        new Promise((resolve) =>
          spawn(process.execPath, [CLI, 'ingest', '--db', together, half], { stdio: 'ignore' }).on(
            'close',
            resolve,
          ),
        ),
    ),
  )
  const sequential = join(dir, 'sequential.db')
  for (const half of halves) cli(['ingest', '--db', sequential, half])
  console.log(
    '\nTwo `ingest` processes into one store at once, against the same ingests one after the other',
  )
  console.log(JSON.stringify({ concurrent: counts(together), sequential: counts(sequential) }))
}
await concurrentIngest()
