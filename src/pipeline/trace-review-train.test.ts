import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModel } from '../matching/index.js';
import { MemoryRegisterStore } from '../storage/memory/memory-register-store.js';
import { MemoryReviewStore } from '../storage/memory/memory-review-store.js';
import { upsertPeople } from '../storage/register-store-ops.js';
import type { ReviewItem } from '../storage/review-store.js';
import { testNhsNumber as n } from '../storage/test-support/register-people.js';
import { TRACE_REGISTER, traceRequestFile } from './test-support/trace-fixtures.js';
import { inMemoryBackend } from './trace-backend.js';
import { versionModel } from './trace-model.js';
import { traceRegisterFrom } from './trace-register.js';
import { reviewQueueSink } from './trace-review-queue.js';
import { labelsFromReviews, trainWithReviewLabels } from './trace-review-train.js';
import { runTrace } from './trace-run.js';

let folder = '';

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trace-review-train-'));
  await writeFile(join(folder, 'requests.csv'), traceRequestFile());
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Traces the fixture requests into `reviews`; returns the job's queued items. */
async function trace(reviews: MemoryReviewStore, startedAt: string): Promise<ReviewItem[]> {
  const run = await runTrace(
    () => Promise.resolve(inMemoryBackend(traceRegisterFrom(TRACE_REGISTER))),
    {
      requestPath: join(folder, 'requests.csv'),
      outPath: join(folder, `${startedAt.slice(0, 10)}.csv`),
      model: versionModel(defaultModel(), false),
      startedAt,
      today: startedAt.slice(0, 10),
      reviews: reviewQueueSink(reviews),
    },
  );
  if (!run.success) {
    throw new Error(run.issues[0]?.message);
  }
  return (await reviews.listItems(run.data.jobId)).map((e) => e.item);
}

const by = { decidedBy: 'alice', decidedAt: '2026-02-01T00:00:00Z' };

describe('labels from the review store', () => {
  it('refuses a queue with no decision, or with no accepted candidate', async () => {
    const reviews = new MemoryReviewStore();
    const items = await trace(reviews, '2026-01-01T00:00:00.000Z');
    const none = await labelsFromReviews(reviews);
    expect(none.success).toBe(false);
    expect(none.success ? '' : none.issues[0]?.message).toMatch(/holds no decisions/);
    const smith = items.find((i) => i.reference === 'SMITH');
    await reviews.decide({
      ...by,
      jobId: smith?.jobId ?? '',
      row: smith?.row ?? 0,
      verdict: 'reject',
    });
    const rejected = await labelsFromReviews(reviews);
    expect(rejected.success ? '' : rejected.issues[0]?.message).toMatch(
      /none of the 1 review decision\(s\) accepts a candidate/,
    );
  });

  it('keeps one label per pair, from the latest decision, when a file was traced twice', async () => {
    const reviews = new MemoryReviewStore();
    const first = await trace(reviews, '2026-01-01T00:00:00.000Z');
    const second = await trace(reviews, '2026-01-08T00:00:00.000Z');
    const twin = (items: ReviewItem[]) => items.find((i) => i.reference === 'TWIN');
    const [a, b] = [twin(first), twin(second)];
    expect(a?.jobId).not.toBe(b?.jobId);
    const candidates = a?.candidates.length ?? 0;
    await reviews.decide({ ...by, jobId: a?.jobId ?? '', row: a?.row ?? 0, verdict: 'reject' });
    await reviews.decide({
      ...by,
      jobId: b?.jobId ?? '',
      row: b?.row ?? 0,
      verdict: 'accept',
      nhsNumber: n(1),
    });
    const labels = await labelsFromReviews(reviews);
    if (!labels.success) {
      throw new Error(labels.issues[0]?.message);
    }
    expect(labels.data.duplicates).toBe(candidates);
    expect(labels.data.pairs).toHaveLength(candidates);
    expect(labels.data.decisions).toBe(1);
    expect(labels.data.pairs.filter((p) => p.isMatch).map((p) => p.nhsNumber)).toEqual([n(1)]);

    const register = new MemoryRegisterStore();
    await upsertPeople(register, TRACE_REGISTER);
    const trained = await trainWithReviewLabels(defaultModel(), labels.data, register, {
      minimumMatches: 1,
    });
    expect(trained.matches).toBe(1);
    expect(trained.nonMatches).toBe(candidates - 1);
    expect(trained.skipped).toBe(0);
    expect(trained.model.provenance.at(-1)?.details).toMatchObject({
      decisions: 1,
      jobs: 1,
      pairsRelabelled: candidates,
      minimumMatchesPerLevel: 1,
    });
  });
});
