import { describe, expect, it } from 'vitest';
import type { RegisterPerson } from '../core/person.js';
import { parseRequestRow } from '../formats/pds-mesh-request.js';
import { parseModel, serialiseModel } from '../matching/index.js';
import { generatePopulation } from '../synthetic/population/generate-population.js';
import { ERROR_RATES } from '../synthetic/requests/error-rates.js';
import { generateRequests } from '../synthetic/requests/generate-requests.js';
import { RegisterPools } from '../synthetic/requests/register-pools.js';
import { createRng } from '../synthetic/rng.js';
import type { TruthRow } from './accuracy.js';
import type { RequestInput } from './accuracy-files.js';
import { runAccuracy } from './accuracy-run.js';
import { matchInputFromRequestRow } from './in-memory-request.js';

async function* stream(people: readonly RegisterPerson[]): AsyncGenerator<RegisterPerson> {
  for (const person of people) {
    yield await Promise.resolve(person);
  }
}

/** A small synthetic run: 2,000 people and 300 requests from the project generator. */
async function smallRun() {
  const people = [...generatePopulation({ people: 2000, seed: 11 })];
  const rng = createRng(12);
  const pools = new RegisterPools(rng);
  people.forEach((p) => {
    pools.observe(p);
  });
  const requests: RequestInput[] = [];
  const truth: TruthRow[] = [];
  for await (const { row, truth: t } of generateRequests(stream(people), {
    requests: 300,
    rates: ERROR_RATES,
    rng,
    pools,
  })) {
    const checked = parseRequestRow(row);
    requests.push(
      checked.success
        ? { reference: t.reference, input: matchInputFromRequestRow(row) }
        : { reference: t.reference, errorCode: checked.issues[0]?.code ?? '01' },
    );
    truth.push(t);
  }
  return runAccuracy(people, requests, truth, { seed: 3, randomPairs: 20_000 });
}

describe('runAccuracy on a small generated register', () => {
  it('traces most requests and attaches no wrong number', async () => {
    const run = await smallRun();
    expect(run.success).toBe(true);
    if (!run.success) {
      return;
    }
    const { deterministic, probabilistic, train } = run.data;
    expect(probabilistic.figures.requests).toBe(300);
    expect(probabilistic.figures.tracedRate).toBeGreaterThanOrEqual(0.93);
    expect(probabilistic.figures.wrong).toBeLessThanOrEqual(1);
    expect(probabilistic.figures.reviewRate).toBeLessThanOrEqual(0.05);
    expect(probabilistic.figures.tracedRate).toBeGreaterThan(deterministic.figures.tracedRate);
    expect(deterministic.figures.wrong).toBe(0);
    const reread = parseModel(serialiseModel(train.model));
    expect(reread.success && reread.data.lambda).toBe(train.model.lambda);
    expect(train.model.provenance.map((s) => s.step).slice(0, 6)).toEqual([
      'defaults',
      'u-random-sampling',
      'lambda-from-rules',
      'm-expectation-maximisation',
      'm-expectation-maximisation',
      'm-expectation-maximisation',
    ]);
  }, 30_000);
});
