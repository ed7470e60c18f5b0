import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModel, estimateFromLabelledPairs } from '../matching/index.js';
import { MemoryRegisterStore } from '../storage/memory/memory-register-store.js';
import { MemoryReviewStore } from '../storage/memory/memory-review-store.js';
import { upsertPeople } from '../storage/register-store-ops.js';
import { testNhsNumber as n } from '../storage/test-support/register-people.js';
import { TRACE_REGISTER, traceRequestFile } from './test-support/trace-fixtures.js';
import { inMemoryBackend } from './trace-backend.js';
import { versionModel } from './trace-model.js';
import { traceRegisterFrom } from './trace-register.js';
import { labelledVectors, reviewLabelledPairs } from './trace-review-labels.js';
import { reviewQueueSink } from './trace-review-queue.js';
import { runTrace } from './trace-run.js';

let folder = '';

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trace-labels-'));
  await writeFile(join(folder, 'requests.csv'), traceRequestFile());
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('review decisions as training labels', () => {
  it('gives labelled pairs and vectors that estimateFromLabelledPairs learns from', async () => {
    const model = defaultModel();
    const reviews = new MemoryReviewStore();
    const run = await runTrace(
      () => Promise.resolve(inMemoryBackend(traceRegisterFrom(TRACE_REGISTER))),
      {
        requestPath: join(folder, 'requests.csv'),
        outPath: join(folder, 'response.csv'),
        model: versionModel(model, false),
        startedAt: '2026-01-01T00:00:00.000Z',
        today: '2026-01-01',
        reviews: reviewQueueSink(reviews),
      },
    );
    if (!run.success) {
      throw new Error(run.issues[0]?.message);
    }
    const items = (await reviews.listItems(run.data.jobId)).map((e) => e.item);
    const twin = items.find((i) => i.reference === 'TWIN');
    const smith = items.find((i) => i.reference === 'SMITH');
    const decision = {
      jobId: run.data.jobId,
      decidedBy: 'alice',
      decidedAt: '2026-01-02T00:00:00Z',
    };
    await reviews.decide({ ...decision, row: twin?.row ?? 0, verdict: 'accept', nhsNumber: n(1) });
    await reviews.decide({ ...decision, row: smith?.row ?? 0, verdict: 'reject' });

    const pairs = await reviewLabelledPairs(reviews);
    const expected = (twin?.candidates.length ?? 0) + (smith?.candidates.length ?? 0);
    expect(pairs).toHaveLength(expected);
    expect(pairs.filter((p) => p.isMatch).map((p) => [p.row, p.nhsNumber])).toEqual([
      [twin?.row, n(1)],
    ]);
    expect(pairs.find((p) => p.isMatch)?.request.GIVEN_NAME).toBe('Rodd');

    const register = new MemoryRegisterStore();
    await upsertPeople(register, TRACE_REGISTER);
    const { vectors, skipped } = await labelledVectors(model, pairs, (nhs) =>
      register.getByNhsNumber(nhs as ReturnType<typeof n>),
    );
    expect(skipped).toBe(0);
    expect(vectors).toHaveLength(expected);
    // Read again from the stored cells, each pair falls in the levels the reviewer was shown.
    for (const [i, pair] of pairs.entries()) {
      const levels = model.comparisons.map((c, k) => c.levels[vectors[i]?.vector[k] ?? -1]?.id);
      expect(Object.fromEntries(model.comparisons.map((c, k) => [c.id, levels[k]]))).toEqual(
        pair.levels,
      );
    }
    const trained = estimateFromLabelledPairs(model, vectors, '2026-01-03T00:00:00Z');
    expect(trained.provenance.at(-1)).toMatchObject({
      step: 'labelled-pairs',
      details: { matches: 1, nonMatches: expected - 1 },
    });
    expect(trained.comparisons).not.toEqual(model.comparisons);
  });
});
