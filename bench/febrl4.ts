/**
 * FEBRL 4 benchmark: links dataset4b to dataset4a through the generic column-mapping path,
 * trained without labels, and prints precision, recall and F1 against the ground truth
 * (rec-N-org ↔ rec-N-dup-0), with and without soc_sec_id, beside Splink's published figures.
 *
 *   npm run bench:febrl4 [-- --data DIR]
 *
 * DIR defaults to $FEBRL4_DIR or /work/shared/data/febrl4 (dataset4a.csv, dataset4b.csv).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CsvTable } from '../src/pipeline/link-csv-read.js';
import { readCsvTable } from '../src/pipeline/link-csv-read.js';
import {
  accuracyAt,
  bestF1,
  febrlEntity,
  type LinkAccuracy,
} from '../src/pipeline/link-csv-evaluate.js';
import { linkRows, readLinkSettings, type ScoredPair } from '../src/pipeline/link-csv.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: process.env['FEBRL4_DIR'] ?? '/work/shared/data/febrl4' },
  },
});
const dir = values.data;

/** Splink on FEBRL 4 at w = 0 and best F1 (linkage-anchors.md §3.4, with soc_sec_id). */
const SPLINK = {
  atZero: { tp: 4992, fp: 0, fn: 8, precision: 1.0, recall: 0.9984, f1: 0.9992 },
  best: { threshold: -3.4, tp: 4999, fp: 1, fn: 1, precision: 0.9998, recall: 0.9998, f1: 0.9998 },
};

function unwrap<T>(
  result: { success: true; data: T } | { success: false; issues: readonly { message: string }[] },
): T {
  if (!result.success) {
    process.stderr.write(result.issues.map((i) => i.message).join('\n') + '\n');
    process.exit(2);
  }
  return result.data;
}

const fmt = (x: number): string => x.toFixed(4);
const row = (name: string, a: LinkAccuracy): string =>
  `  ${name.padEnd(44)} ${String(a.truePositives).padStart(5)} ${String(a.falsePositives).padStart(5)} ${String(a.falseNegatives).padStart(5)}  ${fmt(a.precision)}  ${fmt(a.recall)}  ${fmt(a.f1)}`;

async function runOne(
  label: string,
  settingsFile: string,
  left: CsvTable,
  right: CsvTable,
): Promise<void> {
  const settings = unwrap(await readLinkSettings(join(import.meta.dirname, settingsFile)));
  const started = performance.now();
  const run = unwrap(linkRows(settings, left.rows, right.rows));
  const seconds = (performance.now() - started) / 1000;
  const id = settings.idColumn;
  const isTrue = (p: ScoredPair): boolean =>
    febrlEntity(left.rows[p.left]?.[id] ?? 'left') ===
    febrlEntity(right.rows[p.right]?.[id] ?? 'right');
  const leftEntities = new Set(left.rows.map((r) => febrlEntity(r[id] ?? '')));
  const totalTrue = right.rows.filter((r) => leftEntities.has(febrlEntity(r[id] ?? ''))).length;
  const blockedTrue = run.scored.filter(isTrue).length;

  process.stdout.write(`\n${label} (settings: bench/${settingsFile})\n`);
  process.stdout.write(
    `  trained without labels: λ = ${run.model.lambda.toExponential(3)} (${(run.model.lambda * left.rows.length * right.rows.length).toFixed(0)} expected matches; truth ${totalTrue}), ` +
      `u from ${run.training.uPairs.toLocaleString('en-GB')} random pairs, λ rules accepted ${run.training.lambdaRulePairs} pairs\n`,
  );
  process.stdout.write(
    `  EM passes: ${run.training.emPasses.map((p) => `${p.rule} (${p.pairs} pairs)`).join('; ')}\n`,
  );
  process.stdout.write('  blocking rule                              pairs   new\n');
  for (const c of run.blocking) {
    process.stdout.write(
      `    ${c.rule.padEnd(38)} ${String(c.pairs).padStart(7)} ${String(c.newPairs).padStart(7)}\n`,
    );
  }
  process.stdout.write(
    `  candidate pairs ${run.scored.length.toLocaleString('en-GB')} of ${(left.rows.length * right.rows.length).toLocaleString('en-GB')}; ` +
      `true pairs among them ${blockedTrue} of ${totalTrue} (blocking recall ${fmt(blockedTrue / totalTrue)})\n`,
  );
  process.stdout.write(
    `  runtime ${seconds.toFixed(1)} s (train ${(run.timings.trainMs / 1000).toFixed(1)} s, block + score ${(run.timings.scoreMs / 1000).toFixed(1)} s)\n`,
  );
  process.stdout.write(
    '                                                  TP    FP    FN  precision recall  F1\n',
  );
  process.stdout.write(
    row('nhs-trace at w = 0 (p = 0.5)', accuracyAt(run.scored, isTrue, totalTrue, 0)) + '\n',
  );
  const best = bestF1(run.scored, isTrue, totalTrue);
  process.stdout.write(
    row(`nhs-trace best F1, w = ${best.threshold.toFixed(2)} (chosen on labels)`, best) + '\n',
  );
}

const [left, right] = await Promise.all([
  readCsvTable(join(dir, 'dataset4b.csv')),
  readCsvTable(join(dir, 'dataset4a.csv')),
]);
const a = unwrap(left);
const b = unwrap(right);
process.stdout.write(
  `FEBRL 4: link dataset4b (${a.rows.length} rows, left) to dataset4a (${b.rows.length} rows, right); 5,000 true pairs\n`,
);
await runOne('With soc_sec_id', 'febrl4-settings.json', a, b);
await runOne('Without soc_sec_id', 'febrl4-settings-no-ssn.json', a, b);
const s = SPLINK;
process.stdout.write('\nSplink (published, with soc_sec_id; linkage-anchors.md §3.4)\n');
process.stdout.write(
  `  ${'Splink at w = 0'.padEnd(44)} ${String(s.atZero.tp).padStart(5)} ${String(s.atZero.fp).padStart(5)} ${String(s.atZero.fn).padStart(5)}  ${fmt(s.atZero.precision)}  ${fmt(s.atZero.recall)}  ${fmt(s.atZero.f1)}\n`,
);
process.stdout.write(
  `  ${'Splink best F1, w = -3.4 (chosen on labels)'.padEnd(44)} ${String(s.best.tp).padStart(5)} ${String(s.best.fp).padStart(5)} ${String(s.best.fn).padStart(5)}  ${fmt(s.best.precision)}  ${fmt(s.best.recall)}  ${fmt(s.best.f1)}\n`,
);
process.stdout.write('(figures taken on a shared 2-core machine; runtime is indicative)\n');
