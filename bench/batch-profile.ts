/**
 * Benchmark: where the time of one set-based trace chunk goes, step by step.
 *
 *   npm run bench:batch-profile -- [DIR] [ROWS]
 *
 * DIR is a `bench:batch` folder (default .bench/batch-1000000-100000, made by `npm run
 * bench:batch`, with its register, match index and model); ROWS the chunk size (default 50,000).
 * Times each step the SQL backend runs for one chunk (reading and normalising the rows, blocking,
 * comparing and ranking every row (the search, in this thread: the documents are not warmed),
 * term frequencies, number lookups, deciding, reading the matched people, and the cascade's
 * exact candidates); then DuckDB's own profile of the exact look-up and of a matched-people read
 * as joins (cold and warm), listing the operators that took 5% or more of each. Counts only.
 */
import { readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildMatchTableSql, parseModel } from '../src/matching/index.js';
import { traceRecord } from '../src/matching/trace-decision.js';
import { openRequestFile } from '../src/pipeline/request-source.js';
import type { SourceRow } from '../src/pipeline/request-source.js';
import { prepareRow, type PreparedRow } from '../src/pipeline/trace-decide.js';
import { SQL_KEEP } from '../src/pipeline/trace-sql-backend.js';
import { openDuckDbMatchIndex } from '../src/storage/duckdb/duckdb-match-index.js';
import {
  EXACT_CANDIDATES_SQL,
  EXACT_REQUEST_TABLE_SQL,
} from '../src/storage/duckdb/duckdb-match-sql.js';
import { openDuckDbRegisterStore } from '../src/storage/duckdb/index.js';

const [dir = '.bench/batch-1000000-100000', rowsText = '50000'] = process.argv.slice(2);
const chunk = Number(rowsText);
const parsed = parseModel(readFileSync(join(dir, 'model.json'), 'utf8'));
if (!parsed.success) {
  throw new Error(`${dir}/model.json: not a model; run npm run bench:batch first`);
}
const model = parsed.data;
const store = await openDuckDbRegisterStore({ path: join(dir, 'register.duckdb') });
const index = await openDuckDbMatchIndex(store);
const opened = await openRequestFile(join(dir, 'req', 'requests.csv'));
if (!opened.success) {
  throw new Error(opened.issues.map((i) => i.message).join('; '));
}
const rows: SourceRow[] = [];
for await (const row of opened.data.rows()) {
  rows.push(row);
  if (rows.length >= chunk) {
    break;
  }
}

const seconds: [string, number][] = [];
async function step<T>(label: string, work: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  const result = await work();
  seconds.push([label, (performance.now() - started) / 1000]);
  return result;
}

const prepared = await step('read and normalise rows', () =>
  rows.map((row) => prepareRow(row, 'YYYYMMDD')),
);
const ready = prepared.filter((p): p is PreparedRow => p !== undefined);
const records = ready.map((p) => p.record);
const found = await step('block, compare and rank, hand over', () =>
  index.search(records, model, { keep: SQL_KEEP }),
);
const lookup = await step('term frequencies', () => index.frequencies());
const holders = await step('supplied numbers', () =>
  index.resolve(ready.flatMap((p) => p.supplied ?? [])),
);
const results = await step('decide (TypeScript)', () =>
  ready.map((p, i) =>
    traceRecord(
      p.record,
      (found[i] ?? []).map((c) => ({ id: c.id, record: c.record })),
      { model, lookup },
    ),
  ),
);
await step('read matched people', () =>
  index.people([...results.flatMap((r) => r.nhsNumber ?? []), ...holders.values()]),
);
await step('cascade candidates (exact keys file)', () => index.exactCandidates(records));
await index.close();

// The chunk's match table in SQL, for the exact look-up as a join.
const conn = await store.connect();
await conn.run('CREATE OR REPLACE TEMP TABLE q_stage (qid INTEGER, record_json VARCHAR)');
const appender = await conn.createAppender('q_stage');
records.forEach((record, qid) => {
  appender.appendInteger(qid);
  appender.appendVarchar(JSON.stringify(record));
  appender.endRow();
});
appender.closeSync();
await conn.run(buildMatchTableSql('q_record', 'q_stage', ['qid', 'record_json'], true));

// The operators of the exact look-up and a matched-people read as joins, with DuckDB's profiler, each run twice
// (the second run warm): which scans and joins each chunk pays for.
interface ProfileNode {
  readonly operator_name?: string;
  readonly operator_timing?: number;
  readonly operator_cardinality?: number;
  readonly extra_info?: Readonly<Record<string, unknown>>;
  readonly children?: readonly ProfileNode[];
}
const profileFile = join(tmpdir(), `nhs-trace-profile-${String(process.pid)}.json`);
const operators: string[] = [];
async function profileQuery(label: string, sql: string): Promise<void> {
  for (const run of ['cold', 'warm']) {
    await conn.run("PRAGMA enable_profiling = 'json'");
    await conn.run(`PRAGMA profiling_output = '${profileFile}'`);
    await conn.run(sql);
    await conn.run('PRAGMA disable_profiling');
    const root = JSON.parse(readFileSync(profileFile, 'utf8')) as ProfileNode & {
      cpu_time?: number;
    };
    operators.push(`${label} (${run}): ${(root.cpu_time ?? 0).toFixed(2)} s of operator time`);
    // Indented by the listed operators above each one (the plan tree, without the small ones).
    const visit = (node: ProfileNode, depth: number): void => {
      const timing = node.operator_timing ?? 0;
      const listed = timing >= 0.05 * (root.cpu_time ?? 0) && node.operator_name !== undefined;
      if (listed) {
        const table = node.extra_info?.['Table'];
        const what = `${'  '.repeat(depth)}${node.operator_name.trim()}${typeof table === 'string' ? ` ${table}` : ''}`;
        operators.push(
          `  ${what.padEnd(48)} ${timing.toFixed(2)} s, ${String(node.operator_cardinality ?? 0)} rows`,
        );
      }
      for (const child of node.children ?? []) {
        visit(child, listed ? depth + 1 : depth);
      }
    };
    visit(root, 0);
  }
}
await conn.run(EXACT_REQUEST_TABLE_SQL);
await conn.run(`INSERT INTO q_exact SELECT qid, nhs_number, family_name, birth_year, birth_month,
  birth_day, birth_digits FROM q_record`);
// Both as DuckDB joins: a trace now looks keys up in the keys files instead (match-keys.ts).
await profileQuery('exact look-up (as a join)', EXACT_CANDIDATES_SQL);
await profileQuery(
  'matched people (as many as rows)',
  `SELECT m.id, m.rid FROM match_record m
   SEMI JOIN (SELECT id FROM match_record USING SAMPLE ${String(records.length)} ROWS) w USING (id)`,
);
rmSync(profileFile, { force: true });
conn.closeSync();
await store.close();

const kept = found.reduce((total, f) => total + f.length, 0);
process.stdout.write(
  [
    `one chunk of ${records.length.toLocaleString('en-GB')} rows against ${index.status.people.toLocaleString('en-GB')} people: ${kept.toLocaleString('en-GB')} candidates kept`,
    ...seconds.map(([label, s]) => `${label.padEnd(40)} ${s.toFixed(2)} s`),
    ...operators,
    `${availableParallelism()} cores, load ${loadavg()[0]?.toFixed(2) ?? '?'}`,
  ].join('\n') + '\n',
);
