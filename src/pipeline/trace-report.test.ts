import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultModel } from '../matching/index.js';
import { openRequestStream, type SourceRow } from './request-source.js';
import { allAnswers, inMemoryBackend } from './trace-backend.js';
import type { RowTrace } from './trace-decide.js';
import { traceRegisterFrom } from './trace-register.js';
import { traceReportHtml } from './trace-report-html.js';
import {
  countRow,
  countsFromJson,
  countsToJson,
  emptyCounts,
  traceReport,
  weightHistogram,
  type TraceCounts,
} from './trace-report.js';
import { TRACE_REGISTER, traceRequestFile } from './test-support/trace-fixtures.js';

const rows: SourceRow[] = [];
let traces: readonly RowTrace[] = [];

beforeAll(async () => {
  const opened = await openRequestStream(Readable.from([traceRequestFile()]), 'requests.csv', {
    today: '2026-01-01',
  });
  if (!opened.success) {
    throw new Error(opened.issues[0]?.message);
  }
  for await (const row of opened.data.rows()) {
    rows.push(row);
  }
  const backend = inMemoryBackend(traceRegisterFrom(TRACE_REGISTER));
  traces = allAnswers(
    await backend.tracer({ model: defaultModel(), dateFormat: 'YYYYMMDD' }).trace(rows),
  );
});

/** Counts rows `from` to `to` of the fixture into the counts. */
function countRange(counts: TraceCounts, from: number, to: number): TraceCounts {
  for (let i = from; i < to; i += 1) {
    const [row, traced] = [rows[i], traces[i]];
    if (row === undefined || traced === undefined) {
      throw new Error(`no row ${i}`);
    }
    countRow(counts, traced, row);
  }
  return counts;
}

const CONTEXT = {
  input: 'requests.csv',
  startedAt: '2026-01-01T00:00:00.000Z',
  seconds: 1,
  registerPeople: TRACE_REGISTER.length,
  model: { name: 'default', version: 'abc', trained: false },
  blankRows: 0,
  files: {},
};

describe('trace counts as JSON (for a checkpoint)', () => {
  it('round-trip through JSON text unchanged', () => {
    const counts = countRange(emptyCounts(), 0, rows.length);
    const text = JSON.stringify(countsToJson(counts));
    const back = countsFromJson(JSON.parse(text));
    expect(back).toEqual({ success: true, data: counts });
  });

  it('restored part-way, go on counting to the same totals as one pass', () => {
    for (const cut of [0, 1, 7, rows.length - 1, rows.length]) {
      const saved = JSON.stringify(countsToJson(countRange(emptyCounts(), 0, cut)));
      const restored = countsFromJson(JSON.parse(saved));
      if (!restored.success) {
        throw new Error(restored.issues[0]?.message);
      }
      const resumed = countRange(restored.data, cut, rows.length);
      expect(resumed).toEqual(countRange(emptyCounts(), 0, rows.length));
      expect(traceReport(resumed, CONTEXT)).toEqual(
        traceReport(countRange(emptyCounts(), 0, rows.length), CONTEXT),
      );
    }
  });

  it('are a copy: counting on does not change the saved value', () => {
    const counts = countRange(emptyCounts(), 0, 3);
    const saved = countsToJson(counts);
    countRange(counts, 3, 6);
    expect(saved.rows).toBe(3);
  });

  it('refuse a value that is not counts, naming the path at fault', () => {
    const good = countsToJson(countRange(emptyCounts(), 0, rows.length));
    const cases: [unknown, RegExp][] = [
      [{ ...good, format: 'nhs-trace-counts/0' }, /format/],
      [{ ...good, rows: -1 }, /rows/],
      [{ ...good, codes: { '00': 1.5 } }, /codes/],
      [{ ...good, weights: { ten: { matched: 1 } } }, /weights/],
      [{ ...good, profile: { ...good.profile, addressLines: [1] } }, /profile\.addressLines/],
      [null, /expected object/],
    ];
    for (const [value, message] of cases) {
      const result = countsFromJson(value);
      expect(result.success).toBe(false);
      expect(result.success ? '' : result.issues.map((i) => i.message).join('; ')).toMatch(message);
    }
  });
});

describe('the JSON report', () => {
  it('gives the histogram, reasons and data-quality profile', () => {
    const report = traceReport(countRange(emptyCounts(), 0, rows.length), CONTEXT);
    expect(report.weights.thresholds.review).toBe(0);
    expect(report.weights.thresholds.match).toBeCloseTo(9.96, 2);
    const scored = report.weights.bins.reduce((sum, b) => sum + b.total, 0);
    expect(scored).toBe(traces.filter((t) => t.answer.weight !== undefined).length);
    expect(report.reasons.review.map((r) => r.code)).toEqual(
      expect.arrayContaining(['possible-twin', 'supplied-number-birth-date-differs']),
    );
    expect(report.reasons['no-match'].find((r) => r.code === 'no-candidates')).toMatchObject({
      kind: 'decision',
      count: 1,
      rate: 0.5,
    });
    expect(report.reasons['no-match'].find((r) => r.code === 'invalidated-record')).toMatchObject({
      label: 'The trace landed on an invalidated record (code 91, details withheld)',
      count: 1,
      rate: 0.5,
    });
    expect(report.reasons.review.find((r) => r.code === 'cross-check-no-number')?.kind).toBe(
      'cascade',
    );
    const { profile } = report;
    expect(profile.rows).toBe(rows.length);
    expect(profile.rowErrors.map((e) => e.code).sort()).toEqual(
      ['01', '02', '08', '10', '11', '12', '13', '16', '17', '96'].sort(),
    );
    const field = (column: string) => profile.fields.find((f) => f.column === column);
    expect(field('NHS_NO')?.present.count).toBe(rows.filter((r) => r.row.NHS_NO !== '').length);
    expect(field('GENDER')?.unusable).toEqual([
      expect.objectContaining({ code: 'error-12', count: 1 }),
    ]);
    expect(field('DATE_OF_BIRTH')?.unusable[0]).toMatchObject({ code: 'error-13', count: 1 });
    expect(field('EMAIL_ADDRESS')).toBeUndefined();
    expect(report.codes.find((c) => c.code === '98')?.label).toBe('No match found');
  });

  it('places thresholds of certainty on the axis, and draws with them', () => {
    const counts = countRange(emptyCounts(), 0, rows.length);
    const thresholds = { matchProbability: 1, reviewProbability: 0, minimumMargin: 5 };
    const report = traceReport(counts, { ...CONTEXT, thresholds });
    expect(Number.isFinite(report.weights.thresholds.match)).toBe(true);
    expect(Number.isFinite(report.weights.thresholds.review)).toBe(true);
    expect(report.weights.thresholds.match).toBeGreaterThan(40);
    expect(traceReportHtml(report)).not.toMatch(/NaN|Infinity/);
    expect(traceReportHtml(traceReport(emptyCounts(), CONTEXT))).not.toMatch(/NaN|Infinity/);
  });

  it('is all zeros, with no bins, for a file with no data rows', () => {
    const report = traceReport(emptyCounts(), CONTEXT);
    expect(report.weights.bins).toEqual([]);
    expect(report.profile.fields.every((f) => f.present.rate === 0)).toBe(true);
    expect(report.reasons.review).toEqual([]);
  });

  it('merges whole-bit bins into 2-bit bins when there would be more than 40', () => {
    const counts = emptyCounts();
    Object.assign(counts.weights, {
      '-31': { 'no-match': 2 },
      '-30': { review: 1 },
      '12': { matched: 1, review: 1 },
      '25': { matched: 3 },
    });
    const histogram = weightHistogram(counts);
    expect(histogram.binBits).toBe(2);
    expect(histogram.bins[0]).toMatchObject({ from: -32, to: -30, total: 2 });
    expect(histogram.bins.at(-1)).toMatchObject({ from: 24, to: 26, total: 3 });
    expect(histogram.bins.find((b) => b.from === 12)?.outcomes).toEqual({ matched: 1, review: 1 });
    expect(histogram.bins.reduce((sum, b) => sum + b.total, 0)).toBe(8);
    histogram.bins.slice(1).forEach((bin, i) => {
      expect(bin.from).toBe(histogram.bins[i]?.to);
    });
    const edge = emptyCounts();
    Object.assign(edge.weights, { '0': { review: 1 }, '39': { matched: 1 } });
    expect(weightHistogram(edge).bins).toHaveLength(40);
    Object.assign(edge.weights, { '40': { matched: 1 } });
    expect(weightHistogram(edge)).toMatchObject({ binBits: 2 });
    expect(weightHistogram(edge).bins).toHaveLength(21);
  });
});
