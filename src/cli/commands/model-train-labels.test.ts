import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFhirPatient } from '../../formats/fhir-patient.js';
import {
  defaultModel,
  isTrainable,
  modelToJson,
  parseModel,
  serialiseModel,
  type MatchModel,
} from '../../matching/index.js';
import { TRACE_REGISTER, traceRequestFile } from '../../pipeline/test-support/trace-fixtures.js';
import type { ReviewEntry } from '../../storage/review-store.js';
import { runCli } from '../test-support/run-cli.js';

let folder = '';
const file = (name: string): string => join(folder, name);

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'model-labels-'));
  const ndjson = TRACE_REGISTER.map((p) => `${JSON.stringify(toFhirPatient(p))}\n`).join('');
  await writeFile(file('register.ndjson'), ndjson);
  await writeFile(file('requests.csv'), traceRequestFile());
  await writeFile(file('model.json'), serialiseModel(defaultModel()));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Imports the register into `db`, traces the request file (default model) and lists the queue. */
async function traceInto(db: string): Promise<{ jobId: string; entries: ReviewEntry[] }> {
  expect((await runCli('register', 'import', file('register.ndjson'), '--db', db)).code).toBe(0);
  const args = ['--out', file(`${db.length}.csv`), '--db', db, '--model', file('model.json')];
  const traced = await runCli('trace', file('requests.csv'), ...args);
  expect(traced.code).toBe(0);
  const jobId = /job ([0-9a-f]{16}): \d+ rows queued for review/.exec(traced.stdout)?.[1] ?? '';
  const listed = await runCli('review', 'list', '--job', jobId, '--json', '--db', db);
  expect(listed.code).toBe(0);
  return { jobId, entries: (JSON.parse(listed.stdout) as { items: ReviewEntry[] }).items };
}

async function decide(db: string, jobId: string, row: number, ...verdict: string[]) {
  const decided = await runCli(
    'review',
    'decide',
    '--job',
    jobId,
    '--row',
    String(row),
    ...verdict,
    '--by',
    'alice',
    '--db',
    db,
  );
  expect(decided.code).toBe(0);
}

const train = (db: string, out: string, ...extra: string[]) =>
  runCli('model', 'train', '--requests', file('requests.csv'), '--out', out, '--db', db, ...extra);

async function readModel(path: string): Promise<MatchModel> {
  const parsed = parseModel(await readFile(path, 'utf8'));
  if (!parsed.success) {
    throw new Error(parsed.issues[0]?.message);
  }
  return parsed.data;
}

describe('nhs-trace model train --labels-from-reviews', () => {
  it('moves m toward the reviewers’ labelled frequencies and records where m came from', async () => {
    const db = file('labels.duckdb');
    const { jobId, entries } = await traceInto(db);
    expect(entries.length).toBeGreaterThanOrEqual(3);
    // Every queued row gets its best candidate accepted: one labelled match per row, and the
    // other candidates of the row become labelled non-matches.
    const accepted = entries.map((e) => e.item.candidates[0]);
    for (const entry of entries) {
      await decide(
        db,
        jobId,
        entry.item.row,
        '--accept',
        entry.item.candidates[0]?.nhsNumber ?? '',
      );
    }
    const candidates = entries.reduce((s, e) => s + e.item.candidates.length, 0);

    expect((await train(db, file('base.json'), '--seed', '7')).code).toBe(0);
    const labelled = await train(
      db,
      file('labelled.json'),
      '--seed',
      '7',
      '--labels-from-reviews',
      '--min-labelled-matches',
      '1',
    );
    expect(labelled.stderr).not.toMatch(/nhs-trace:/);
    expect(labelled.code).toBe(0);
    expect(labelled.stdout).toContain(
      `labels from ${entries.length} review decision(s): ${entries.length} matches, ` +
        `${candidates - entries.length} non-matches`,
    );
    expect(labelled.stdout).not.toMatch(/Rodd|Flanders|Simpson|Smith/);

    const base = await readModel(file('base.json'));
    const trained = await readModel(file('labelled.json'));
    // The labelled counts per level, from the levels the reviewers were shown.
    const counts = new Map<string, number>();
    for (const candidate of accepted) {
      for (const { comparison, level } of candidate?.explanation ?? []) {
        counts.set(`${comparison}/${level}`, (counts.get(`${comparison}/${level}`) ?? 0) + 1);
      }
    }
    let moved = 0;
    const fromLabels: string[] = [];
    trained.comparisons.forEach((comparison, c) => {
      const before = base.comparisons[c];
      const levels = comparison.levels.filter(isTrainable);
      const n = (id: string): number => counts.get(`${comparison.id}/${id}`) ?? 0;
      const labelledLevels = levels.filter((l) => n(l.id) > 0);
      fromLabels.push(...labelledLevels.map((l) => `${comparison.id}/${l.id} (${n(l.id)})`));
      comparison.levels.forEach((level, l) => {
        expect(level.u, `${comparison.id}/${level.id} u`).toBe(before?.levels[l]?.u);
        if (isTrainable(level) && n(level.id) === 0) {
          // No labelled match fell here: the EM estimate stays (to rounding: a pool of such
          // levels is rescaled by its labelled share over its EM share, which may be 1 ± ulp).
          expect(level.m, `${comparison.id}/${level.id} m`).toBeCloseTo(
            before?.levels[l]?.m ?? Number.NaN,
            12,
          );
        }
      });
      if (labelledLevels.length < 2) {
        return;
      }
      // Among its labelled levels, m now has the labelled proportions exactly, and is closer to
      // them than the EM estimate was.
      const total = labelledLevels.reduce((s, l) => s + n(l.id), 0);
      const share = (m: (id: string) => number): number[] => {
        const sum = labelledLevels.reduce((s, l) => s + m(l.id), 0);
        return labelledLevels.map((l) => m(l.id) / sum);
      };
      const mOf = (model: MatchModel | undefined, id: string): number =>
        model?.comparisons[c]?.levels.find((l) => l.id === id)?.m ?? NaN;
      const target = labelledLevels.map((l) => n(l.id) / total);
      const after = share((id) => mOf(trained, id));
      const was = share((id) => mOf(base, id));
      const distance = (p: number[]): number =>
        p.reduce((s, x, i) => s + Math.abs(x - (target[i] ?? 0)), 0);
      after.forEach((x, i) => {
        expect(x).toBeCloseTo(target[i] ?? NaN, 9);
      });
      if (distance(was) > 1e-9) {
        moved += 1;
      }
      expect(distance(after)).toBeLessThanOrEqual(distance(was));
    });
    expect(moved).toBeGreaterThan(0);

    const step = trained.provenance.find((s) => s.step === 'labelled-pairs');
    expect(step?.details).toMatchObject({
      decisions: entries.length,
      jobs: 1,
      matches: entries.length,
      nonMatches: candidates - entries.length,
      pairsSkipped: 0,
      minimumMatchesPerLevel: 1,
      u: 'random pairs',
    });
    expect(String(step?.details['levelsFromLabels']).split(', ').sort()).toEqual(
      [...fromLabels].sort(),
    );
    // The labels step, then (only when the labels left an agreement level weighing less than
    // disagreement) the step that restores the order of the weights.
    const steps = trained.provenance.map((s) => s.step);
    const expected = [...base.provenance.map((s) => s.step), 'labelled-pairs'];
    expect([expected, [...expected, 'manual']]).toContainEqual(steps);
    expect(trained.lambda).toBe(base.lambda);

    const shown = await runCli('model', 'show', file('labelled.json'));
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(
      `labels: ${entries.length} review decision(s) in 1 job(s), ${entries.length} matches`,
    );
    expect(shown.stdout).toContain(
      `m from labels, level (labelled matches): ${String(step?.details['levelsFromLabels'])}\n`,
    );
    expect(shown.stdout).toMatch(/m kept from EM, fewer than 1: /);
  });

  it('keeps the EM m of every level when none has the default 10 labelled matches', async () => {
    const db = file('few.duckdb');
    const { jobId, entries } = await traceInto(db);
    const first = entries[0]?.item;
    await decide(db, jobId, first?.row ?? 0, '--accept', first?.candidates[0]?.nhsNumber ?? '');
    expect((await train(db, file('few-base.json'), '--seed', '3')).code).toBe(0);
    const result = await train(db, file('few.json'), '--seed', '3', '--labels-from-reviews');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/m from labels for 0 of \d+ levels \(at least 10 labelled/);
    const base = await readModel(file('few-base.json'));
    const trained = await readModel(file('few.json'));
    expect(modelToJson(trained).comparisons).toEqual(modelToJson(base).comparisons);
    expect(trained.provenance.at(-1)?.details).toMatchObject({
      levelsFromLabels: '',
      minimumMatchesPerLevel: 10,
    });
  });

  it('refuses with exit 2 when there is no decision, or no accepted match', async () => {
    const db = file('none.duckdb');
    const { jobId, entries } = await traceInto(db);
    const out = file('none.json');
    const none = await train(db, out, '--labels-from-reviews');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`${db}: the review queue holds no decisions to learn from`);
    await expect(readFile(out)).rejects.toThrow(/ENOENT/);

    await decide(db, jobId, entries[0]?.item.row ?? 0, '--reject');
    const rejected = await train(db, out, '--labels-from-reviews');
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toContain('none of the 1 review decision(s) accepts a candidate');
    await expect(readFile(out)).rejects.toThrow(/ENOENT/);

    const noFlag = await train(db, out, '--min-labelled-matches', '5');
    expect(noFlag.code).toBe(2);
    expect(noFlag.stderr).toContain('--min-labelled-matches needs --labels-from-reviews');
    const zero = await train(db, out, '--labels-from-reviews', '--min-labelled-matches', '0');
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('--min-labelled-matches: must be at least 1');
  });
});
