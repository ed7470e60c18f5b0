import { isAscii, utf8Bytes } from './utf8.js';

/**
 * Levenshtein distance (insertions, deletions, substitutions, each cost 1) over UTF-8 bytes,
 * identical to DuckDB's `levenshtein`. Hand-written (a few lines) rather than taken from npm
 * because JavaScript string libraries count UTF-16 code units, where DuckDB counts bytes.
 * @param left - first string
 * @param right - second string
 * @returns the number of edits; 0 only for equal strings
 * @example levenshtein('KITTEN', 'SITTING') // 3
 */
export function levenshtein(left: string, right: string): number {
  const s = utf8Bytes(left);
  const t = utf8Bytes(right);
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= t.length; j += 1) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[t.length] ?? 0;
}

/**
 * Damerau-Levenshtein distance with unrestricted adjacent transpositions (Lowrance-Wagner) over
 * UTF-8 bytes, identical to DuckDB's `damerau_levenshtein` (so `('CA', 'ABC')` is 2, where the
 * optimal-string-alignment variant {@link osaDistance} gives 3). The two agree on every distance
 * of 0 or 1, which is all the comparison levels use ("one typo or one swap").
 * @param left - first string
 * @param right - second string
 * @returns the number of edits
 * @example damerauLevenshtein('19800312', '19800321') // 1
 */
export function damerauLevenshtein(left: string, right: string): number {
  const s = utf8Bytes(left);
  const t = utf8Bytes(right);
  const infinity = s.length + t.length;
  const width = t.length + 2;
  const d = new Array<number>((s.length + 2) * width).fill(0);
  const at = (i: number, j: number): number => (i + 1) * width + (j + 1);
  d[at(-1, -1)] = infinity;
  for (let i = 0; i <= s.length; i += 1) {
    d[at(i, -1)] = infinity;
    d[at(i, 0)] = i;
  }
  for (let j = 0; j <= t.length; j += 1) {
    d[at(-1, j)] = infinity;
    d[at(0, j)] = j;
  }
  const lastRow = new Map<number, number>();
  for (let i = 1; i <= s.length; i += 1) {
    let lastMatchCol = 0;
    for (let j = 1; j <= t.length; j += 1) {
      const i1 = lastRow.get(t[j - 1] ?? 0) ?? 0;
      const j1 = lastMatchCol;
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      if (cost === 0) {
        lastMatchCol = j;
      }
      d[at(i, j)] = Math.min(
        (d[at(i - 1, j - 1)] ?? 0) + cost,
        (d[at(i, j - 1)] ?? 0) + 1,
        (d[at(i - 1, j)] ?? 0) + 1,
        (d[at(i1 - 1, j1 - 1)] ?? 0) + (i - i1 - 1) + 1 + (j - j1 - 1),
      );
    }
    lastRow.set(s[i - 1] ?? 0, i);
  }
  return d[at(s.length, t.length)] ?? 0;
}

/**
 * Optimal string alignment distance (the "restricted" Damerau-Levenshtein: an adjacent swap
 * counts 1, but a swapped pair is never edited again) over UTF-8 bytes. Kept for callers that
 * want the textbook variant; the comparisons use {@link damerauLevenshtein} to match DuckDB.
 * @param left - first string
 * @param right - second string
 * @returns the number of edits
 * @example osaDistance('CA', 'ABC') // 3
 */
export function osaDistance(left: string, right: string): number {
  const s = utf8Bytes(left);
  const t = utf8Bytes(right);
  const rows: number[][] = [];
  for (let i = 0; i <= s.length; i += 1) {
    const row: number[] = [i];
    for (let j = 1; j <= t.length; j += 1) {
      if (i === 0) {
        row[j] = j;
        continue;
      }
      const up = rows[i - 1] ?? [];
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min((up[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (up[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row[j] = best;
    }
    rows.push(row);
  }
  return rows[s.length]?.[t.length] ?? 0;
}

/**
 * Whether `damerauLevenshtein(left, right)` is exactly 1, the test of the "one typo or one swap"
 * levels, without the quadratic table: in one pass over ASCII text (the distance is 1 when one
 * substitution, one insertion or deletion, or one swap of adjacent characters turns one string
 * into the other); other text gets the full computation.
 * @param left - first string
 * @param right - second string
 * @example isOneEdit('19800312', '19800321') // true
 */
export function isOneEdit(left: string, right: string): boolean {
  if (!isAscii(left) || !isAscii(right)) {
    return damerauLevenshtein(left, right) === 1;
  }
  const gap = left.length - right.length;
  if (gap === 1 || gap === -1) {
    const [long, short] = gap === 1 ? [left, right] : [right, left];
    let i = 0;
    while (i < short.length && long.charCodeAt(i) === short.charCodeAt(i)) {
      i += 1;
    }
    // Drop the long string's first differing character: the rest must be the short one's.
    for (; i < short.length; i += 1) {
      if (long.charCodeAt(i + 1) !== short.charCodeAt(i)) {
        return false;
      }
    }
    return true;
  }
  if (gap !== 0) {
    return false;
  }
  let first = -1;
  let differences = 0;
  for (let i = 0; i < left.length; i += 1) {
    if (left.charCodeAt(i) !== right.charCodeAt(i)) {
      differences += 1;
      if (differences > 2) {
        return false;
      }
      if (first < 0) {
        first = i;
      } else if (i !== first + 1) {
        return false;
      }
    }
  }
  return (
    differences === 1 ||
    (differences === 2 &&
      left.charCodeAt(first) === right.charCodeAt(first + 1) &&
      left.charCodeAt(first + 1) === right.charCodeAt(first))
  );
}
