/**
 * Benchmark of the request-file reader (src/pipeline/request-source.ts): rows per second and
 * peak memory reading PDS MESH request files of 100,000 and 500,000 rows, split into the CSV
 * stage (csv-parse, line numbers, nothing else) and the whole reader (decoding, checks,
 * normalisation with src/core/normalise, duplicate references). Rows are the request
 * generator's (realistic errors), repeated under fresh references to reach the size. Peak heap
 * growing only by the duplicate-reference map from the small to the large file shows the file
 * is streamed.
 *
 * Run: `npm run bench:request-source`. Options: `--sizes 100000,1000000`; `--keep` to leave the
 * generated files in the temporary folder.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { PDS_MESH_REQUEST_COLUMNS } from '../src/formats/pds-mesh-columns.js';
import { openRequestFile } from '../src/pipeline/request-source.js';
import { csvRecordBatches } from '../src/pipeline/request-source-records.js';
import { ERROR_RATES } from '../src/synthetic/requests/error-rates.js';
import { generateRequests } from '../src/synthetic/requests/generate-requests.js';
import { RegisterPools } from '../src/synthetic/requests/register-pools.js';
import { createRng } from '../src/synthetic/rng.js';
import { testPeople } from '../src/synthetic/requests/test-people.js';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000,500000' },
    keep: { type: 'boolean', default: false },
  },
});

/** 5,000 generated request rows (without their references) to repeat. */
async function baseRows(): Promise<string[][]> {
  const people = testPeople(3000);
  const rng = createRng(1);
  const pools = new RegisterPools(rng);
  people.forEach((person) => {
    pools.observe(person);
  });
  async function* stream(): AsyncGenerator<(typeof people)[number]> {
    for (const person of people) {
      yield Promise.resolve(person);
    }
  }
  const rows: string[][] = [];
  for await (const r of generateRequests(stream(), {
    requests: 5000,
    rates: ERROR_RATES,
    rng,
    pools,
  })) {
    rows.push(PDS_MESH_REQUEST_COLUMNS.map((column) => r.row[column]));
  }
  return rows;
}

async function writeFile(path: string, size: number, base: readonly string[][]): Promise<void> {
  const out = createWriteStream(path);
  out.write(stringify([PDS_MESH_REQUEST_COLUMNS]));
  for (let i = 0; i < size; i += 1) {
    const row = [...(base[i % base.length] ?? [])];
    row[0] = `REQ${String(i).padStart(9, '0')}`;
    if (!out.write(stringify([row]))) {
      await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
}

/** Samples peak RSS and heap while `work` runs. */
async function measure(
  work: () => Promise<number>,
): Promise<{ rows: number; seconds: number; rssMb: number; heapMb: number }> {
  global.gc?.();
  let rss = 0;
  let heap = 0;
  const sample = (): void => {
    const usage = process.memoryUsage();
    rss = Math.max(rss, usage.rss);
    heap = Math.max(heap, usage.heapUsed);
  };
  const timer = setInterval(sample, 20);
  const start = performance.now();
  const rows = await work();
  const seconds = (performance.now() - start) / 1000;
  clearInterval(timer);
  sample();
  return { rows, seconds, rssMb: rss / 2 ** 20, heapMb: heap / 2 ** 20 };
}

async function csvStage(path: string): Promise<number> {
  let rows = 0;
  for await (const batch of csvRecordBatches(
    createReadStream(path, { highWaterMark: 1 << 16 }),
    1 << 20,
  )) {
    for (const record of batch) {
      rows += record.kind === 'record' ? 1 : 0;
    }
  }
  return rows - 1;
}

async function wholeReader(path: string): Promise<number> {
  const opened = await openRequestFile(path, { today: '2026-11-22' });
  if (!opened.success) {
    throw new Error(opened.issues[0]?.message);
  }
  let rows = 0;
  for await (const row of opened.data.rows()) {
    rows += row.rowIndex >= 0 ? 1 : 0;
  }
  return rows;
}

const dir = await mkdtemp(join(os.tmpdir(), 'nhs-trace-bench-requests-'));
const base = await baseRows();
console.log(
  `request-source benchmark (node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0]?.toFixed(1) ?? '?'})`,
);
console.log('stage         rows        MB   seconds   rows/s   peak RSS MB   peak heap MB');
for (const size of args.sizes.split(',').map(Number)) {
  const path = join(dir, `requests-${size}.csv`);
  await writeFile(path, size, base);
  const mb = statSync(path).size / 2 ** 20;
  for (const [stage, work] of [
    ['csv only', csvStage],
    ['whole reader', wholeReader],
  ] as const) {
    const m = await measure(() => work(path));
    console.log(
      `${stage.padEnd(12)} ${String(m.rows).padStart(8)} ${mb.toFixed(1).padStart(8)} ${m.seconds.toFixed(1).padStart(9)} ${Math.round(
        m.rows / m.seconds,
      )
        .toString()
        .padStart(8)} ${m.rssMb.toFixed(0).padStart(13)} ${m.heapMb.toFixed(0).padStart(14)}`,
    );
  }
}
if (!args.keep) {
  await rm(dir, { recursive: true, force: true });
} else {
  console.log(`files kept in ${dir}`);
}
