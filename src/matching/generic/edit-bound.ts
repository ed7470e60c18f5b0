import { damerauLevenshtein } from '../string/edit-distance.js';
import { isAscii } from '../string/utf8.js';

/** Per-character count differences; every touched entry is zeroed again before returning. */
const scratch = new Int32Array(128);

/**
 * A lower bound on the Damerau-Levenshtein distance of two ASCII strings: every edit changes the
 * strings' character counts by at most 2 (a substitution takes one character away and adds
 * another; an insertion or deletion changes one count; a swap changes none), so the distance is
 * at least half the L1 difference of the two count histograms, and at least the length gap.
 */
function histogramBound(left: string, right: string): number {
  const counts = scratch;
  for (let i = 0; i < left.length; i += 1) {
    counts[left.charCodeAt(i)] = (counts[left.charCodeAt(i)] ?? 0) + 1;
  }
  for (let i = 0; i < right.length; i += 1) {
    counts[right.charCodeAt(i)] = (counts[right.charCodeAt(i)] ?? 0) - 1;
  }
  let l1 = 0;
  for (const text of [left, right]) {
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      l1 += Math.abs(counts[code] ?? 0);
      counts[code] = 0;
    }
  }
  return Math.max(Math.ceil(l1 / 2), Math.abs(left.length - right.length));
}

/**
 * The engine's Damerau-Levenshtein distance (DuckDB-identical, over UTF-8 bytes) when it is at
 * most `max`; otherwise some number greater than `max`. For ASCII text it first checks a cheap
 * lower bound, which settles most unrelated pairs (random pairs in u sampling) without the
 * quadratic computation. Non-ASCII text always gets the full computation.
 * @param left - one string
 * @param right - the other
 * @param max - the largest distance the caller distinguishes
 */
export function damerauLevenshteinUpTo(left: string, right: string, max: number): number {
  if (isAscii(left) && isAscii(right)) {
    const bound = histogramBound(left, right);
    if (bound > max) {
      return bound;
    }
  }
  return damerauLevenshtein(left, right);
}
