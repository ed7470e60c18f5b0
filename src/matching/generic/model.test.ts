import { describe, expect, it } from 'vitest';
import { levelWeight } from '../model/comparison.js';
import { priorWeight } from '../model/model.js';
import { estimateUFromRandomPairs } from '../train/u-random.js';
import { exactComparison, jaroWinklerComparison } from './comparisons.js';
import { fromEngineModel, toEngineModel, type GenericModel } from './model.js';
import { compareRows, genericScorer } from './score.js';
import {
  buildGenericModel,
  parseLinkSettings,
  requiredColumns,
  toBlockingRule,
} from './settings.js';
import { termFrequencies } from './term-frequency.js';

const model: GenericModel = {
  formatVersion: 1,
  name: 'test',
  lambda: 0.01,
  comparisons: [jaroWinklerComparison('name', [0.9], { tf: true }), exactComparison('town')],
  termFrequency: { minimumFrequency: 1e-6 },
  provenance: [],
};

describe('engine view', () => {
  it('round-trips parameters through the engine training functions', () => {
    const vectors = [
      [1, 1],
      [3, 2],
      [3, 2],
      [2, 2],
    ];
    const trained = fromEngineModel(model, estimateUFromRandomPairs(toEngineModel(model), vectors));
    expect(trained.comparisons[0]?.levels.map((l) => l.u)).toEqual([1, 0.25, 0.25, 0.5]);
    expect(trained.comparisons[1]?.levels.map((l) => l.u)).toEqual([1, 0.25, 0.75]);
    expect(trained.comparisons[0]?.levelOf).toBe(model.comparisons[0]?.levelOf);
    expect(trained.provenance.at(-1)?.step).toBe('u-random-sampling');
  });
  it('guards the MatchRecord tests it must carry', () => {
    const level = toEngineModel(model).comparisons[0]?.levels[1];
    expect(() => level?.test({} as never, {} as never)).toThrow(/levelOf/);
  });
});

describe('scoring', () => {
  const rows = [
    { name: 'smith', town: 'leeds' },
    { name: 'smith', town: 'york' },
    { name: 'smith', town: 'york' },
    { name: 'zebedee', town: 'york' },
  ];
  const tables = termFrequencies(['name'], [rows]);
  it('adds the prior and each level weight', () => {
    const scorer = genericScorer(model);
    const s = scorer.score({ name: 'anna', town: 'york' }, { name: 'annah', town: 'york' });
    const engine = toEngineModel(model);
    const expected =
      priorWeight(0.01) +
      levelWeight(engine.comparisons[0]?.levels[2] ?? ({} as never)) +
      levelWeight(engine.comparisons[1]?.levels[1] ?? ({} as never));
    expect(s.levels).toEqual([2, 1]);
    expect(s.weight).toBeCloseTo(expected, 12);
    expect(s.probability).toBeCloseTo(2 ** expected / (1 + 2 ** expected), 12);
    expect(compareRows(model, { name: 'anna' }, { name: 'annah' })).toEqual([2, 0]);
  });
  it('term-frequency adjusts exact matches: common values weigh less than rare ones', () => {
    const scorer = genericScorer(model, tables);
    const common = scorer.score({ name: 'smith' }, { name: 'smith' }).weight;
    const rare = scorer.score({ name: 'zebedee' }, { name: 'zebedee' }).weight;
    const plain = genericScorer(model).score({ name: 'smith' }, { name: 'smith' }).weight;
    const u = model.comparisons[0]?.levels[1]?.u ?? NaN;
    expect(common - plain).toBeCloseTo(Math.log2(u / 0.75), 12);
    expect(rare - plain).toBeCloseTo(Math.log2(u / 0.25), 12);
    expect(tables.get('name')?.get('smith')).toBe(0.75);
  });
});

describe('settings', () => {
  const json = {
    idColumn: 'id',
    comparisons: [
      { column: 'name', type: 'jaro-winkler', tf: true },
      { column: 'dob', type: 'date-yyyymmdd' },
    ],
    blocking: [{ on: ['dob'] }, { on: [{ column: 'name', prefix: 3 }] }],
    training: {
      lambdaRules: [{ on: ['name', 'dob'] }],
      recall: 0.7,
      emBlocking: [{ on: ['name'] }, { name: 'swap', on: [{ left: 'dob', right: 'dob2' }] }],
    },
  };
  it('fills defaults and builds the comparisons and rules it names', () => {
    const parsed = parseLinkSettings(json);
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    expect(parsed.data.training.uPairs).toBe(1_000_000);
    expect(parsed.data.threshold).toBe(0);
    const built = buildGenericModel(parsed.data);
    expect(built.comparisons.map((c) => c.label)).toEqual([
      'name (Jaro-Winkler)',
      'dob (date YYYYMMDD)',
    ]);
    expect(built.comparisons[0]?.levels.map((l) => l.id)).toEqual([
      'null',
      'exact',
      'jw-0.92',
      'jw-0.88',
      'jw-0.7',
      'else',
    ]);
    expect(parsed.data.blocking.map(toBlockingRule).map((r) => r.name)).toEqual([
      'dob',
      'name[:3]',
    ]);
    expect(requiredColumns(parsed.data)).toEqual({
      left: ['id', 'name', 'dob'],
      right: ['id', 'name', 'dob', 'dob2'],
    });
  });
  it.each([
    [{ ...json, comparisons: [{ column: 'x', type: 'soundex' }] }, 'comparisons.0.type'],
    [
      { ...json, training: { ...json.training, emBlocking: [{ on: ['name'] }] } },
      'training.emBlocking',
    ],
    [{ ...json, training: { ...json.training, recall: 0 } }, 'training.recall'],
    [{ ...json, comparisons: [json.comparisons[0], json.comparisons[0]] }, 'comparisons'],
  ])('rejects bad settings, naming the path (%#)', (bad, path) => {
    const parsed = parseLinkSettings(bad);
    expect(parsed.success ? [] : parsed.issues.map((i) => i.path)).toContain(path);
  });
});
