import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { defaultModel } from '../matching/index.js';
import type { TraceResult } from '../matching/trace-decision.js';
import { testNhsNumber as n } from '../storage/test-support/register-people.js';
import { openRequestStream, type SourceRow } from './request-source.js';
import { traceSourceRow } from './trace-decide.js';
import { confidencePercentage, explanationText } from './trace-explain.js';
import { traceRegisterFrom } from './trace-register.js';
import { TRACE_REGISTER } from './test-support/trace-fixtures.js';

const register = traceRegisterFrom(TRACE_REGISTER);
const settings = { model: defaultModel(), lookup: register.lookup };

/** One request row, read through the request-file reader. */
async function sourceRow(cells: Record<string, string>): Promise<SourceRow> {
  const names = Object.keys(cells);
  const text = stringify([names, names.map((name) => cells[name] ?? '')]);
  const source = await openRequestStream(Readable.from([Buffer.from(text)]), 'test.csv');
  if (!source.success) {
    throw new Error(source.issues[0]?.message);
  }
  for await (const row of source.data.rows()) {
    return row;
  }
  throw new Error('no row');
}

const homer = {
  'UNIQUE REFERENCE': 'R1',
  FAMILY_NAME: 'Simpson',
  GIVEN_NAME: 'Homer',
  GENDER: '1',
  DATE_OF_BIRTH: '19560512',
  POSTCODE: 'LS1 6AE',
};

describe('traceSourceRow', () => {
  it('never replaces a supplied valid number that belongs to someone else', async () => {
    const traced = traceSourceRow(
      await sourceRow({ ...homer, NHS_NO: n(7) }),
      register,
      settings,
      'YYYYMMDD',
    );
    expect(traced.answer).toMatchObject({
      outcome: 'review',
      code: '97',
      matchedNhsNumber: '9999999999',
    });
    expect(traced.conflicts.map((c) => c.kind)).toEqual(['supplied-number-birth-date-differs']);
    expect(traced.suppliedValid).toBe(true);
  });

  it('reports a supplied valid number unknown to the register when the demographics trace elsewhere', async () => {
    const unknown = n(999);
    const traced = traceSourceRow(
      await sourceRow({ ...homer, NHS_NO: unknown }),
      register,
      settings,
      'YYYYMMDD',
    );
    expect(traced.answer.outcome).toBe('review');
    expect(traced.conflicts).toEqual([
      { kind: 'supplied-number-differs', field: 'NHS_NO', local: unknown, register: n(0) },
    ]);
  });

  it('matches on demographics alone with the alphanumeric indicator and full confidence', async () => {
    const traced = traceSourceRow(await sourceRow(homer), register, settings, 'YYYYMMDD');
    expect(traced.answer).toMatchObject({
      outcome: 'matched',
      code: '00',
      matchedNhsNumber: n(0),
      algorithmIndicator: '3',
      confidence: '100',
    });
    expect(traced.conflicts).toEqual([]);
  });
});

describe('confidencePercentage and explanationText', () => {
  const candidate = {
    id: n(0),
    weight: 12,
    probability: 0.9996,
    explanation: [
      {
        comparison: 'family-name',
        comparisonLabel: 'Family name',
        level: 'exact',
        label: 'Exact',
        m: 0.9,
        u: 0.01,
        weight: 6.49,
        tfAdjustment: -0.5,
      },
      {
        comparison: 'gender',
        comparisonLabel: 'Gender',
        level: 'differs',
        label: 'Differs',
        m: 0.01,
        u: 0.5,
        weight: -5.64,
        tfAdjustment: 0,
      },
    ],
  };
  const result = (method: TraceResult['method'], probability: number): TraceResult => ({
    outcome: 'matched',
    ...(method === undefined ? {} : { method }),
    candidates: [{ ...candidate, probability }],
    reasons: [],
  });

  it('is 100 for the deterministic steps and the floored probability, kept in 50-100, otherwise', () => {
    expect(confidencePercentage(result('cross-check', 0.2))).toBe('100');
    expect(confidencePercentage(result('probabilistic', 0.9996))).toBe('99');
    expect(confidencePercentage(result('probabilistic', 0.3))).toBe('50');
    expect(confidencePercentage(result('probabilistic', 1))).toBe('100');
  });

  it('lists each comparison’s level and weight with its term-frequency adjustment', () => {
    expect(explanationText(candidate)).toBe('family-name=exact+6.0; gender=differs-5.6');
    expect(explanationText(undefined)).toBe('');
  });

  it('writes a contribution by its own weight, whichever of its level was written before', () => {
    const [family, gender] = candidate.explanation;
    if (family === undefined || gender === undefined) {
      throw new Error('the candidate has two contributions');
    }
    const plain = Object.freeze({ ...family, tfAdjustment: 0 });
    const rarer = { ...family, tfAdjustment: 1.5 };
    const text = (explanation: (typeof candidate)['explanation']) =>
      explanationText({ ...candidate, explanation });
    expect(text([plain, gender])).toBe('family-name=exact+6.5; gender=differs-5.6');
    expect(text([plain])).toBe('family-name=exact+6.5');
    expect(text([rarer])).toBe('family-name=exact+8.0');
    expect(text([family, plain])).toBe('family-name=exact+6.0; family-name=exact+6.5');
  });
});
