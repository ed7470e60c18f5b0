import { describe, expect, it } from 'vitest';
import { defaultModel } from '../matching/index.js';
import { allAnswers, chunkAnswers, inMemoryBackend } from './trace-backend.js';
import { chunkText, ChunkTextBuilder } from './trace-chunk-text.js';
import { traceRegisterFrom } from './trace-register.js';
import { addCounts, emptyCounts } from './trace-report-counts.js';
import { readSourceRows } from './test-support/source-rows.js';
import { generatedTraceData } from './test-support/trace-generated.js';

describe('chunk text', () => {
  it('is the same whether the rows are written in one chunk or in parts whose counts are added', async () => {
    const { people, requestCsv } = await generatedTraceData({
      people: 400,
      requests: 600,
      seed: 5,
    });
    const rows = await readSourceRows(requestCsv, { today: '2026-01-01' });
    const tracer = inMemoryBackend(traceRegisterFrom(people)).tracer({
      model: defaultModel(),
      dateFormat: 'YYYYMMDD',
    });
    const answers = allAnswers(await tracer.trace(rows));
    const whole = chunkText(
      rows,
      chunkAnswers(rows, (_, i) => answers[i] ?? answers[0]!),
    );
    // The generated file has matches, unmatched rows, conflicts and rows for people.
    expect(whole.counts.outcomes.matched).toBeGreaterThan(0);
    expect(whole.cleansing.unmatched.rows).toBeGreaterThan(0);
    expect(whole.review.rows.length).toBeGreaterThan(0);
    expect(whole.cleansing.conflicts.rows).toBeGreaterThan(0);

    const cuts = [0, 17, 250, 251, rows.length];
    const builder = new ChunkTextBuilder();
    const counts = emptyCounts();
    const parts = cuts.slice(1).map((to, n) => {
      const from = cuts[n] ?? 0;
      const part = rows.slice(from, to);
      const partAnswers = answers.slice(from, to);
      const answersOf = chunkAnswers(part, (_, i) => partAnswers[i] ?? answers[0]!);
      builder.add(part, answersOf);
      const text = chunkText(part, answersOf);
      // As a worker's text arrives: through a structured clone.
      addCounts(counts, structuredClone(text.counts));
      return text;
    });
    expect(counts).toEqual(whole.counts);
    expect(parts.map((p) => p.response).join('')).toBe(whole.response);
    expect(parts.map((p) => p.cleansing.load.text).join('')).toBe(whole.cleansing.load.text);
    expect(parts.flatMap((p) => p.cleansing.matched)).toEqual(whole.cleansing.matched);
    expect(builder.text()).toEqual(whole);
  });
});
