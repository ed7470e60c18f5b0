/**
 * Benchmark: the batch trace end to end through the CLI, on the embedded DuckDB register.
 *
 *   npm run bench:batch                          # 100,000 requests vs 1,000,000 people
 *   npm run bench:batch -- --ten-million         # 1,000,000 requests vs 10,000,000 people
 *   npm run bench:batch -- --ten-million --index-memory-limit 6GB
 *   npm run bench:batch -- --people 200000 --requests 20000
 *   npm run bench:batch -- --ten-million --semi-space 64  # node --max-semi-space-size=64
 *
 * Generates (or reuses, under .bench/batch-<people>-<requests>/) a register and a request file,
 * imports the register, builds the match index (`register index`), trains a model once
 * (`model train`), then traces the request file twice in child processes, each timed with its
 * peak memory and CPU time (`/usr/bin/time`): the full trace (cascade + Fellegi-Sunter,
 * set-based in SQL) and the deterministic cascade alone (`--cascade-only`). Requests per second
 * are the trace loop's own (rows ÷ seconds from reading the first row to writing the last: the
 * register is already imported and indexed, the model already trained). The ground truth is then
 * read to count correct and wrong numbers. Prints one table; say the machine when you record it.
 *
 * The traces run under plain `node` (`--semi-space MB` adds `--max-semi-space-size=MB`). Since
 * session 24 chunks are traced on trace workers, which set their own young generation
 * (`TRACE_WORKER_YOUNG_MB`); the process flag would override it for them too. Until then the
 * traces ran under `--max-semi-space-size=64`, which made the run's own thread, then the one that
 * traced, about 10% faster at 10,000,000 people (docs/benchmarks.md).
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse';
import { readGroundTruth } from '../src/pipeline/accuracy-files.js';

const { values } = parseArgs({
  options: {
    people: { type: 'string' },
    requests: { type: 'string' },
    'ten-million': { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    dir: { type: 'string' },
    'chunk-rows': { type: 'string' },
    /** DuckDB memory limit of `register index` (default the CLI's, 2.5GB). */
    'index-memory-limit': { type: 'string' },
    /** V8's largest semi-space for the traces, in MB (0: V8's default). */
    'semi-space': { type: 'string', default: '0' },
  },
});
const tenMillion = values['ten-million'];
const people = values.people ?? (tenMillion ? '10000000' : '1000000');
const requests = values.requests ?? (tenMillion ? '1000000' : '100000');
const dir = values.dir ?? `.bench/batch-${people}-${requests}`;
const db = join(dir, 'register.duckdb');
const requestFile = join(dir, 'req', 'requests.csv');
const model = join(dir, 'model.json');
mkdirSync(dir, { recursive: true });

/** A child run of the CLI (built `dist`), timed: wall seconds and peak resident memory. */
function cli(
  label: string,
  args: string[],
  nodeFlags: readonly string[] = [],
): { seconds: number; cpuSeconds: number; peakMiB: number; err: string } {
  const run = spawnSync(
    '/usr/bin/time',
    ['-f', 'TIME %e %M %U %S', 'node', ...nodeFlags, 'bin/nhs-trace.js', ...args],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const match = /TIME ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(run.stderr);
  if (run.status !== 0 || match === null) {
    process.stderr.write(run.stderr);
    process.stderr.write(`${label} failed: nhs-trace ${args.join(' ')}\n`);
    process.exit(1);
  }
  const seconds = Number(match[1]);
  const peakMiB = Number(match[2]) / 1024;
  // User + system time of every thread (DuckDB's too): fairer than wall time on a busy machine.
  const cpuSeconds = Number(match[3]) + Number(match[4]);
  process.stderr.write(`${label}: ${seconds.toFixed(1)} s, peak ${peakMiB.toFixed(0)} MiB\n`);
  return { seconds, cpuSeconds, peakMiB, err: run.stderr };
}

if (!existsSync('dist/cli/main.js')) {
  spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
}
if (!existsSync(join(dir, 'register.ndjson'))) {
  cli('generate population', [
    'generate',
    'population',
    '--people',
    people,
    '--seed',
    values.seed,
    '--out',
    dir,
  ]);
}
if (!existsSync(requestFile)) {
  const seed = String(Number(values.seed) + 1);
  cli('generate requests', [
    'generate',
    'requests',
    '--register',
    dir,
    '--requests',
    requests,
    '--seed',
    seed,
    '--out',
    join(dir, 'req'),
  ]);
}
const imported = existsSync(db)
  ? undefined
  : cli('register import', [
      'register',
      'import',
      join(dir, 'register.ndjson'),
      '--db',
      db,
      '--rejects',
      join(dir, 'rejects.csv'),
    ]);
const indexLimit = values['index-memory-limit'];
const index = cli('register index', [
  'register',
  'index',
  '--db',
  db,
  ...(indexLimit === undefined ? [] : ['--memory-limit', indexLimit]),
]);
const trained = existsSync(model)
  ? undefined
  : cli('model train', ['model', 'train', '--requests', requestFile, '--db', db, '--out', model]);

interface Report {
  readonly rows: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  readonly outcomes: Record<string, { readonly count: number }>;
}

const semiSpace = Number(values['semi-space']);
const traceFlags = semiSpace > 0 ? [`--max-semi-space-size=${String(semiSpace)}`] : [];
process.stderr.write(`traces run as: node ${[...traceFlags, 'bin/nhs-trace.js'].join(' ')}\n`);

function trace(label: string, extra: string[]) {
  const out = join(dir, label, 'response.csv');
  mkdirSync(join(dir, label), { recursive: true });
  const run = cli(
    label,
    [
      'trace',
      requestFile,
      '--out',
      out,
      '--db',
      db,
      '--model',
      model,
      ...(values['chunk-rows'] === undefined ? [] : ['--chunk-rows', values['chunk-rows']]),
      '--audit',
      join(dir, 'audit.ndjson'),
      ...extra,
    ],
    traceFlags,
  );
  const report = JSON.parse(
    readFileSync(join(dir, label, 'response.report.json'), 'utf8'),
  ) as Report;
  return { run, report, out };
}

const full = trace('probabilistic', []);
const cascade = trace('cascade', ['--cascade-only']);

/** Correct and wrong numbers attached, by the ground truth. */
async function scored(
  out: string,
): Promise<{ correct: number; wrong: number; inRegister: number }> {
  const truth = new Map(
    (await readGroundTruth(join(dir, 'req', 'ground-truth.csv'))).map((t) => [t.reference, t]),
  );
  let correct = 0;
  let wrong = 0;
  const parser = createReadStream(out).pipe(parse({ columns: true }));
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    if (row['TRACE_OUTCOME'] !== 'matched') {
      continue;
    }
    const expected = truth.get(row['UNIQUE REFERENCE'] ?? '')?.trueNhsNumber;
    if (expected === row['MATCHED_NHS_NO']) {
      correct += 1;
    } else {
      wrong += 1;
    }
  }
  const inRegister = [...truth.values()].filter((t) => t.inRegister).length;
  return { correct, wrong, inRegister };
}

const rows = [
  ['', 'cascade + Fellegi-Sunter (SQL)', 'cascade alone (SQL)'],
  ['requests/s', full.report.rowsPerSecond.toFixed(0), cascade.report.rowsPerSecond.toFixed(0)],
  ['trace loop s', full.report.seconds.toFixed(1), cascade.report.seconds.toFixed(1)],
  ['process wall s', full.run.seconds.toFixed(1), cascade.run.seconds.toFixed(1)],
  ['process CPU s', full.run.cpuSeconds.toFixed(1), cascade.run.cpuSeconds.toFixed(1)],
  ['peak MiB', full.run.peakMiB.toFixed(0), cascade.run.peakMiB.toFixed(0)],
];
for (const [label, run] of [
  ['probabilistic', full],
  ['cascade', cascade],
] as const) {
  const s = await scored(run.out);
  process.stdout.write(
    `${label}: ${s.correct} correct numbers (${((100 * s.correct) / s.inRegister).toFixed(2)}% of ${s.inRegister} in the register), ${s.wrong} wrong\n`,
  );
}
process.stdout.write(
  [
    `batch trace: ${Number(requests).toLocaleString('en-GB')} requests vs ${Number(people).toLocaleString('en-GB')} people; ${availableParallelism()} cores, load ${loadavg()[0]?.toFixed(2) ?? '?'}`,
    ...(imported === undefined
      ? []
      : [
          `register import: ${imported.seconds.toFixed(1)} s, peak ${imported.peakMiB.toFixed(0)} MiB`,
        ]),
    `register index: ${index.seconds.toFixed(1)} s, peak ${index.peakMiB.toFixed(0)} MiB${indexLimit === undefined ? '' : ` (DuckDB memory limit ${indexLimit})`}`,
    // The steps of a build, when the index was (re)built.
    ...index.err.split('\n').filter((line) => line.startsWith('match index: ')),
    ...(trained === undefined
      ? []
      : [`model train: ${trained.seconds.toFixed(1)} s, peak ${trained.peakMiB.toFixed(0)} MiB`]),
    // The pair-count estimate the full trace printed before it started (and any warning).
    ...full.run.err.split('\n').filter((line) => /^(blocking|warning): /.test(line)),
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n') + '\n',
);
