import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModel } from '../matching/index.js';
import { MemoryReviewStore } from '../storage/memory/memory-review-store.js';
import type { ReviewStore } from '../storage/review-store.js';
import { testNhsNumber as n } from '../storage/test-support/register-people.js';
import { TRACE_REGISTER, traceRequestFile } from './test-support/trace-fixtures.js';
import { inMemoryBackend } from './trace-backend.js';
import { versionModel } from './trace-model.js';
import { traceRegisterFrom } from './trace-register.js';
import { reviewQueueSink, type TraceReviewSink } from './trace-review-queue.js';
import { runTrace } from './trace-run.js';

let folder = '';

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trace-review-queue-'));
  await writeFile(join(folder, 'requests.csv'), traceRequestFile());
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const notices: string[] = [];

const trace = (out: string, reviews: TraceReviewSink) =>
  runTrace(() => Promise.resolve(inMemoryBackend(traceRegisterFrom(TRACE_REGISTER))), {
    requestPath: join(folder, 'requests.csv'),
    outPath: join(folder, out),
    model: versionModel(defaultModel(), false),
    startedAt: '2026-01-01T00:00:00.000Z',
    today: '2026-01-01',
    chunkRows: 4,
    checkpointSeconds: 0,
    onNotice: (line) => notices.push(line),
    reviews,
  });

/** A sink that queues normally but, on its `failAt`-th chunk, throws after the items are stored. */
function failingAfterQueue(store: ReviewStore, failAt: number): TraceReviewSink {
  const sink = reviewQueueSink(store);
  let chunks = 0;
  return {
    get queued() {
      return sink.queued;
    },
    start: (job) => sink.start(job),
    finish: (job) => sink.finish(job),
    async queue(rows, traces) {
      await sink.queue(rows, traces);
      chunks += 1;
      if (chunks === failAt) {
        throw new Error('killed between the queue write and the checkpoint');
      }
    },
  };
}

describe('the review queue of a run resumed after a failure', () => {
  it('re-queues the re-traced chunk without duplicates and keeps the decisions made', async () => {
    const reviews = new MemoryReviewStore();
    // Chunks of 4 rows: TWIN and SMITH are in chunk 2, CONFLICT in chunk 4, which fails.
    await expect(trace('resumed.csv', failingAfterQueue(reviews, 4))).rejects.toThrow(/killed/);
    const [job] = await reviews.listJobs();
    expect(job?.finishedAt).toBeUndefined();
    const queued = await reviews.listItems(job?.id ?? '');
    expect(queued.map((e) => e.item.reference)).toEqual(['TWIN', 'SMITH', 'CONFLICT']);
    const decide = (reference: string, nhsNumber: string) =>
      reviews.decide({
        jobId: job?.id ?? '',
        row: queued.find((e) => e.item.reference === reference)?.item.row ?? 0,
        verdict: 'accept',
        nhsNumber,
        decidedBy: 'alice',
        decidedAt: '2026-01-01T12:00:00.000Z',
      });
    expect((await decide('TWIN', n(1))).success).toBe(true);
    expect((await decide('CONFLICT', n(6))).success).toBe(true);

    const resumed = await trace('resumed.csv', reviewQueueSink(reviews));
    if (!resumed.success) {
      throw new Error(resumed.issues[0]?.message);
    }
    expect(notices).toEqual(['resuming the interrupted run after row 12 (its checkpoint)']);
    expect(resumed.data.jobId).toBe(job?.id);
    const after = await reviews.listItems(resumed.data.jobId);
    const accepted = (e: (typeof after)[number]) =>
      e.decision?.verdict === 'accept' ? e.decision.nhsNumber : undefined;
    expect(after.map((e) => [e.item.reference, accepted(e)])).toEqual([
      ['TWIN', n(1)],
      ['SMITH', undefined],
      ['CONFLICT', n(6)],
    ]);
    expect((await reviews.getJob(resumed.data.jobId))?.finishedAt).toBeDefined();

    // The same as an uninterrupted run, job id aside.
    const fresh = new MemoryReviewStore();
    const whole = await trace('whole.csv', reviewQueueSink(fresh));
    if (!whole.success) {
      throw new Error(whole.issues[0]?.message);
    }
    const strip = (entries: typeof after) => entries.map((e) => ({ ...e.item, jobId: '' }));
    expect(strip(after)).toEqual(strip(await fresh.listItems(whole.data.jobId)));
    expect(await readFile(join(folder, 'resumed.csv'), 'utf8')).toEqual(
      await readFile(join(folder, 'whole.csv'), 'utf8'),
    );
  });
});
