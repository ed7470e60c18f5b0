import { birthDateAgrees } from './cascade.js';
import { holdsNhsNumber, type MatchRecord } from './record.js';

/** A blocked candidate with its comparison vector and match weight. */
export interface RankedCandidate {
  /** The candidate's current NHS Number. */
  readonly id: string;
  readonly record: MatchRecord;
  readonly weight: number;
  /** Level index per comparison of the model, in model order. */
  readonly levels: readonly number[];
}

/**
 * A candidate the alphanumeric step could accept, or a superset of them: the same family name,
 * gender and birth year, and the same month and day wherever the request gives them.
 */
function alphanumericCandidate(request: MatchRecord, record: MatchRecord): boolean {
  const asked = request.birthDate;
  const held = record.birthDate;
  return (
    request.familyName !== undefined &&
    request.familyName === record.familyName &&
    request.gender !== undefined &&
    request.gender === record.gender &&
    asked !== undefined &&
    held !== undefined &&
    birthDateAgrees(asked, held)
  );
}

/**
 * The same family name and date of birth (the same parts of it), both present: a possible twin
 * (`birthDateDigits` tells the parts apart, so this is its equality).
 */
function possibleTwin(record: MatchRecord, best: MatchRecord): boolean {
  const held = record.birthDate;
  const other = best.birthDate;
  return (
    record.familyName !== undefined &&
    record.familyName === best.familyName &&
    held !== undefined &&
    other !== undefined &&
    held.year === other.year &&
    held.month === other.month &&
    held.day === other.day
  );
}

/**
 * A request's blocked candidates ranked (weight, highest first, then NHS Number) and cut to what
 * the trace decision looks at: the `keep` best, the holder of the supplied number, every
 * candidate the alphanumeric step could accept, and every possible twin of the best (the same
 * family name and date of birth). Deciding over these gives the same result as deciding over
 * all of them (`traceRecord`); `trace-sql-kept.test.ts` puts each kind below the best.
 * @param request - the request record
 * @param candidates - its blocked candidates, each once (reordered in place)
 * @param keep - candidates kept by rank
 * @returns the kept candidates, best first
 */
export function keptCandidates<C extends RankedCandidate>(
  request: MatchRecord,
  candidates: C[],
  keep: number,
): C[] {
  candidates.sort((a, b) =>
    a.weight !== b.weight ? b.weight - a.weight : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  const best = candidates[0]?.record;
  return candidates.filter(
    (candidate, rank) =>
      rank < keep ||
      holdsNhsNumber(candidate.record, request.nhsNumber) ||
      alphanumericCandidate(request, candidate.record) ||
      (best !== undefined && possibleTwin(candidate.record, best)),
  );
}
