import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { BlockingRule } from '../matching/blocking.js';
import {
  compareRecords,
  defaultModel,
  estimateLambdaFromRules,
  estimateUFromRandomPairs,
  roundRobinEm,
  type CascadeCandidate,
  type MatchModel,
  type MatchRecord,
} from '../matching/index.js';
import { fail, ok, type Result } from '../core/result.js';
import { buildInMemoryIndex } from './in-memory-index.js';
import { floorWeights } from './in-memory-train-floor.js';

/**
 * The blocking rules EM trains on (round robin): each fixes the comparisons it blocks on and
 * learns the others. Date of birth alone teaches names and places; names teach date of birth;
 * postcode teaches names and date of birth again from different pairs.
 */
export const TRAINING_RULES: readonly BlockingRule[] = [
  { id: 'train-dob', parts: ['birth-date'], fixes: ['date-of-birth'] },
  {
    id: 'train-names',
    parts: ['given-phonetic', 'family-phonetic'],
    fixes: ['given-name', 'family-name'],
  },
  { id: 'train-postcode', parts: ['postcode'], fixes: ['postcode', 'address'] },
];

/** Settings of {@link trainInMemory}. */
export interface TrainOptions {
  /** Seed of the random pair sampling (same seed, same model). */
  readonly seed: number;
  /** Random request × register pairs for u; default 300,000. */
  readonly randomPairs?: number;
  /** Share of true matches the deterministic rules are assumed to catch; default 0.7. */
  readonly recall?: number;
  /** Largest block EM takes pairs from; default 400. */
  readonly cap?: number;
  /** ISO timestamp for the provenance. */
  readonly at?: string;
  /** Starting model; default {@link defaultModel}. */
  readonly start?: MatchModel;
}

/** The trained model and what it was trained on. */
export interface TrainReport {
  readonly model: MatchModel;
  readonly randomPairs: number;
  /** Random pairs left out of the u sample because the deterministic rules accept them. */
  readonly excludedRandomPairs: number;
  readonly ruleMatches: number;
  readonly emPairs: Readonly<Record<string, number>>;
}

/**
 * The deterministic rules of the λ estimate: the same NHS Number, or the same family name, first
 * given name, full date of birth and full postcode.
 * @param request - the request record
 * @param candidate - a register record
 */
export function acceptedByRules(request: MatchRecord, candidate: MatchRecord): boolean {
  if (request.nhsNumber !== undefined && request.nhsNumber === candidate.nhsNumber) {
    return true;
  }
  const a = request.birthDate;
  const b = candidate.birthDate;
  return (
    request.familyName !== undefined &&
    request.familyName === candidate.familyName &&
    request.givenFirst !== undefined &&
    request.givenFirst === candidate.givenFirst &&
    a?.day !== undefined &&
    a.year === b?.year &&
    a.month === b.month &&
    a.day === b.day &&
    request.postcode !== undefined &&
    request.postcode.full === candidate.postcode?.full
  );
}

/**
 * Trains a model without labels, Splink's sequence: u from random request × register pairs, λ
 * from the deterministic rules ({@link acceptedByRules}) at an assumed recall, then m by EM over
 * blocked pairs, round robin over {@link TRAINING_RULES}. Never looks at any ground truth: only
 * the two sides' demographics. Fails when the rules match no pair (λ cannot be estimated).
 * @param register - the register records, `id` = current NHS Number
 * @param requests - the request records
 * @param candidates - the request's blocked candidates (for counting rule matches)
 * @param options - seed, sample size, assumed recall
 */
export function trainInMemory(
  register: readonly CascadeCandidate[],
  requests: readonly MatchRecord[],
  candidates: (request: MatchRecord) => readonly CascadeCandidate[],
  options: TrainOptions,
): Result<TrainReport> {
  if (register.length === 0 || requests.length === 0) {
    return fail({ code: 'empty', message: 'training needs register and request records' });
  }
  const at = options.at === undefined ? {} : { at: options.at };
  const start = options.start ?? defaultModel();
  const generator = xoroshiro128plus(options.seed);
  const pairs = options.randomPairs ?? 300_000;
  const uVectors: number[][] = [];
  let excluded = 0;
  for (let i = 0; i < pairs; i += 1) {
    const request = requests[uniformInt(generator, 0, requests.length - 1)];
    const candidate = register[uniformInt(generator, 0, register.length - 1)];
    if (request === undefined || candidate === undefined) {
      continue;
    }
    if (acceptedByRules(request, candidate.record)) {
      excluded += 1; // almost surely the same person: it would inflate u of the rare levels
      continue;
    }
    uVectors.push(compareRecords(request, candidate.record, start));
  }
  const withU = estimateUFromRandomPairs(start, uVectors, options.at);
  let ruleMatches = 0;
  for (const request of requests) {
    ruleMatches += candidates(request).filter((c) => acceptedByRules(request, c.record)).length;
  }
  const withLambda = estimateLambdaFromRules(withU, {
    pairsMatchedByRules: ruleMatches,
    totalPairs: requests.length * register.length,
    recall: options.recall ?? 0.7,
    ...at,
  });
  if (!withLambda.success) {
    return withLambda;
  }
  const index = buildInMemoryIndex(register, {
    rules: TRAINING_RULES,
    cap: options.cap ?? 400,
  });
  const emPairs: Record<string, number> = {};
  const passes = TRAINING_RULES.map((rule) => {
    const vectors = requests.flatMap((request) =>
      index.block(rule, request).flatMap((position) => {
        const candidate = index.at(position);
        return candidate === undefined ? [] : [compareRecords(request, candidate.record, start)];
      }),
    );
    emPairs[rule.id] = vectors.length;
    return { fixed: rule.fixes, vectors };
  });
  const model = floorWeights(roundRobinEm(withLambda.data, passes, at), options.at);
  return ok({ model, randomPairs: pairs, excludedRandomPairs: excluded, ruleMatches, emPairs });
}
