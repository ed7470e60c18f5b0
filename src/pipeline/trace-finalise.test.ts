import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyRequestRow } from '../formats/pds-mesh-columns.js';
import {
  MULTIPLE_NHS_NO,
  responseRow,
  TRACE_RESPONSE_COLUMNS,
} from '../formats/pds-mesh-response.js';
import { defaultModel } from '../matching/index.js';
import { MemoryRegisterStore } from '../storage/memory/memory-register-store.js';
import { MemoryReviewStore } from '../storage/memory/memory-review-store.js';
import { upsertPeople } from '../storage/register-store-ops.js';
import type { ReviewStore } from '../storage/review-store.js';
import { testNhsNumber as n } from '../storage/test-support/register-people.js';
import { testCandidate, testItem, testJob } from '../storage/test-support/review-items.js';
import { TRACE_REGISTER, traceRequestFile } from './test-support/trace-fixtures.js';
import { inMemoryBackend } from './trace-backend.js';
import { LOAD_COLUMNS } from './trace-cleansing.js';
import { finaliseTrace, finalOutputPaths } from './trace-finalise.js';
import { versionModel } from './trace-model.js';
import { traceRegisterFrom } from './trace-register.js';
import { reviewQueueSink } from './trace-review-queue.js';
import { runTrace } from './trace-run.js';

type Row = Record<string, string>;

let folder = '';
const register = new MemoryRegisterStore();
const lookup = (nhs: string) => register.getByNhsNumber(nhs as ReturnType<typeof n>);

const table = async (path: string): Promise<Row[]> =>
  parse<Row>(await readFile(path, 'utf8'), { columns: true });

async function trace(reviews: ReviewStore, out = 'response.csv') {
  const run = await runTrace(
    () => Promise.resolve(inMemoryBackend(traceRegisterFrom(TRACE_REGISTER))),
    {
      requestPath: join(folder, 'requests.csv'),
      outPath: join(folder, out),
      model: versionModel(defaultModel(), false),
      startedAt: '2026-01-01T00:00:00.000Z',
      today: '2026-01-01',
      chunkRows: 4,
      reviews: reviewQueueSink(reviews),
    },
  );
  if (!run.success) {
    throw new Error(run.issues[0]?.message);
  }
  return run.data;
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trace-finalise-'));
  await writeFile(join(folder, 'requests.csv'), traceRequestFile());
  await upsertPeople(register, TRACE_REGISTER);
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('trace → review queue → decisions → final response', () => {
  it('queues review and multiple rows with candidates, records the job, and applies decisions', async () => {
    const reviews = new MemoryReviewStore();
    const run = await trace(reviews);
    const response = await table(join(folder, 'response.csv'));
    const load = await table(join(folder, 'response.load.csv'));

    // The job: recorded with its counts, its id in the report.
    const report = JSON.parse(await readFile(join(folder, 'response.report.json'), 'utf8')) as {
      jobId: string;
    };
    expect(report.jobId).toBe(run.jobId);
    const job = await reviews.getJob(run.jobId);
    expect(job).toMatchObject({
      requestFile: 'requests.csv',
      responsePath: join(folder, 'response.csv'),
      modelVersion: run.model.version,
      rows: response.length,
      startedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(job?.finishedAt).toBeDefined();
    expect(job?.outcomes['review']).toBe(2);

    // Items: exactly the review and multiple rows, at their response row, with candidates.
    const items = (await reviews.listItems(run.jobId)).map((e) => e.item);
    const underReview = response
      .map((r, i) => ({ row: i + 1, ref: r['UNIQUE REFERENCE'], outcome: r['TRACE_OUTCOME'] }))
      .filter((r) => r.outcome === 'review' || r.outcome === 'multiple');
    expect(items.map((i) => ({ row: i.row, ref: i.reference, outcome: i.outcome }))).toEqual(
      underReview,
    );
    expect(underReview.map((r) => r.ref)).toEqual(['TWIN', 'SMITH', 'CONFLICT']);
    const twin = items.find((i) => i.reference === 'TWIN');
    expect(twin?.request.GIVEN_NAME).toBe('Rodd');
    expect(
      twin?.candidates
        .map((c) => c.nhsNumber)
        .slice(0, 2)
        .sort(),
    ).toEqual([n(1), n(2)]);
    expect(twin?.candidates[0]?.explanation.length).toBeGreaterThan(3);
    expect(twin?.reasons.length).toBeGreaterThan(0);

    // Decide: TWIN is Rod; SMITH is neither John Smith; CONFLICT is left undecided.
    const smith = items.find((i) => i.reference === 'SMITH');
    const at = '2026-01-02T09:30:00.000Z';
    const decided = await Promise.all([
      reviews.decide({
        jobId: run.jobId,
        row: twin?.row ?? 0,
        verdict: 'accept',
        nhsNumber: n(1),
        decidedBy: 'alice',
        decidedAt: at,
      }),
      reviews.decide({
        jobId: run.jobId,
        row: smith?.row ?? 0,
        verdict: 'reject',
        decidedBy: 'bob',
        decidedAt: at,
      }),
    ]);
    expect(decided.every((d) => d.success)).toBe(true);

    const finalised = await finaliseTrace({
      responsePath: join(folder, 'response.csv'),
      reviews,
      lookup,
    });
    expect(finalised.success && finalised.data).toMatchObject({
      jobId: run.jobId,
      rows: response.length,
      accepted: 1,
      rejected: 1,
      undecided: 1,
      stale: 0,
      missing: 0,
    });
    const paths = finalOutputPaths(join(folder, 'response.csv'));
    const final = await table(paths.response);
    const finalLoad = await table(paths.load);
    expect(final).toHaveLength(response.length);
    expect(finalLoad).toHaveLength(load.length);

    // Exactly the decided rows changed.
    const changedRows = final
      .map((r, i) => (JSON.stringify(r) === JSON.stringify(response[i]) ? -1 : i + 1))
      .filter((i) => i > 0);
    expect(changedRows).toEqual([twin?.row, smith?.row]);
    const changedLoad = finalLoad
      .map((r, i) => (JSON.stringify(r) === JSON.stringify(load[i]) ? -1 : i + 1))
      .filter((i) => i > 0);
    // SMITH was `multiple`, already loaded as 04 with no number: rejecting it changes nothing there.
    expect(changedLoad).toEqual([twin?.row]);

    const rod = final[(twin?.row ?? 0) - 1];
    expect(rod).toMatchObject({
      'UNIQUE REFERENCE': 'TWIN',
      'ERROR/SUCCESS_CODE': '00',
      TRACE_OUTCOME: 'matched',
      MATCHED_NHS_NO: n(1),
      MATCHED_ALGORITHM_INDICATOR: '4',
      MATCHED_CONFIDENCE_PERCENTAGE: '100',
      GIVEN_NAME: 'Rod',
      FAMILY_NAME: 'Flanders',
      POSTCODE: 'LS2 7EE',
      SENSITIVITY_FLAG: 'U',
    });
    expect(rod?.['EXPLANATION']).toMatch(/^confirmed by reviewer alice on 2026-01-02; .*=/);
    expect(finalLoad[(twin?.row ?? 0) - 1]).toMatchObject({
      'UNIQUE REFERENCE': 'TWIN',
      NHS_NUMBER: n(1),
      NHS_NUMBER_STATUS_INDICATOR: '01',
    });
    expect(final[(smith?.row ?? 0) - 1]).toMatchObject({
      'ERROR/SUCCESS_CODE': '98',
      TRACE_OUTCOME: 'no-match',
      MATCHED_NHS_NO: '0000000000',
      FAMILY_NAME: '',
    });
    expect(final[(smith?.row ?? 0) - 1]?.['EXPLANATION']).toMatch(/^rejected by reviewer bob/);
    expect(finalLoad[(smith?.row ?? 0) - 1]).toMatchObject({
      NHS_NUMBER: '',
      NHS_NUMBER_STATUS_INDICATOR: '04',
    });
    const conflict = final.find((r) => r['UNIQUE REFERENCE'] === 'CONFLICT');
    expect(conflict).toMatchObject({ TRACE_OUTCOME: 'review', MATCHED_NHS_NO: MULTIPLE_NHS_NO });
  });

  it('re-queues the same rows without duplicates when the job runs again, keeping decisions', async () => {
    const reviews = new MemoryReviewStore();
    const first = await trace(reviews, 'again.csv');
    const [item] = await reviews.listItems(first.jobId);
    await reviews.decide({
      jobId: first.jobId,
      row: item?.item.row ?? 0,
      verdict: 'reject',
      decidedBy: 'carol',
      decidedAt: '2026-01-02T10:00:00.000Z',
    });
    const before = await reviews.listItems(first.jobId);
    const second = await trace(reviews, 'again.csv');
    expect(second.jobId).toBe(first.jobId);
    expect(await reviews.listItems(first.jobId)).toEqual(before);
    expect(await reviews.countItems(first.jobId)).toEqual({ items: 3, pending: 2, decided: 1 });
    expect(await reviews.listJobs()).toHaveLength(1);
  });
});

describe('finaliseTrace on files written by hand', () => {
  const JOB = 'handmade';
  const request = (reference: string) => ({
    ...emptyRequestRow(),
    'UNIQUE REFERENCE': reference,
    FAMILY_NAME: 'Krabapel',
    GIVEN_NAME: 'Edna',
    GENDER: '2',
    DATE_OF_BIRTH: '19610720',
    POSTCODE: 'LS9 9ZZ',
    LOCAL_PATIENT_ID: `L-${reference}`,
  });
  const underReview = {
    code: '97',
    outcome: 'review' as const,
    matchedNhsNumber: MULTIPLE_NHS_NO,
    algorithmIndicator: '0' as const,
    confidence: '',
    explanation: '',
  };

  async function files(name: string, references: readonly string[]): Promise<string> {
    const out = join(folder, `${name}.csv`);
    const rows = references.map((ref) => responseRow(request(ref), underReview));
    await writeFile(out, stringify([[...TRACE_RESPONSE_COLUMNS], ...rows]));
    const load = references.map((ref) => [ref, `L-${ref}`, '', '05', '']);
    await writeFile(join(folder, `${name}.load.csv`), stringify([[...LOAD_COLUMNS], ...load]));
    return out;
  }

  it('withholds a restricted person’s location, and does not apply a stale decision', async () => {
    const reviews = new MemoryReviewStore();
    await reviews.recordJob(testJob(JOB));
    const edna = (row: number, reference: string) =>
      testItem(JOB, row, {
        reference,
        localPatientId: `L-${reference}`,
        request: request(reference),
        candidates: [testCandidate(4, 12), testCandidate(6, 2)],
      });
    await reviews.queueItems([edna(1, 'EDNA'), edna(2, 'OTHER')]);
    for (const row of [1, 2]) {
      await reviews.decide({
        jobId: JOB,
        row,
        verdict: 'accept',
        nhsNumber: n(4),
        decidedBy: 'dave',
        decidedAt: '2026-01-03T08:00:00.000Z',
      });
    }
    // Row 2 of this response holds another reference than the item decided: stale.
    const out = await files('restricted', ['EDNA', 'MOVED']);
    const result = await finaliseTrace({ responsePath: out, jobId: JOB, reviews, lookup });
    expect(result.success && result.data).toMatchObject({
      accepted: 1,
      stale: 1,
      undecided: 1,
    });
    const [first, second] = await table(finalOutputPaths(out).response);
    expect(first).toMatchObject({
      'ERROR/SUCCESS_CODE': '92',
      MATCHED_NHS_NO: n(4),
      FAMILY_NAME: 'Krabappel',
      SENSITIVITY_FLAG: 'R',
      ADDRESS_LINE1: '',
      POSTCODE: '',
      GP_PRACTICE_CODE: '',
    });
    expect(second).toMatchObject({ 'UNIQUE REFERENCE': 'MOVED', TRACE_OUTCOME: 'review' });
    const [load] = await table(finalOutputPaths(out).load);
    // A restricted person's address and postcode are never compared (nothing to leak).
    expect(load).toMatchObject({ NHS_NUMBER: n(4), NHS_NUMBER_STATUS_INDICATOR: '01' });
    expect(load?.['CHANGED_FIELDS']).toBe('DATE_OF_BIRTH;FAMILY_NAME');
    expect(first?.['DATE_OF_BIRTH']).toBe('19600720');
  });

  it('answers an accepted invalidated record 91, with no number and no demographics', async () => {
    const reviews = new MemoryReviewStore();
    await reviews.recordJob(testJob(JOB));
    await reviews.queueItems([
      testItem(JOB, 1, {
        reference: 'BOB',
        localPatientId: 'L-BOB',
        request: request('BOB'),
        candidates: [testCandidate(9, 12), testCandidate(6, 2)],
      }),
    ]);
    await reviews.decide({
      jobId: JOB,
      row: 1,
      verdict: 'accept',
      nhsNumber: n(9),
      decidedBy: 'dave',
      decidedAt: '2026-01-03T08:00:00.000Z',
    });
    const out = await files('invalidated', ['BOB']);
    const result = await finaliseTrace({ responsePath: out, jobId: JOB, reviews, lookup });
    expect(result.success && result.data).toMatchObject({ accepted: 1 });
    const [row] = await table(finalOutputPaths(out).response);
    expect(row).toMatchObject({
      'ERROR/SUCCESS_CODE': '91',
      TRACE_OUTCOME: 'no-match',
      MATCHED_NHS_NO: '0000000000',
      FAMILY_NAME: '',
      DATE_OF_BIRTH: '',
      POSTCODE: '',
      MATCH_WEIGHT: '',
      EXPLANATION:
        'confirmed by reviewer dave on 2026-01-03; landed on an invalidated record; its details are withheld',
    });
    const [load] = await table(finalOutputPaths(out).load);
    expect(load).toMatchObject({ NHS_NUMBER: '', NHS_NUMBER_STATUS_INDICATOR: '04' });
  });

  it('fails as a value on an unknown job, a missing report or a file that is not a response', async () => {
    const reviews = new MemoryReviewStore();
    const out = await files('plain', ['A']);
    const noReport = await finaliseTrace({ responsePath: out, reviews, lookup });
    expect(noReport.success ? '' : noReport.issues[0]?.code).toBe('no-report');
    const unknown = await finaliseTrace({ responsePath: out, jobId: 'nope', reviews, lookup });
    expect(unknown.success ? '' : unknown.issues[0]?.code).toBe('unknown-job');
    await reviews.recordJob(testJob(JOB));
    const wrong = join(folder, 'requests.csv');
    const notResponse = await finaliseTrace({ responsePath: wrong, jobId: JOB, reviews, lookup });
    expect(notResponse.success ? '' : notResponse.issues[0]?.message).toMatch(
      /requests\.csv: line 1: not a response file/,
    );
    const missing = await finaliseTrace({
      responsePath: join(folder, 'absent.csv'),
      jobId: JOB,
      reviews,
      lookup,
    });
    expect(missing.success ? '' : missing.issues[0]?.code).toBe('unreadable');
    const paired = await files('paired', ['A', 'B']);
    await writeFile(
      join(folder, 'paired.load.csv'),
      stringify([[...LOAD_COLUMNS], ['A', 'L-A', '', '05', ''], ['C', 'L-C', '', '05', '']]),
    );
    const mismatch = await finaliseTrace({ responsePath: paired, jobId: JOB, reviews, lookup });
    expect(mismatch.success ? '' : mismatch.issues[0]?.message).toMatch(
      /paired\.load\.csv: line 3: UNIQUE REFERENCE differs/,
    );
    await writeFile(
      join(folder, 'paired.load.csv'),
      stringify([[...LOAD_COLUMNS], ['A', 'L-A', '', '05', ''], ['B', '', '', '05', ''], ['C']]),
    );
    const longer = await finaliseTrace({ responsePath: paired, jobId: JOB, reviews, lookup });
    expect(longer.success ? '' : longer.issues[0]?.message).toMatch(/has more rows/);
    expect(existsSync(finalOutputPaths(paired).response)).toBe(false);
  });
});
