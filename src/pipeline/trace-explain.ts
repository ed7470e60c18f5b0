import type { TracedCandidate, TraceResult } from '../matching/trace-decision.js';

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
  return candidate.explanation
    .map((c) => {
      const bits = c.weight + c.tfAdjustment;
      return `${c.comparison}=${c.level}${bits >= 0 ? '+' : ''}${bits.toFixed(1)}`;
    })
    .join('; ');
}
