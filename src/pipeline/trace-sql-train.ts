import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { fail, ok, type Result } from '../core/result.js';
import {
  compareRecords,
  defaultModel,
  estimateLambdaFromRules,
  estimateUFromRandomPairs,
  roundRobinEm,
  type MatchRecord,
} from '../matching/index.js';
import type { MatchIndex } from '../storage/match-index.js';
import {
  acceptedByRules,
  TRAINING_RULES,
  type TrainOptions,
  type TrainReport,
} from './in-memory-train.js';
import { floorWeights } from './in-memory-train-floor.js';

/**
 * Trains a model without labels against a register held in a match index: the same steps, the
 * same random pairs and the same blocked pairs as `trainInMemory`, with the register side read
 * from the store. u: the seeded random request × register pairs are drawn exactly as in memory
 * (register position = NHS Number order, as in memory), their records fetched by position and
 * compared in TypeScript. λ: the rule matches are counted in SQL. m: each training rule's
 * blocked pairs are compared in SQL and come back counted by comparison vector, and EM runs over
 * the counted patterns (the same result as over the repeated vectors). Memory stays bounded by
 * the random-pair sample and the number of distinct vectors, whatever the register's size.
 * @param index - the register's match index
 * @param requests - the request records (a sample of the file)
 * @param options - seed, sample size, assumed recall, cap, provenance
 */
export async function trainWithIndex(
  index: MatchIndex,
  requests: readonly MatchRecord[],
  options: TrainOptions,
): Promise<Result<TrainReport>> {
  const size = index.status.people;
  if (size === 0 || requests.length === 0) {
    return fail({ code: 'empty', message: 'training needs register and request records' });
  }
  const at = options.at === undefined ? {} : { at: options.at };
  const start = options.start ?? defaultModel();
  const generator = xoroshiro128plus(options.seed);
  const pairs = options.randomPairs ?? 300_000;
  const drawn: [number, number][] = [];
  for (let i = 0; i < pairs; i += 1) {
    drawn.push([uniformInt(generator, 0, requests.length - 1), uniformInt(generator, 0, size - 1)]);
  }
  const records = await index.recordsAt(drawn.map(([, position]) => position));
  const uVectors: number[][] = [];
  let excluded = 0;
  for (const [r, position] of drawn) {
    const request = requests[r];
    const candidate = records.get(position);
    if (request === undefined || candidate === undefined) {
      continue;
    }
    if (acceptedByRules(request, candidate)) {
      excluded += 1;
      continue;
    }
    uVectors.push(compareRecords(request, candidate, start));
  }
  const withU = estimateUFromRandomPairs(start, uVectors, options.at);
  const ruleMatches = await index.ruleMatches(requests);
  const withLambda = estimateLambdaFromRules(withU, {
    pairsMatchedByRules: ruleMatches,
    totalPairs: requests.length * size,
    recall: options.recall ?? 0.7,
    ...at,
  });
  if (!withLambda.success) {
    return withLambda;
  }
  const emPairs: Record<string, number> = {};
  const passes = [];
  for (const rule of TRAINING_RULES) {
    const blocked = await index.blockedVectors(requests, rule, start, options.cap ?? 400);
    emPairs[rule.id] = blocked.counts.reduce((sum, n) => sum + n, 0);
    passes.push({ fixed: rule.fixes, vectors: blocked.vectors, counts: blocked.counts });
  }
  const model = floorWeights(roundRobinEm(withLambda.data, passes, at), options.at);
  return ok({ model, randomPairs: pairs, excludedRandomPairs: excluded, ruleMatches, emPairs });
}
