import { describe, expect, it } from 'vitest';
import { defaultModel } from './model/default-model.js';
import { buildMatchRecord } from './record-builder.js';
import { modelToJson, parseModel, serialiseModel } from './settings.js';
import { ASHWORTH } from './test-support/fixtures.js';
import { score } from './weights.js';

const model = defaultModel();
const text = serialiseModel(model);

/** The default model file, edited by `change` (a person's hand edit). */
function edited(change: (file: ReturnType<typeof modelToJson>) => void): string {
  const file = JSON.parse(text) as ReturnType<typeof modelToJson>;
  change(file);
  return JSON.stringify(file);
}

function issuesOf(content: string): unknown {
  const result = parseModel(content);
  return result.success ? 'parsed' : result.issues;
}

describe('model files', () => {
  it('round-trips: parse(serialise(model)) scores exactly as the model', () => {
    const parsed = parseModel(text);
    expect(parsed.success).toBe(true);
    if (!parsed.success) {
      return;
    }
    expect(serialiseModel(parsed.data)).toBe(text);
    const a = buildMatchRecord(ASHWORTH.margaret);
    const b = buildMatchRecord({ ...ASHWORTH.margaret, givenNames: 'Peggy', postcode: 'LS6 2QU' });
    expect(score(a, b, parsed.data)).toEqual(score(a, b, model));
  });

  it('is readable: names, labels, m, u, weights, λ, prior and history', () => {
    const file = modelToJson(model);
    expect(file.priorWeight).toBe(-19.932);
    const exact = file.comparisons.find((c) => c.id === 'date-of-birth')?.levels[1];
    expect(exact).toEqual({
      id: 'exact',
      label: 'date of birth exact',
      kind: 'agree',
      m: 0.88,
      u: 0.000034,
      weight: 14.66,
    });
    expect(file.provenance[0]?.step).toBe('defaults');
  });

  it('keeps edited m and u', () => {
    const parsed = parseModel(
      edited((f) => {
        const levels = f.comparisons[4]!.levels;
        levels[1] = { ...levels[1]!, m: 0.9 };
        levels[2] = { ...levels[2]!, m: 0.1 };
      }),
    );
    expect(parsed.success && parsed.data.comparisons[4]?.levels[1]?.m).toBe(0.9);
  });

  it.each([
    ['not JSON', '{', [{ code: 'bad-json' }]],
    [
      'a probability above 1 and a λ of 0',
      edited((f) => {
        f.lambda = 0;
        f.comparisons[0]!.levels[1]!.m = 1.5;
      }),
      [
        { code: 'bad-model-file', path: 'lambda' },
        { code: 'bad-model-file', path: 'comparisons.0.levels.1.m' },
      ],
    ],
    [
      'an unknown comparison',
      edited((f) => {
        (f.comparisons[0] as { id: string }).id = 'shoe-size';
      }),
      [{ code: 'bad-model-file', path: 'comparisons.0.id' }],
    ],
    [
      'levels out of order',
      edited((f) => {
        f.comparisons[1]!.levels.reverse();
      }),
      [{ code: 'levels-mismatch', path: 'comparisons.1.levels' }],
    ],
    [
      'thresholds the wrong way round',
      edited((f) => {
        f.comparisons[1]!.options = { jwHigh: 0.8, jwLow: 0.9 };
      }),
      [{ code: 'bad-option', path: 'comparisons.1.options.jwLow' }],
    ],
    [
      'm values that do not sum to 1',
      edited((f) => {
        f.comparisons[4]!.levels[1]!.m = 0.5;
      }),
      [{ code: 'bad-sum', path: 'comparisons.4.levels' }],
    ],
    [
      'a comparison twice',
      edited((f) => {
        f.comparisons.push(f.comparisons[4]!);
      }),
      [{ code: 'duplicate-comparison', path: 'comparisons.7' }],
    ],
  ])('rejects %s with a clear issue list', (_, content, expected) => {
    const issues = issuesOf(content);
    expect(issues).toMatchObject(expected);
    expect((issues as { message: string }[]).every((i) => i.message.length > 10)).toBe(true);
  });

  it('explains a wrong level list in words', () => {
    const content = edited((f) => {
      f.comparisons[4]!.levels.pop();
    });
    expect(issuesOf(content)).toMatchInlineSnapshot(`
      [
        {
          "code": "levels-mismatch",
          "message": "comparison gender must have the levels null:null, match:agree, else:else in that order; the file has null:null, match:agree",
          "path": "comparisons.4.levels",
        },
      ]
    `);
  });
});
