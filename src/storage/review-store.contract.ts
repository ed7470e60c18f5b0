import { afterEach, describe, expect, it } from 'vitest';
import { emptyRequestRow } from '../formats/pds-mesh-columns.js';
import type { ReviewDecisionInput, ReviewStore } from './review-store.js';
import { testNhsNumber as n } from './test-support/register-people.js';
import { testCandidate, testItem, testJob } from './test-support/review-items.js';

/** How the contract suite gets review stores of one adapter. */
export interface ReviewStoreFixture {
  /** A new, empty store. */
  create(): Promise<ReviewStore>;
  /** Closes a persistent store and opens the same data again; absent for in-memory stores. */
  reopen?: (store: ReviewStore) => Promise<ReviewStore>;
}

const AT = '2026-01-02T10:00:00.000Z';

const accept = (jobId: string, row: number, nhsNumber: string): ReviewDecisionInput => ({
  jobId,
  row,
  verdict: 'accept',
  nhsNumber,
  decidedBy: 'alice',
  decidedAt: AT,
});

const reject = (jobId: string, row: number, note?: string): ReviewDecisionInput => ({
  jobId,
  row,
  verdict: 'reject',
  decidedBy: 'bob',
  decidedAt: AT,
  ...(note === undefined ? {} : { note }),
});

/**
 * The contract every review store adapter must pass: the same tests against memory, DuckDB and
 * PostgreSQL.
 * @param name - the adapter's name, for test titles
 * @param fixture - how to create (and reopen) stores
 */
export function reviewStoreContract(name: string, fixture: ReviewStoreFixture): void {
  describe(`ReviewStore contract: ${name}`, () => {
    const open: ReviewStore[] = [];
    const create = async (): Promise<ReviewStore> => {
      const store = await fixture.create();
      open.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((s) => s.close()));
    });

    it('starts empty', async () => {
      const store = await create();
      expect(await store.listJobs()).toEqual([]);
      expect(await store.getJob('nope')).toBeUndefined();
      expect(await store.listItems('nope')).toEqual([]);
      expect(await store.countItems('nope')).toEqual({ items: 0, pending: 0, decided: 0 });
      expect(await store.listDecisions('nope')).toEqual([]);
    });

    it('records jobs, replaces one by id and lists the latest first', async () => {
      const store = await create();
      await store.recordJob(testJob('a'));
      await store.recordJob(testJob('b', { startedAt: '2026-02-01T00:00:00.000Z' }));
      const finished = testJob('a', {
        finishedAt: '2026-01-01T09:05:00.000Z',
        rows: 20,
        outcomes: { matched: 17, review: 2, multiple: 1 },
        dateFormat: 'DD/MM/YYYY',
      });
      await store.queueItems([testItem('a', 1)]);
      await store.recordJob(finished);
      expect(await store.getJob('a')).toEqual(finished);
      expect((await store.listItems('a')).map((e) => e.item.row)).toEqual([1]);
      expect((await store.listJobs()).map((j) => j.id)).toEqual(['b', 'a']);
    });

    it('reads back every field of an item, in row order, all pending', async () => {
      const store = await create();
      await store.recordJob(testJob('j'));
      const items = [
        testItem('j', 7, { outcome: 'multiple', reasons: ['several', 'close'] }),
        testItem('j', 2, {
          request: { ...emptyRequestRow(), 'UNIQUE REFERENCE': 'REF2', FAMILY_NAME: 'O’Neil "x"' },
          candidates: [testCandidate(3, -1.25)],
        }),
      ];
      expect(await store.queueItems(items)).toEqual({ added: 2, unchanged: 0, changed: 0 });
      const listed = await store.listItems('j');
      expect(listed.map((e) => e.item.row)).toEqual([2, 7]);
      expect(listed.map(({ item }) => ({ ...item, fingerprint: undefined }))).toEqual(
        [items[1], items[0]].map((i) => ({ ...i, fingerprint: undefined })),
      );
      expect(listed.every((e) => e.decision === undefined && e.item.fingerprint.length > 0)).toBe(
        true,
      );
      expect(await store.countItems('j')).toEqual({ items: 2, pending: 2, decided: 0 });
    });

    it('refuses items of a job that was never recorded, or with no row number', async () => {
      const store = await create();
      await expect(store.queueItems([testItem('ghost', 1)])).rejects.toThrow(/ghost/);
      await store.recordJob(testJob('j'));
      await expect(store.queueItems([testItem('j', 0)])).rejects.toThrow(/row/);
      expect(await store.listItems('j')).toEqual([]);
    });

    it('re-queues idempotently: no duplicates, decisions on unchanged items kept', async () => {
      const store = await create();
      await store.recordJob(testJob('j'));
      const items = [1, 2, 3].map((row) => testItem('j', row));
      await store.queueItems(items);
      expect((await store.decide(accept('j', 1, n(1)))).success).toBe(true);
      expect((await store.decide(reject('j', 2))).success).toBe(true);
      // A resumed run re-traces the last chunk: rows 2 and 3 again, unchanged (weights may move).
      const again = [2, 3].map((row) =>
        testItem('j', row, { candidates: [testCandidate(1, 15), testCandidate(2, 13)] }),
      );
      expect(await store.queueItems(again)).toEqual({ added: 0, unchanged: 2, changed: 0 });
      const listed = await store.listItems('j');
      expect(listed).toHaveLength(3);
      expect(listed.map((e) => e.decision?.verdict)).toEqual(['accept', 'reject', undefined]);
      expect(listed[1]?.item.candidates[0]?.weight).toBe(15);
      expect(await store.countItems('j')).toEqual({ items: 3, pending: 1, decided: 2 });
    });

    it('drops the current decision of an item whose candidates changed, keeping the history', async () => {
      const store = await create();
      await store.recordJob(testJob('j'));
      await store.queueItems([testItem('j', 1)]);
      await store.decide(accept('j', 1, n(1)));
      const changed = testItem('j', 1, { candidates: [testCandidate(1, 14), testCandidate(5, 9)] });
      expect(await store.queueItems([changed])).toEqual({ added: 0, unchanged: 0, changed: 1 });
      const [entry] = await store.listItems('j');
      expect(entry?.decision).toBeUndefined();
      expect(entry?.item.candidates.map((c) => c.nhsNumber)).toEqual([n(1), n(5)]);
      expect(await store.listDecisions('j')).toHaveLength(1);
    });

    it('records attributed decisions; the latest one is current, all are kept', async () => {
      const store = await create();
      await store.recordJob(testJob('j'));
      await store.queueItems([testItem('j', 4)]);
      const first = await store.decide(accept('j', 4, n(2)));
      expect(first.success && first.data).toMatchObject({
        verdict: 'accept',
        nhsNumber: n(2),
        decidedBy: 'alice',
        decidedAt: AT,
      });
      const second = await store.decide(reject('j', 4, '  other person: different mother  '));
      expect(second.success).toBe(true);
      const [entry] = await store.listItems('j');
      expect(entry?.decision).toMatchObject({
        verdict: 'reject',
        decidedBy: 'bob',
        note: 'other person: different mother',
      });
      expect(entry?.decision).not.toHaveProperty('nhsNumber');
      const history = await store.listDecisions('j');
      expect(history.map((d) => d.verdict)).toEqual(['accept', 'reject']);
      expect(history[0]?.id).toBeLessThan(history[1]?.id ?? 0);
      expect(history[0]).not.toHaveProperty('note');
      expect(history[0]?.fingerprint).toBe(entry?.item.fingerprint);
    });

    it('refuses, as values, a decision on an unknown item, a non-candidate or by nobody', async () => {
      const store = await create();
      await store.recordJob(testJob('j'));
      await store.queueItems([testItem('j', 1)]);
      const unknown = await store.decide(accept('j', 9, n(1)));
      expect(unknown.success ? [] : unknown.issues.map((i) => i.code)).toEqual(['unknown-item']);
      const otherJob = await store.decide(reject('k', 1));
      expect(otherJob.success ? [] : otherJob.issues.map((i) => i.code)).toEqual(['unknown-item']);
      const stranger = await store.decide(accept('j', 1, n(7)));
      expect(stranger.success ? [] : stranger.issues.map((i) => i.code)).toEqual([
        'not-a-candidate',
      ]);
      const nobody = await store.decide({ ...reject('j', 1), decidedBy: ' ' });
      expect(nobody.success ? [] : nobody.issues.map((i) => i.code)).toEqual(['no-reviewer']);
      expect(await store.listDecisions('j')).toEqual([]);
    });

    it('filters by status and pages in row order', async () => {
      const store = await create();
      await store.recordJob(testJob('j'));
      await store.recordJob(testJob('k'));
      await store.queueItems([1, 2, 3, 4, 5].map((row) => testItem('j', row)));
      await store.queueItems([testItem('k', 1)]);
      await store.decide(accept('j', 2, n(1)));
      await store.decide(reject('j', 5));
      const rows = async (options: Parameters<ReviewStore['listItems']>[1]): Promise<number[]> =>
        (await store.listItems('j', options)).map((e) => e.item.row);
      expect(await rows({ status: 'pending' })).toEqual([1, 3, 4]);
      expect(await rows({ status: 'decided' })).toEqual([2, 5]);
      expect(await rows({ offset: 1, limit: 2 })).toEqual([2, 3]);
      expect(await rows({ status: 'pending', offset: 2, limit: 5 })).toEqual([4]);
      expect(await rows({ limit: 0 })).toEqual([]);
      expect((await store.listItems('k')).map((e) => e.item.jobId)).toEqual(['k']);
      expect(await store.listDecisions('k')).toEqual([]);
    });

    const reopen = fixture.reopen;
    if (reopen !== undefined) {
      it('keeps jobs, items and decisions when closed and opened again', async () => {
        const store = await fixture.create();
        await store.recordJob(testJob('j'));
        await store.queueItems([testItem('j', 1), testItem('j', 2)]);
        await store.decide(accept('j', 1, n(2)));
        const before = await store.listItems('j');
        const again = await reopen(store);
        open.push(again);
        expect(await again.listItems('j')).toEqual(before);
        expect(await again.getJob('j')).toEqual(testJob('j'));
      });
    }
  });
}
