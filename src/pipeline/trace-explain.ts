import type { TracedCandidate, TraceResult } from '../matching/trace-decision.js';
import type { Contribution } from '../matching/weights.js';

/**
 * `MATCHED_CONFIDENCE_PERCENTAGE`: 100 for the deterministic steps (as PDS); for an algorithmic
 * match, the match probability as a whole percentage rounded down and kept in PDS's 50-100
 * range. Matches need probability ≥ 0.999 by default, so this reads 99 or 100.
 * @param result - a matched trace result
 */
export function confidencePercentage(result: TraceResult): string {
  if (result.method !== 'probabilistic') {
    return '100';
  }
  const p = result.candidates[0]?.probability ?? 0;
  return String(Math.min(100, Math.max(50, Math.floor(p * 100))));
}

/**
 * The compact explanation of a candidate's score: `comparison=level±weight` for each
 * comparison (weight in bits, term-frequency adjustment included), `; `-separated.
 * @param candidate - the scored candidate
 */
export function explanationText(candidate: TracedCandidate | undefined): string {
  if (candidate === undefined) {
    return '';
  }
  let text = '';
  for (const contribution of candidate.explanation) {
    text += (text === '' ? '' : '; ') + contributionText(contribution);
  }
  return text;
}

/**
 * The texts of contributions already written. Contributions without a term-frequency
 * adjustment are shared by every pair in their level (`scorePair`, frozen), so the few hundred
 * of a model are formatted once, not once per row (`toFixed` for every comparison of every row).
 */
const written = new WeakMap<Contribution, string>();

function contributionText(c: Contribution): string {
  const known = written.get(c);
  if (known !== undefined) {
    return known;
  }
  const bits = c.weight + c.tfAdjustment;
  const text = `${c.comparison}=${c.level}${bits >= 0 ? '+' : ''}${bits.toFixed(1)}`;
  // Only the frozen ones: they cannot change after their text is kept.
  if (c.tfAdjustment === 0 && Object.isFrozen(c)) {
    written.set(c, text);
  }
  return text;
}
