import { performance } from 'node:perf_hooks';
import type { RegisterPerson } from '../core/person.js';
import { ok, type Result } from '../core/result.js';
import { countKeys, DEFAULT_KEY_CAP } from '../matching/blocking.js';
import { estimatePairs, type PairEstimate } from '../matching/blocking-estimate.js';
import {
  buildMatchRecord,
  defaultModel,
  fromRegisterPerson,
  type CascadeCandidate,
  type DecisionThresholds,
  type MatchRecord,
} from '../matching/index.js';
import { traceDeterministic, traceTwoSteps, type TraceResult } from '../matching/trace-decision.js';
import {
  accuracyFigures,
  type AccuracyFigures,
  type TracedRow,
  type TruthRow,
} from './accuracy.js';
import type { RequestInput } from './accuracy-files.js';
import { buildExactLookup } from './in-memory-exact.js';
import { buildInMemoryIndex } from './in-memory-index.js';
import { inMemoryTermFrequencies } from './in-memory-tf.js';
import { trainInMemory, type TrainReport } from './in-memory-train.js';

/** Settings of {@link runAccuracy}. */
export interface AccuracyRunOptions {
  /** Seed of the training's random pair sample. */
  readonly seed: number;
  /** Random pairs for u; default 300,000. */
  readonly randomPairs?: number;
  /** Blocking key cap; default {@link DEFAULT_KEY_CAP}. */
  readonly cap?: number;
  readonly thresholds?: DecisionThresholds;
  /** Trace with the untrained default model (with the trained λ) instead of the trained one. */
  readonly untrained?: boolean;
}

/** One path's results: the figures and how fast it ran. */
export interface PathFigures {
  readonly figures: AccuracyFigures;
  /** Wall-clock seconds for tracing every request (blocking included). */
  readonly seconds: number;
  readonly requestsPerSecond: number;
  /** Mean candidates compared per traced request. */
  readonly meanCandidates: number;
}

/** Everything one accuracy run measured. */
export interface AccuracyRun {
  readonly estimate: PairEstimate;
  readonly train: TrainReport;
  readonly trainSeconds: number;
  readonly deterministic: PathFigures;
  readonly probabilistic: PathFigures;
}

function tracePath(
  requests: readonly { reference: string; record?: MatchRecord }[],
  trace: (request: MatchRecord) => {
    readonly result: TraceResult;
    readonly candidates: readonly CascadeCandidate[];
  },
): { traced: Map<string, TracedRow>; seconds: number; meanCandidates: number } {
  const traced = new Map<string, TracedRow>();
  let compared = 0;
  let rows = 0;
  const started = performance.now();
  for (const { reference, record } of requests) {
    if (record === undefined) {
      continue;
    }
    const { result, candidates } = trace(record);
    compared += candidates.length;
    rows += 1;
    traced.set(reference, {
      reference,
      outcome: result.outcome,
      ...(result.nhsNumber === undefined ? {} : { nhsNumber: result.nhsNumber }),
    });
  }
  return {
    traced,
    seconds: (performance.now() - started) / 1000,
    meanCandidates: rows === 0 ? 0 : compared / rows,
  };
}

/**
 * Runs the in-process trace end to end and scores it: builds the register's records, index and
 * term frequencies, estimates the blocking pairs, trains a model without labels (unless one is
 * given), traces every request with the deterministic cascade alone and with cascade +
 * Fellegi-Sunter, and scores both against the ground truth (read only at the scoring step).
 * @param people - the register
 * @param requests - the request rows (rejected rows count as no-match)
 * @param truth - the ground truth of every request row
 * @param options - seed, sample size, cap, thresholds
 */
export function runAccuracy(
  people: readonly RegisterPerson[],
  requests: readonly RequestInput[],
  truth: readonly TruthRow[],
  options: AccuracyRunOptions,
): Result<AccuracyRun> {
  const register = people.map((p) => ({ id: p.nhsNumber, record: fromRegisterPerson(p) }));
  const cap = options.cap ?? DEFAULT_KEY_CAP;
  const index = buildInMemoryIndex(register, { cap });
  const lookup = inMemoryTermFrequencies(register.map((r) => r.record));
  const built = requests.map((r) => ({
    reference: r.reference,
    ...(r.input === undefined ? {} : { record: buildMatchRecord(r.input) }),
  }));
  const records = built.flatMap((r) => (r.record === undefined ? [] : [r.record]));
  const estimate = estimatePairs(
    index.rules,
    countKeys(index.rules, records),
    countKeys(
      index.rules,
      register.map((r) => r.record),
    ),
    { cap, leftRecords: records.length },
  );
  const started = performance.now();
  const trained = trainInMemory(register, records, (r) => index.candidates(r), {
    seed: options.seed,
    ...(options.randomPairs === undefined ? {} : { randomPairs: options.randomPairs }),
  });
  if (!trained.success) {
    return trained;
  }
  const trainSeconds = (performance.now() - started) / 1000;
  const model =
    options.untrained === true
      ? { ...defaultModel(), lambda: trained.data.model.lambda }
      : trained.data.model;
  const settings = {
    model,
    lookup,
    ...(options.thresholds === undefined ? {} : { thresholds: options.thresholds }),
  };
  const exact = buildExactLookup(register);
  const deterministic = (r: MatchRecord) => {
    const candidates = exact.candidates(r);
    return { result: traceDeterministic(r, candidates), candidates };
  };
  const probabilistic = (r: MatchRecord) =>
    traceTwoSteps(r, exact.candidates(r), () => index.candidates(r), settings);
  const figures = (run: ReturnType<typeof tracePath>): PathFigures => ({
    figures: accuracyFigures(truth, run.traced),
    seconds: run.seconds,
    requestsPerSecond: run.seconds > 0 ? run.traced.size / run.seconds : 0,
    meanCandidates: run.meanCandidates,
  });
  return ok({
    estimate,
    train: trained.data,
    trainSeconds,
    deterministic: figures(tracePath(built, deterministic)),
    probabilistic: figures(tracePath(built, probabilistic)),
  });
}
