import { availableParallelism } from 'node:os'
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import { REPORT_FORMATS } from '../report/formats.js'
import { DEFAULT_STORY_THRESHOLD } from '../stories/threshold.js'
import { EXIT, type CliIo, processIo } from './io.js'

// Each command's code is loaded when the command runs: `extract` never pays for the store drivers, the job
// queue, the server or the stance models (module loading is most of a short run's CPU).
const commands = () => import('./commands.js')
const scaleCommands = () => import('./scale-commands.js')

/** Runs the CLI and returns the exit status (0 ok, 1 inputs, 2 usage), writing through `io`. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io)
  try {
    await program.parseAsync(argv, { from: 'user' })
    return (program.getOptionValue('exitStatus') as number | undefined) ?? EXIT.ok
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage
    }
    io.stderr(`corroborate: ${(error as Error).message}\n`)
    return EXIT.inputs
  }
}

function buildProgram(io: CliIo): Command {
  const program = new Command('corroborate')
    .description(
      'Reads many reports of the same news and tells what happened, who says so, how many independent sources that is, what was copied from whom, and where sources disagree.',
    )
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', OVERVIEW)
  const setStatus = (status: number): void => {
    program.setOptionValue('exitStatus', status)
  }
  const format = (choices: string[], fallback: string): Option =>
    new Option('--format <format>', 'output format').choices(choices).default(fallback)
  const common = (command: Command): Command =>
    command
      .addOption(maxBytes())
      .option('--allow-private', 'allow fetching URLs on loopback or private networks', false)
      .option(
        '--clean-text',
        'take plain text (text files, stdin, JSONL "text") as the article body as given: no boilerplate removal, offsets into the input (a JSONL line\'s "clean": true does so for its own text)',
      )
      .addOption(
        new Option(
          '--jobs <n>',
          command.name() === 'analyze'
            ? 'threads: extraction past 200 documents (files, JSONL lines, WARC records), and without --db the briefs checked on a second one past 200 articles'
            : 'threads: extraction past 200 documents (files, JSONL lines, WARC records)',
        )
          .argParser(positiveInt)
          .default(Math.min(availableParallelism(), 4), 'the CPU cores, at most 4'),
      )
      .addOption(
        new Option('-q, --quiet', 'no progress bar and no warnings about single inputs').conflicts(
          'verbose',
        ),
      )
      .option(
        '-v, --verbose',
        'also print informational messages (encodings guessed, labels overridden)',
      )

  common(
    program
      .command('extract')
      .description('Print the clean article (text, metadata, removed blocks) of each input')
      .argument('<inputs...>', INPUTS)
      .addOption(
        new Option(
          '--format <format>',
          'output format (default: json for one article, jsonl for several)',
        ).choices(['json', 'jsonl', 'text']),
      )
      .option(
        '--no-annotate',
        'text and metadata only: no sentences, entities or attributions (several times faster)',
      )
      .addHelpText(
        'after',
        '\nExample:\n  corroborate extract examples/aurus-gift/002_2f1ed0a961360b5b.txt --format text',
      ),
  ).action(async (inputs: string[], options) =>
    setStatus(await (await import('./extract-command.js')).extractCommand(inputs, options, io)),
  )

  common(
    program
      .command('analyze')
      .description('Analyse inputs as a batch and print the stories they form')
      .argument('<inputs...>', INPUTS)
      .addOption(format(REPORT_FORMATS, 'text'))
      .option('--out <file>', 'write the report to a file instead of stdout')
      .option(
        '--db <file|url>',
        "place the articles in this store's stories (as `ingest` does) and report the stories that hold them (SQLite file or postgres:// URL)",
      )
      .addOption(reuseThreshold())
      .addOption(storyThreshold())
      .addHelpText(
        'after',
        '\nExample:\n  corroborate analyze examples/aurus-gift --format html --out report.html',
      ),
  ).action(async (inputs: string[], options) =>
    setStatus(await (await commands()).analyzeCommand(inputs, options, io)),
  )

  common(
    program
      .command('ingest')
      .description(
        'Add inputs to a store (idempotent: the same content twice is one article) and update its stories',
      )
      .argument('[inputs...]', INPUTS)
      .option('--db <file|url>', 'SQLite file or postgres:// URL', 'corroborate.db')
      .addOption(reuseThreshold())
      .addOption(storyThreshold())
      .option('--queue', 'queue the inputs for `corroborate worker` instead (PostgreSQL stores)')
      .option(
        '--round-size <n>',
        'articles placed together, in input order (with --queue: documents per round of jobs); stories depend on it',
        positiveInt,
        1000,
      )
      .option(
        '--job-timeout <seconds>',
        'with --queue: seconds after which a running job counts as lost and runs again',
        positiveInt,
        600,
      )
      .option(
        '--retry-delay <seconds>',
        'with --queue: seconds before a failed or lost job first runs again (doubling after)',
        positiveInt,
        10,
      )
      .option(
        '--rebuild',
        're-cluster every stored article in one pass, as `analyze` would (story ids may change)',
      )
      .addHelpText(
        'after',
        [
          '',
          'New articles join the stored stories online: only the stories they touch are re-analysed and',
          'story ids stay stable. Term weights drift as the store grows; --rebuild re-clusters all in one pass.',
          '',
          'Examples:',
          '  corroborate ingest --db news.db examples/aurus-gift',
          '  corroborate ingest --db news.db --rebuild',
        ].join('\n'),
      ),
  ).action(async (inputs: string[], options) =>
    setStatus(
      options.queue === true
        ? await (await scaleCommands()).enqueueCommand(inputs, options, io)
        : await (await commands()).ingestCommand(inputs, options, io),
    ),
  )

  program
    .command('worker')
    .description('Run queued ingest jobs (from `ingest --queue`) into a PostgreSQL store')
    .requiredOption('--db <url>', 'postgres:// URL of the store and its queue')
    .option('--once', 'drain the queue (nothing waiting, retrying or running), then exit')
    .option('--batch-size <n>', 'jobs taken at a time (placed together)', positiveInt, 100)
    .addOption(maxBytes())
    .option('--allow-private', 'allow fetching URLs on loopback or private networks', false)
    .addOption(reuseThreshold())
    .addOption(storyThreshold())
    .addHelpText(
      'after',
      '\nExamples:\n  corroborate ingest --db postgres://localhost/news --queue crawl.warc.gz\n  corroborate worker --db postgres://localhost/news --once',
    )
    .action(async (options) =>
      setStatus(
        await (
          await scaleCommands()
        ).workerCommand(options, (await commands()).analysisOptions(options), io),
      ),
    )

  program
    .command('watch')
    .description('Poll the RSS/Atom feeds listed in a file (one URL a line) into a store')
    .argument('<feeds>', 'a file of feed URLs, read again at each round')
    .option('--db <file|url>', 'SQLite file or postgres:// URL', 'corroborate.db')
    .option('--every <duration>', 'time between rounds (90s, 10m, 1h)', '10m')
    .option('--once', 'poll once and exit')
    .addOption(maxBytes())
    .option('--allow-private', 'allow fetching URLs on loopback or private networks', false)
    .addOption(reuseThreshold())
    .addOption(storyThreshold())
    .addHelpText('after', '\nExample:\n  corroborate watch feeds.txt --db news.db --every 10m')
    .action(async (feeds: string, options) =>
      setStatus(
        await (
          await scaleCommands()
        ).watchCommand(feeds, options, (await commands()).analysisOptions(options), io),
      ),
    )

  program
    .command('stories')
    .description('List the stories in a store, newest first')
    .option('--db <file|url>', 'SQLite file or postgres:// URL', 'corroborate.db')
    .option('--limit <n>', 'most stories listed, newest first (default: all)', positiveInt)
    .addOption(format(['text', 'json'], 'text'))
    .addHelpText(
      'after',
      '\nExamples:\n  corroborate stories --db news.db --limit 20\n  corroborate stories --db news.db --format json',
    )
    .action(async (options) => setStatus(await (await commands()).storiesCommand(options, io)))

  program
    .command('show')
    .description('Show one story of a store')
    .argument('<storyId>', 'a story id from `corroborate stories`')
    .option('--db <file|url>', 'SQLite file or postgres:// URL', 'corroborate.db')
    .addOption(format(REPORT_FORMATS, 'text'))
    .option('--out <file>', 'write the report to a file instead of stdout')
    .addHelpText(
      'after',
      '\nExample:\n  corroborate show story-bafefef4798e --db news.db --format html --out story.html',
    )
    .action(async (storyId: string, options) =>
      setStatus(await (await commands()).showCommand(storyId, options, io)),
    )

  program
    .command('search')
    .description('Full-text search over the titles and texts of a store')
    .argument('<query>', 'words to look for')
    .option('--db <file|url>', 'SQLite file or postgres:// URL', 'corroborate.db')
    .option('--limit <n>', 'most results', positiveInt, 20)
    .addOption(format(['text', 'json'], 'text'))
    .addHelpText(
      'after',
      '\nExamples:\n  corroborate search Peskov --db news.db\n  corroborate search "Aurus Senat" --db news.db --format json',
    )
    .action(async (query: string, options) =>
      setStatus(await (await commands()).searchCommand(query, options, io)),
    )

  program
    .command('serve')
    .description(
      'Serve the web app and JSON API over a store (stories, articles, search, claim check)',
    )
    .option('--db <file|url>', 'SQLite file or postgres:// URL', 'corroborate.db')
    .option('--port <n>', 'port to listen on', port, 8080)
    .option(
      '--host <address>',
      'interface to bind (other machines reach it only if not loopback)',
      '127.0.0.1',
    )
    .option(
      '--workers <n>',
      'processes answering on the port (one per core carries the most requests)',
      positiveInt,
      1,
    )
    .option(
      '--cache-mb <n>',
      'MiB of rendered pages each process keeps until the store changes (0: none)',
      wholeNumber,
      64,
    )
    .addHelpText('after', '\nExample:\n  corroborate serve --db news.db --port 8080 --workers 2')
    .action(async (options) =>
      setStatus(await (await import('./serve.js')).serveCommand(options, io)),
    )

  common(
    program
      .command('verify')
      .description(
        'Who supports and who disputes a claim: the stance of each article, in independent sources',
      )
      .argument('<claim>', 'the claim, as one sentence in quotes')
      .argument('[inputs...]', `${INPUTS} (or --db)`)
      .option(
        '--db <file|url>',
        'verify against every article of this store (SQLite file or postgres:// URL) instead of inputs',
      )
      .addOption(format(['text', 'json'], 'text'))
      .addHelpText(
        'after',
        [
          '',
          'Examples:',
          '  corroborate verify "Putin gave Kim Jong Un an Aurus Senat" examples/aurus-gift',
          '  corroborate verify "Putin gave Kim Jong Un an Aurus Senat" --db news.db --format json',
        ].join('\n'),
      ),
  ).action(async (claim: string, inputs: string[], options) =>
    setStatus(
      await (await import('./verify-command.js')).verifyCommand(claim, inputs, options, io),
    ),
  )

  return program
}

/** What an input may be, in every command's help. */
const INPUTS =
  'files, folders (read recursively), .jsonl exports, HTML or text pages, RSS/Atom feeds, WARC files, files of URLs, URLs, or - for stdin'

/** The top-level help's close: a first run, the store commands, and what the exit status means. */
const OVERVIEW = [
  '',
  'Examples:',
  '  corroborate analyze examples/aurus-gift                  story cards of a folder of pages',
  '  corroborate analyze export.jsonl --format html --out report.html',
  '  corroborate ingest --db news.db pages/ && corroborate stories --db news.db',
  '  corroborate serve --db news.db                           web app at http://127.0.0.1:8080',
  '',
  'Exit status: 0 ok; 1 no usable input, or a store that cannot be read or written (the reason on stderr);',
  '2 usage error. Warnings about single inputs go to stderr and the rest of the batch goes on.',
  'Each command answers --help, e.g. `corroborate analyze --help`.',
].join('\n')

/** The largest input read, after gzip inflation. */
function maxBytes(): Option {
  return new Option('--max-bytes <n>', 'largest input accepted, in bytes (after gzip inflation)')
    .argParser(positiveInt)
    .default(64 * 1024 * 1024, '67108864, 64 MiB')
}

/** How similar two articles must be (MinHash resemblance) to be compared passage by passage. */
function reuseThreshold(): Option {
  return new Option(
    '--reuse-threshold <x>',
    'resemblance (0–1) from which two articles of a story are aligned as possible copies; LSH bands follow it',
  )
    .argParser(fraction)
    .default(0.1)
}

/** How similar an article must be to a story to join it. */
function storyThreshold(): Option {
  return new Option(
    '--story-threshold <x>',
    'similarity (0–1) of an article to a story from which it joins it; lower gives broader stories',
  )
    .argParser(fraction)
    .default(DEFAULT_STORY_THRESHOLD)
}

function fraction(value: string): number {
  const parsed = Number(value)
  if (!Number.isFinite(parsed) || parsed <= 0 || parsed >= 1)
    throw new InvalidArgumentError('expected a number between 0 and 1, such as 0.1')
  return parsed
}

function port(value: string): number {
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535)
    throw new InvalidArgumentError('expected a port number, 0 to 65535')
  return parsed
}

function wholeNumber(value: string): number {
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new InvalidArgumentError('expected a whole number, 0 or more')
  return parsed
}

function positiveInt(value: string): number {
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed <= 0)
    throw new InvalidArgumentError('expected a positive whole number')
  return parsed
}
