import { runCascade, type CascadeCandidate, type CascadeResult } from './cascade.js';
import {
  classify,
  DEFAULT_THRESHOLDS,
  type DecisionThresholds,
  type Outcome,
  type ScoredCandidate,
} from './classify.js';
import type { MatchModel } from './model/model.js';
import type { TermFrequencyLookup } from './model/term-frequency.js';
import type { MatchRecord } from './record.js';
import { scorePair, type Contribution, type ScoredPair } from './weights.js';

/** How a trace reached its outcome: a cascade step, or the probabilistic (algorithmic) score. */
export type TraceMethod = 'cross-check' | 'alphanumeric' | 'probabilistic';

/** A candidate as the trace result shows it: its score and the explanation of the score. */
export interface TracedCandidate {
  /** The candidate's current NHS Number. */
  readonly id: string;
  /** Match weight in bits. */
  readonly weight: number;
  readonly probability: number;
  /** One bar per comparison (level, m, u, weight, term-frequency adjustment). */
  readonly explanation: readonly Contribution[];
}

/** The result of tracing one request record against its candidates. */
export interface TraceResult {
  readonly outcome: Outcome;
  /** The step that decided; absent when nothing was found at all. */
  readonly method?: TraceMethod;
  /** The NHS Number to attach: present only when `outcome` is `matched`. */
  readonly nhsNumber?: string;
  /** The best-scored candidates, best first (at most `keep` of them). */
  readonly candidates: readonly TracedCandidate[];
  /** Why: the cascade's notes and the decision's reasons, as stable codes. */
  readonly reasons: readonly string[];
}

/** What the probabilistic trace needs besides the records. */
export interface TraceSettings {
  readonly model: MatchModel;
  /** Term frequencies of the register (family name, given name, postcode). */
  readonly lookup?: TermFrequencyLookup;
  /** Default {@link DEFAULT_THRESHOLDS}. */
  readonly thresholds?: DecisionThresholds;
  /** Candidates kept in the result; default 5. */
  readonly keep?: number;
}

/** Date-of-birth levels that differ beyond a typing slip: another month, or another year. */
const BIRTH_DATE_DIFFERS = new Set(['year', 'else']);

/**
 * A candidate with, when a set-based search already computed it, the pair's comparison vector
 * (level index per comparison of the model, in model order), so it is not worked out again.
 */
export interface LevelledCandidate extends CascadeCandidate {
  readonly levels?: readonly number[];
}

function scored(request: MatchRecord, candidate: LevelledCandidate, settings: TraceSettings) {
  const { record, levels } = candidate;
  const pair: ScoredPair =
    levels === undefined
      ? { left: request, right: record }
      : { left: request, right: record, levels };
  const result = scorePair(pair, settings.model, settings.lookup);
  // A loop, not two `find`s: this runs for every candidate scored.
  let birth: Contribution | undefined;
  let given: Contribution | undefined;
  for (const contribution of result.contributions) {
    if (contribution.comparison === 'date-of-birth') {
      birth ??= contribution;
    } else if (contribution.comparison === 'given-name') {
      given ??= contribution;
    }
  }
  const view: TracedCandidate = {
    id: candidate.id,
    weight: result.weight,
    probability: result.probability,
    explanation: result.contributions,
  };
  const forDecision: ScoredCandidate = {
    id: candidate.id,
    record: candidate.record,
    weight: result.weight,
    probability: result.probability,
    birthDateDiffers: birth !== undefined && BIRTH_DATE_DIFFERS.has(birth.level),
    requestBirthDateMissing: request.birthDate === undefined,
    givenNameDiffers: given?.level === 'else',
  };
  return { view, forDecision };
}

function cascadeMatch(
  cascade: CascadeResult,
): { step: 'cross-check' | 'alphanumeric'; id: string } | undefined {
  return cascade.outcome === 'matched'
    ? { step: cascade.step, id: cascade.candidateId }
    : undefined;
}

/**
 * The deterministic trace alone, as PDS runs it without its algorithmic step: cross-check, then
 * alphanumeric ({@link runCascade}). `multiple` when the alphanumeric step finds several exact
 * matches, `no-match` when neither step succeeds. Candidates are not scored.
 * @param request - the request record
 * @param candidates - the register records blocked for it (by NHS Number and demographics)
 */
export function traceDeterministic(
  request: MatchRecord,
  candidates: readonly CascadeCandidate[],
): TraceResult {
  const cascade = runCascade(request, candidates);
  switch (cascade.outcome) {
    case 'matched':
      return {
        outcome: 'matched',
        method: cascade.step,
        nhsNumber: cascade.candidateId,
        candidates: [],
        reasons: [cascade.viaSuperseded ? 'superseded-number' : 'exact'],
      };
    case 'multiple':
      return { outcome: 'multiple', method: 'alphanumeric', candidates: [], reasons: ['several'] };
    case 'not-matched':
      return { outcome: 'no-match', candidates: [], reasons: cascade.notes };
  }
}

/** What the cascade step decided: a match the model confirmed (final), or the notes to go on with. */
export type CascadeStepResult =
  | { readonly final: TraceResult }
  | { readonly final?: undefined; readonly notes: readonly string[] };

/**
 * The first step of {@link traceRecord}: the deterministic cascade over the candidates an exact
 * look-up finds (the holder of the supplied number; the same family name with an agreeing date of
 * birth). A cross-check hit is final; an alphanumeric hit is final only when the model reaches
 * the match threshold. Otherwise the notes say why, and {@link probabilisticStep} decides.
 * @param request - the request record
 * @param candidates - the exact look-up's candidates (or any superset, such as every blocked one)
 * @param settings - model, term frequencies, thresholds
 */
export function cascadeStep(
  request: MatchRecord,
  candidates: readonly CascadeCandidate[],
  settings: TraceSettings,
): CascadeStepResult {
  const thresholds = settings.thresholds ?? DEFAULT_THRESHOLDS;
  const cascade = runCascade(request, candidates);
  const exact = cascadeMatch(cascade);
  const chosen = exact === undefined ? undefined : candidates.find((c) => c.id === exact.id);
  const chosenScore = chosen === undefined ? undefined : scored(request, chosen, settings);
  // An alphanumeric hit (family name, date of birth and gender) is taken only when the model
  // agrees: a namesake born the same day, or a woman traced under a former name whose
  // namesake holds it now, is otherwise attached without a look (see docs/matching.md 7).
  const confirmed =
    exact !== undefined &&
    (exact.step === 'cross-check' ||
      (chosenScore !== undefined &&
        chosenScore.forDecision.probability >= thresholds.matchProbability));
  if (exact !== undefined && confirmed) {
    return {
      final: {
        outcome: 'matched',
        method: exact.step,
        nhsNumber: exact.id,
        candidates: chosenScore === undefined ? [] : [chosenScore.view],
        reasons: [exact.step],
      },
    };
  }
  const notes: string[] =
    cascade.outcome === 'not-matched'
      ? [...cascade.notes]
      : cascade.outcome === 'matched'
        ? ['alphanumeric-not-confirmed']
        : ['several'];
  return { notes };
}

/**
 * Traces one request in two steps: {@link cascadeStep} over the exact look-up's candidates; when
 * it is not final, {@link probabilisticStep} over every blocked candidate. The blocked candidates
 * are asked for only then, so a request the cascade settles is never blocked or scored.
 * @param request - the request record
 * @param exact - the exact look-up's candidates
 * @param blocked - gives the register records blocked for it
 * @param settings - model, term frequencies, thresholds
 * @returns the result, and the candidates it was decided over
 */
export function traceTwoSteps(
  request: MatchRecord,
  exact: readonly CascadeCandidate[],
  blocked: () => readonly CascadeCandidate[],
  settings: TraceSettings,
): { readonly result: TraceResult; readonly candidates: readonly CascadeCandidate[] } {
  const step = cascadeStep(request, exact, settings);
  if (step.final !== undefined) {
    return { result: step.final, candidates: exact };
  }
  const candidates = blocked();
  return { result: probabilisticStep(request, candidates, step.notes, settings), candidates };
}

/**
 * Traces one request: the deterministic cascade first; when it matches, that number is
 * attached. Otherwise (no match, or several exact matches) every blocked candidate is scored
 * with the Fellegi-Sunter model and {@link classify} decides: `matched` only for a clear, likely
 * best candidate with no twin among the candidates, a request date of birth, and no other of
 * classify's review rules against it; `review`, `multiple` or `no-match` otherwise.
 * The cascade runs over the same candidates ({@link traceTwoSteps} gives it an exact look-up's).
 * @param request - the request record
 * @param candidates - the register records blocked for it
 * @param settings - model, term frequencies, thresholds
 * @example traceRecord(request, index.candidates(request), { model, lookup }).outcome // 'matched'
 */
export function traceRecord(
  request: MatchRecord,
  candidates: readonly CascadeCandidate[],
  settings: TraceSettings,
): TraceResult {
  return traceTwoSteps(request, candidates, () => candidates, settings).result;
}

/**
 * The second step of {@link traceRecord}: every blocked candidate scored with the Fellegi-Sunter
 * model, and {@link classify} decides.
 * @param request - the request record
 * @param candidates - the register records blocked for it (with their comparison vectors under
 *   `settings.model` when already computed)
 * @param notes - why the cascade step did not decide
 * @param settings - model, term frequencies, thresholds
 */
export function probabilisticStep(
  request: MatchRecord,
  candidates: readonly LevelledCandidate[],
  notes: readonly string[],
  settings: TraceSettings,
): TraceResult {
  const keep = settings.keep ?? 5;
  const thresholds = settings.thresholds ?? DEFAULT_THRESHOLDS;
  const all = candidates.map((c) => scored(request, c, settings));
  const decision = classify(
    all.map((s) => s.forDecision),
    thresholds,
  );
  const views = all
    .map((s) => s.view)
    .sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id))
    .slice(0, keep);
  const reasons: string[] = [...notes, ...decision.reasons];
  return {
    outcome: decision.outcome,
    ...(decision.outcome === 'no-match' && all.length === 0 ? {} : { method: 'probabilistic' }),
    ...(decision.outcome === 'matched' && decision.best !== undefined
      ? { nhsNumber: decision.best.id }
      : {}),
    candidates: views,
    reasons,
  };
}
