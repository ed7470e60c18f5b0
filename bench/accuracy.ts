/**
 * Benchmark: accuracy of the in-process trace against the generator's ground truth.
 *
 *   npm run bench:accuracy                                   # 100,000 people, 10,000 requests
 *   npm run bench:accuracy -- --people 20000 --requests 2000 # a quicker run
 *
 * Generates (or reuses, under .bench/accuracy-<people>-<requests>/) a register and a request
 * file with the project generator, trains a model without labels, traces every request with the
 * deterministic cascade alone and with cascade + Fellegi-Sunter, and prints the two side by side,
 * with misses and false matches broken down by error pattern, and throughput. The trained model
 * is written beside the data as model.json. The ground truth is read only for scoring.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serialiseModel } from '../src/matching/index.js';
import type { AccuracyFigures } from '../src/pipeline/accuracy.js';
import {
  readGroundTruth,
  readRegisterNdjson,
  readRequestInputs,
} from '../src/pipeline/accuracy-files.js';
import { runAccuracy, type PathFigures } from '../src/pipeline/accuracy-run.js';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    dir: { type: 'string' },
    /** `trained` (default) or `default`: the untrained hand-set model with the trained λ. */
    model: { type: 'string', default: 'trained' },
  },
});
const dir = values.dir ?? `.bench/accuracy-${values.people}-${values.requests}`;
const registerFile = join(dir, 'register.ndjson');
const requestDir = join(dir, 'req');

function cli(args: string[]): void {
  const run = spawnSync('npx', ['tsx', 'src/cli/entry.ts', ...args], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`generator failed: ${args.join(' ')}`);
    process.exit(1);
  }
}

if (!existsSync(registerFile)) {
  cli(['generate', 'population', '--people', values.people, '--seed', values.seed, '--out', dir]);
}
if (!existsSync(join(requestDir, 'requests.csv'))) {
  const seed = String(Number(values.seed) + 1);
  cli([
    'generate',
    'requests',
    '--register',
    dir,
    '--requests',
    values.requests,
    '--seed',
    seed,
    '--out',
    requestDir,
  ]);
}

const { people, rejected } = await readRegisterNdjson(registerFile);
const requests = await readRequestInputs(join(requestDir, 'requests.csv'));
if (!requests.success) {
  console.error(requests.issues.map((i) => i.message).join('\n'));
  process.exit(2);
}
const truth = await readGroundTruth(join(requestDir, 'ground-truth.csv'));
console.log(
  `register ${people.length} people (${rejected} rejected), ${requests.data.length} requests ` +
    `(${requests.data.filter((r) => r.input === undefined).length} rejected by the row checks)`,
);
const run = runAccuracy(people, requests.data, truth, {
  seed: Number(values.seed),
  untrained: values.model === 'default',
});
if (!run.success) {
  console.error(run.issues.map((i) => i.message).join('\n'));
  process.exit(1);
}
const { estimate, train, deterministic, probabilistic } = run.data;
writeFileSync(join(dir, 'model.json'), serialiseModel(train.model));

console.log('\nblocking estimate (request × register pairs per rule, before union):');
for (const rule of estimate.rules) {
  console.log(
    `  ${rule.rule.padEnd(24)} ${Math.round(rule.pairs).toLocaleString('en-GB').padStart(12)}  capped keys ${rule.cappedKeys}`,
  );
}
for (const warning of estimate.warnings) {
  console.log(`  warning ${warning.code}: ${warning.message}`);
}
console.log(
  `\ntraining (no labels): u from ${train.randomPairs.toLocaleString('en-GB')} random pairs ` +
    `(${train.excludedRandomPairs} accepted by the rules left out), ` +
    `λ from ${train.ruleMatches} rule matches (recall 0.7) = ${train.model.lambda.toExponential(3)}, ` +
    `EM pairs ${JSON.stringify(train.emPairs)}, ${run.data.trainSeconds.toFixed(1)} s; model -> ${join(dir, 'model.json')}`,
);

const pct = (x: number, digits = 2): string => `${(100 * x).toFixed(digits)}%`;
const rows: [string, (f: AccuracyFigures) => string][] = [
  [
    'traced (right number attached / in register)',
    (f) => `${pct(f.tracedRate)} (${f.correct}/${f.inRegister})`,
  ],
  [
    'false match (wrong number / numbers attached)',
    (f) => `${pct(f.falseMatchRate, 3)} (${f.wrong}/${f.attached})`,
  ],
  ['review + multiple (/ all requests)', (f) => `${pct(f.reviewRate)} (${f.review}+${f.multiple})`],
  ['no match (/ all requests)', (f) => `${pct(f.noMatchRate)} (${f.noMatch})`],
];
const path = (p: PathFigures): AccuracyFigures => p.figures;
console.log(
  `\nmodel: ${values.model === 'default' ? 'untrained defaults (trained λ)' : 'trained'}`,
);
console.log(`${''.padEnd(48)}${'deterministic cascade'.padEnd(26)}cascade + Fellegi-Sunter`);
for (const [label, show] of rows) {
  console.log(
    `${label.padEnd(48)}${show(path(deterministic)).padEnd(26)}${show(path(probabilistic))}`,
  );
}
const speed = (p: PathFigures): string =>
  `${Math.round(p.requestsPerSecond).toLocaleString('en-GB')} req/s, ${p.meanCandidates.toFixed(0)} cand.`;
console.log(
  `${'throughput (one thread)'.padEnd(48)}${speed(deterministic).padEnd(26)}${speed(probabilistic)}`,
);

console.log('\nby error pattern: rows, missed (det. / prob.), false matches (det. / prob.)');
const patterns = [...probabilistic.figures.byPattern.keys()].sort();
for (const pattern of patterns) {
  const d = deterministic.figures.byPattern.get(pattern);
  const p = probabilistic.figures.byPattern.get(pattern);
  console.log(
    `  ${pattern.padEnd(26)} ${String(p?.rows ?? 0).padStart(6)}   missed ${String(d?.missed ?? 0).padStart(5)} / ${String(p?.missed ?? 0).padEnd(5)}  false ${d?.falseMatches ?? 0} / ${p?.falseMatches ?? 0}`,
  );
}
console.log(
  `\nmachine: ${availableParallelism()} cores, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} ` + '(shared with other work: figures taken under contention)',
);
