import type { BirthDateParts, MatchRecord } from './record.js';

/** A register record offered to the cascade; `id` is its current NHS Number. */
export interface CascadeCandidate {
  readonly id: string;
  readonly record: MatchRecord;
}

/** The deterministic steps, with the PDS MESH `MATCHED_ALGORITHM_INDICATOR` each reports. */
export const CASCADE_STEPS = { 'cross-check': 1, alphanumeric: 3 } as const;

/** `cross-check` or `alphanumeric`. */
export type CascadeStep = keyof typeof CASCADE_STEPS;

/** The outcome of the deterministic cascade for one request. */
export type CascadeResult =
  | {
      readonly outcome: 'matched';
      readonly step: CascadeStep;
      readonly algorithmIndicator: 1 | 3;
      readonly candidateId: string;
      /** True when the supplied NHS Number was a superseded number of the match. */
      readonly viaSuperseded: boolean;
    }
  | {
      readonly outcome: 'multiple';
      readonly step: 'alphanumeric';
      readonly candidateIds: readonly string[];
    }
  | {
      /** Neither step succeeded: go on to the probabilistic (algorithmic) trace. */
      readonly outcome: 'not-matched';
      readonly notes: readonly CascadeNote[];
    };

/** Why a step did not match; stable codes for the trace report. */
export type CascadeNote =
  | 'cross-check-no-number'
  | 'cross-check-no-date'
  | 'cross-check-number-not-found'
  | 'cross-check-date-differs'
  | 'alphanumeric-missing-fields'
  | 'alphanumeric-no-exact-match';

/**
 * True when every part of the request's date that is known equals the candidate's: a
 * request giving only `1980-03` matches any day in March 1980 (a "partial date match").
 * @param request - the request's date
 * @param candidate - the register date
 */
export function birthDateAgrees(request: BirthDateParts, candidate: BirthDateParts): boolean {
  return (
    request.year === candidate.year &&
    (request.month === undefined || request.month === candidate.month) &&
    (request.day === undefined || request.day === candidate.day)
  );
}

/**
 * Cross-check trace: the supplied NHS Number (current, or superseded by a merge) with the date
 * of birth. The number must belong to a candidate and the date agree ({@link birthDateAgrees}).
 * @param request - the request record (needs `nhsNumber` and `birthDate`)
 * @param candidates - register records fetched for the number by the caller
 */
export function crossCheck(
  request: MatchRecord,
  candidates: readonly CascadeCandidate[],
): CascadeResult {
  const number = request.nhsNumber;
  const date = request.birthDate;
  if (number === undefined) {
    return { outcome: 'not-matched', notes: ['cross-check-no-number'] };
  }
  if (date === undefined) {
    return { outcome: 'not-matched', notes: ['cross-check-no-date'] };
  }
  const current = candidates.filter((c) => c.record.nhsNumber === number);
  const holders =
    current.length > 0
      ? current
      : candidates.filter((c) => c.record.supersededNhsNumbers.includes(number));
  const [holder] = holders;
  if (holder === undefined || holders.length > 1) {
    return { outcome: 'not-matched', notes: ['cross-check-number-not-found'] };
  }
  const candidateDate = holder.record.birthDate;
  if (candidateDate === undefined || !birthDateAgrees(date, candidateDate)) {
    return { outcome: 'not-matched', notes: ['cross-check-date-differs'] };
  }
  return {
    outcome: 'matched',
    step: 'cross-check',
    algorithmIndicator: CASCADE_STEPS['cross-check'],
    candidateId: holder.id,
    viaSuperseded: current.length === 0,
  };
}

function exactlyAgrees(request: MatchRecord, candidate: MatchRecord): boolean {
  const postcodes = [candidate.postcode, ...candidate.historicPostcodes].map((p) => p?.full);
  const given = request.givenFirst;
  const candidateGiven = candidate.givenFirst ?? '';
  return (
    request.familyName === candidate.familyName &&
    request.birthDate !== undefined &&
    candidate.birthDate !== undefined &&
    birthDateAgrees(request.birthDate, candidate.birthDate) &&
    request.gender === candidate.gender &&
    (request.postcode === undefined || postcodes.includes(request.postcode.full)) &&
    (given === undefined ||
      given === candidateGiven ||
      (given.length === 1 && candidateGiven.startsWith(given)))
  );
}

/**
 * Alphanumeric trace: exact family name, date of birth (all parts given) and gender, plus the
 * postcode when the request has one (current or previous, as PDS returns a historic-postcode
 * match). Stricter than PDS in one way: when the request gives a first name, it must be equal
 * (or an initial of it), so two people who differ only by first name never pass. Only a single
 * exact match counts; two or more give `multiple`.
 * @param request - the request record (needs family name, date of birth and gender)
 * @param candidates - register records found by the caller's exact look-up (or any superset)
 */
export function alphanumericTrace(
  request: MatchRecord,
  candidates: readonly CascadeCandidate[],
): CascadeResult {
  if (
    request.familyName === undefined ||
    request.birthDate === undefined ||
    request.gender === undefined
  ) {
    return { outcome: 'not-matched', notes: ['alphanumeric-missing-fields'] };
  }
  const matches = candidates.filter((c) => exactlyAgrees(request, c.record));
  const [only] = matches;
  if (only === undefined) {
    return { outcome: 'not-matched', notes: ['alphanumeric-no-exact-match'] };
  }
  if (matches.length > 1) {
    return { outcome: 'multiple', step: 'alphanumeric', candidateIds: matches.map((c) => c.id) };
  }
  return {
    outcome: 'matched',
    step: 'alphanumeric',
    algorithmIndicator: CASCADE_STEPS.alphanumeric,
    candidateId: only.id,
    viaSuperseded: false,
  };
}

/**
 * The deterministic cascade as NHS tracing runs it: cross-check first, then alphanumeric;
 * stops at the first success (or at `multiple`). `not-matched` carries the notes of both steps,
 * and means the caller goes on to the probabilistic trace.
 * @param request - the request record
 * @param candidates - register candidates (by NHS Number and by exact demographics)
 * @example runCascade(request, candidates) // { outcome: 'matched', step: 'cross-check', algorithmIndicator: 1, … }
 */
export function runCascade(
  request: MatchRecord,
  candidates: readonly CascadeCandidate[],
): CascadeResult {
  const first = crossCheck(request, candidates);
  if (first.outcome !== 'not-matched') {
    return first;
  }
  const second = alphanumericTrace(request, candidates);
  if (second.outcome !== 'not-matched') {
    return second;
  }
  return { outcome: 'not-matched', notes: [...first.notes, ...second.notes] };
}
