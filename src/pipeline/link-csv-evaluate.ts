import type { ScoredPair } from './link-csv.js';

/** Confusion counts and rates of a link at one match-weight threshold. */
export interface LinkAccuracy {
  /** Match weight (bits) at or above which a pair counts as a link. */
  readonly threshold: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/**
 * The FEBRL entity of a record id: `rec-1070-org` and `rec-1070-dup-0` both give `rec-1070`.
 * Ids of any other shape are returned whole.
 * @param recId - a FEBRL `rec_id`
 */
export function febrlEntity(recId: string): string {
  const match = /^(rec-\d+)-(?:org|dup-\d+)$/.exec(recId);
  return match?.[1] ?? recId;
}

function accuracy(threshold: number, tp: number, fp: number, totalTrue: number): LinkAccuracy {
  const fn = totalTrue - tp;
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = totalTrue === 0 ? 1 : tp / totalTrue;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    threshold,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision,
    recall,
    f1,
  };
}

/**
 * Pairwise accuracy against ground truth (Splink's convention: every pair at or above the
 * threshold is a link; no one-to-one step). True pairs the blocking never produced are false
 * negatives.
 * @param scored - every scored candidate pair
 * @param isTrue - whether a pair is a true match (from labels; evaluation only)
 * @param totalTrue - the number of true pairs in the whole left × right space
 * @param threshold - match weight in bits
 */
export function accuracyAt(
  scored: readonly ScoredPair[],
  isTrue: (pair: ScoredPair) => boolean,
  totalTrue: number,
  threshold: number,
): LinkAccuracy {
  let tp = 0;
  let fp = 0;
  for (const pair of scored) {
    if (pair.weight >= threshold) {
      if (isTrue(pair)) {
        tp += 1;
      } else {
        fp += 1;
      }
    }
  }
  return accuracy(threshold, tp, fp, totalTrue);
}

/**
 * The threshold with the highest F1, found by sweeping every distinct weight (chosen ON THE
 * LABELS: an optimistic figure, reported as such, never used to set the model's threshold).
 * The threshold returned is the weight of the lowest pair kept.
 * @param scored - every scored candidate pair
 * @param isTrue - whether a pair is a true match
 * @param totalTrue - the number of true pairs
 */
export function bestF1(
  scored: readonly ScoredPair[],
  isTrue: (pair: ScoredPair) => boolean,
  totalTrue: number,
): LinkAccuracy {
  const sorted = [...scored].sort((a, b) => b.weight - a.weight);
  let best = accuracy(Infinity, 0, 0, totalTrue);
  let tp = 0;
  let fp = 0;
  sorted.forEach((pair, k) => {
    if (isTrue(pair)) {
      tp += 1;
    } else {
      fp += 1;
    }
    const next = sorted[k + 1];
    if (next === undefined || next.weight < pair.weight) {
      const candidate = accuracy(pair.weight, tp, fp, totalTrue);
      if (candidate.f1 > best.f1) {
        best = candidate;
      }
    }
  });
  return best;
}
