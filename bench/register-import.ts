/**
 * Register import benchmark: generates a synthetic population with the real CLI
 * (`generate population`), then times `register import` as a child process into a fresh DuckDB
 * file and prints people per second and peak memory. Generated files are cached in
 * `.bench/register-import/` so repeated runs time only the import. The CLI is the built one
 * (`npm run build` first, then `bin/nhs-trace.js` under `/usr/bin/time`), as users run it and as
 * `bench:batch` times it; until session 11 it ran from the TypeScript sources through tsx, which
 * compiles the code at start-up in the process and again in each parsing worker.
 *
 *   npm run bench:register                      # 1,000,000 people
 *   npm run bench:register -- --people 200000   # any size
 *   npm run bench:register -- --ten-million     # 10,000,000 people (peak memory target < 4 GiB)
 *   npm run bench:register -- --reimport        # also time re-importing the same file (all updates)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    'ten-million': { type: 'boolean', default: false },
    reimport: { type: 'boolean', default: false },
  },
});
const people = values['ten-million'] ? 10_000_000 : Number(values.people.replaceAll('_', ''));
const seed = Number(values.seed);
const root = join(import.meta.dirname, '..', '.bench', 'register-import');
const popDir = join(root, `population-${people}-${seed}`);
const ndjson = join(popDir, 'register.ndjson');
const db = join(root, `register-${people}.duckdb`);

interface Run {
  readonly seconds: number;
  /** Seconds until the import reported it was committing (the end of reading and checking). */
  readonly readSeconds: number;
  readonly code: number | null;
  readonly maxRssKib: number;
  /** CPU time of the import process (user + system, all threads), in seconds. */
  readonly cpuSeconds: number;
  readonly stdout: string;
  /** Each step of the commit and its seconds, as the import reported them. */
  readonly phases: readonly (readonly [string, number])[];
}

/**
 * Runs the built CLI as a child process under `/usr/bin/time` and times it: peak resident set
 * size (VmHWM) and CPU time (user and system, every thread: DuckDB's and the workers' too).
 */
function cli(args: readonly string[]): Promise<Run> {
  const started = process.hrtime.bigint();
  const child = spawn(
    '/usr/bin/time',
    [
      '-f',
      'BENCH_MAX_RSS_KIB=%M\nBENCH_CPU_S=%U %S',
      process.execPath,
      'bin/nhs-trace.js',
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NHS_TRACE_IMPORT_PHASES: '1' } },
  );
  let stdout = '';
  let stderr = '';
  let readSeconds = 0;
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
    if (readSeconds === 0 && stderr.includes('committing')) {
      readSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    }
    process.stderr.write('.');
  });
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      process.stderr.write('\n');
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const rss = /BENCH_MAX_RSS_KIB=(\d+)/.exec(stderr)?.[1];
      const cpu = /BENCH_CPU_S=([\d.]+) ([\d.]+)/.exec(stderr);
      if (code !== 0) {
        process.stderr.write(stderr.replace(/BENCH_(MAX_RSS_KIB|CPU_S)=.*\n/g, ''));
      }
      const maxRssKib = Number(rss ?? 0);
      // `phase: claims 0.20 s (rss 815 MiB, JS heap 111 of 163 MiB)`
      const phases = [...stderr.matchAll(/^phase: (.+?) ([\d.]+) s(?: \(.*\))?$/gm)].map(
        (m) => [m[1] ?? '', Number(m[2])] as const,
      );
      resolve({
        phases,
        seconds,
        readSeconds,
        code,
        maxRssKib,
        cpuSeconds: Number(cpu?.[1] ?? 0) + Number(cpu?.[2] ?? 0),
        stdout,
      });
    });
  });
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-GB');
const mib = (kib: number): string => `${fmt(kib / 1024)} MiB`;

// The built CLI, current: a stale `dist` would time old code.
if (spawnSync('npm', ['run', 'build'], { stdio: 'inherit' }).status !== 0) {
  throw new Error('npm run build failed');
}
mkdirSync(root, { recursive: true });
if (!existsSync(ndjson)) {
  console.log(`generating ${fmt(people)} people (seed ${seed}) with 'generate population'…`);
  const gen = await cli([
    'generate',
    'population',
    '--people',
    String(people),
    '--seed',
    String(seed),
    '--out',
    popDir,
  ]);
  if (gen.code !== 0) {
    throw new Error(`generate population failed with exit code ${String(gen.code)}`);
  }
  console.log(`  generated in ${gen.seconds.toFixed(1)} s`);
}
const size = statSync(ndjson).size;
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
console.log(`load average at the start: ${load()}`);
rmSync(db, { force: true });
rmSync(`${db}.wal`, { force: true });

console.log(
  `importing ${fmt(people)} people (${mib(size / 1024)} of FHIR NDJSON) into a new DuckDB file…`,
);
const first = await cli([
  'register',
  'import',
  ndjson,
  '--db',
  db,
  '--rejects',
  join(root, 'rejects.csv'),
]);
if (first.code !== 0) {
  throw new Error(`register import failed with exit code ${String(first.code)}`);
}
console.log(first.stdout.trim());
console.log(`register import (new register)`);
console.log(`  people:          ${fmt(people)}`);
console.log(`  wall time:       ${first.seconds.toFixed(1)} s (child process, including start-up)`);
console.log(`  throughput:      ${fmt(people / first.seconds)} people/s`);
console.log(
  `  phases:          ${first.readSeconds.toFixed(1)} s reading and checking, ${(first.seconds - first.readSeconds).toFixed(1)} s committing`,
);
console.log(
  `  CPU time:        ${first.cpuSeconds.toFixed(1)} s (user + system, all threads): ${fmt(people / first.cpuSeconds)} people per CPU-second`,
);
console.log(`  peak RSS:        ${mib(first.maxRssKib)} (VmHWM of the import process)`);
console.log(
  `  commit steps:    ${first.phases.map(([p, s]) => `${p} ${s.toFixed(1)} s`).join('; ')}`,
);
console.log(`  database size:   ${mib(statSync(db).size / 1024)}`);

if (values.reimport) {
  const again = await cli([
    'register',
    'import',
    ndjson,
    '--db',
    db,
    '--rejects',
    join(root, 'rejects.csv'),
  ]);
  console.log(`register import (same file again: every person updated)`);
  console.log(`  wall time:       ${again.seconds.toFixed(1)} s`);
  console.log(`  throughput:      ${fmt(people / again.seconds)} people/s`);
  console.log(
    `  phases:          ${again.readSeconds.toFixed(1)} s reading and checking, ${(again.seconds - again.readSeconds).toFixed(1)} s committing`,
  );
  console.log(`  CPU time:        ${again.cpuSeconds.toFixed(1)} s (user + system, all threads)`);
  console.log(`  peak RSS:        ${mib(again.maxRssKib)}`);
}
console.log(
  `load average at the end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`,
);
console.log(`(2-core machine; figures vary with other load on it)`);
