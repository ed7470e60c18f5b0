/**
 * Jaro similarity in [0, 1], computed exactly as DuckDB's `jaro_similarity` (the RapidFuzz
 * implementation DuckDB vendors): over UTF-8 bytes, match window `max(len) / 2 - 1` (floored,
 * never below 0), half the transpositions rounded down, and 0 when either string is empty.
 * Hand-written: the JavaScript implementations looked at (Wikipedia-style) halve the transposition count without rounding it down, compare UTF-16 code
 * units instead of bytes, and score two empty strings 1; each of these changes some weights
 * against DuckDB (the parity test fails with real-valued halving), and the batch (SQL) and
 * in-process executions must give identical weights. `duckdb-parity.test.ts` checks this
 * function against DuckDB itself on thousands of generated pairs.
 * @param left - first string (normalised names are uppercase ASCII)
 * @param right - second string
 * @returns similarity; 1 for identical non-empty strings
 * @example jaroSimilarity('MARTHA', 'MARHTA') // 0.9444444444444445
 */
export function jaroSimilarity(left: string, right: string): number {
  const s = bytesOf(left, 0);
  const t = bytesOf(right, 1);
  return jaroOfBytes(s, byteCount(left, s), t, byteCount(right, t));
}

const encoder = new TextEncoder();

/**
 * Reused buffers (this runs for every compared pair of a trace, so it makes no garbage): the
 * bytes of the left and right strings when they are ASCII, and which bytes were matched.
 */
const scratch = [new Uint8Array(64), new Uint8Array(64)];
let matchedLeft = new Uint8Array(64);
let matchedRight = new Uint8Array(64);

/**
 * The UTF-8 bytes of `text`: ASCII text is copied into the reused buffer `slot` (its first
 * `text.length` bytes are the text's); other text is encoded into a new array.
 */
function bytesOf(text: string, slot: 0 | 1): Uint8Array {
  let buffer = scratch[slot] ?? new Uint8Array(0);
  if (buffer.length < text.length) {
    buffer = new Uint8Array(text.length * 2);
    scratch[slot] = buffer;
  }
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) {
      return encoder.encode(text);
    }
    buffer[i] = code;
  }
  return buffer;
}

/** How many of `bytes` are `text`'s: all of an encoded array, the text's length of a buffer. */
function byteCount(text: string, bytes: Uint8Array): number {
  return bytes === scratch[0] || bytes === scratch[1] ? text.length : bytes.length;
}

/** Jaro similarity of the first `sLength` bytes of `s` and the first `tLength` of `t`. */
function jaroOfBytes(s: Uint8Array, sLength: number, t: Uint8Array, tLength: number): number {
  if (sLength === 0 || tLength === 0) {
    return 0;
  }
  if (matchedLeft.length < sLength) {
    matchedLeft = new Uint8Array(sLength * 2);
  }
  if (matchedRight.length < tLength) {
    matchedRight = new Uint8Array(tLength * 2);
  }
  const sMatched = matchedLeft.fill(0, 0, sLength);
  const tMatched = matchedRight.fill(0, 0, tLength);
  const bound = Math.max(0, Math.floor(Math.max(sLength, tLength) / 2) - 1);
  let common = 0;
  for (let i = 0; i < sLength; i += 1) {
    const hi = Math.min(tLength - 1, i + bound);
    for (let j = Math.max(0, i - bound); j <= hi; j += 1) {
      if (tMatched[j] === 0 && s[i] === t[j]) {
        sMatched[i] = 1;
        tMatched[j] = 1;
        common += 1;
        break;
      }
    }
  }
  if (common === 0) {
    return 0;
  }
  let outOfOrder = 0;
  let k = 0;
  for (let i = 0; i < sLength; i += 1) {
    if (sMatched[i] === 1) {
      while (tMatched[k] === 0) {
        k += 1;
      }
      if (s[i] !== t[k]) {
        outOfOrder += 1;
      }
      k += 1;
    }
  }
  const transpositions = Math.floor(outOfOrder / 2);
  return (common / sLength + common / tLength + (common - transpositions) / common) / 3;
}

/** Winkler's prefix scale: each shared leading byte (up to four) closes 10% of the remaining gap. */
export const JARO_WINKLER_PREFIX_WEIGHT = 0.1;

/**
 * Jaro-Winkler similarity in [0, 1], identical to DuckDB's `jaro_winkler_similarity`: the Jaro
 * similarity, boosted by `prefix × 0.1 × (1 − jaro)` for a shared prefix of up to 4 bytes, but
 * only when the Jaro similarity is above 0.7 (RapidFuzz's rule).
 * @param left - first string
 * @param right - second string
 * @returns similarity; 1 for identical non-empty strings, 0 when either is empty
 * @example jaroWinklerSimilarity('MARTHA', 'MARHTA') // 0.9611111111111111
 */
export function jaroWinklerSimilarity(left: string, right: string): number {
  // The comparisons ask twice in a row for the same pair (a high and a low threshold).
  if (left === lastLeft && right === lastRight) {
    return lastSimilarity;
  }
  const s = bytesOf(left, 0);
  const t = bytesOf(right, 1);
  const sLength = byteCount(left, s);
  const tLength = byteCount(right, t);
  const jaro = jaroOfBytes(s, sLength, t, tLength);
  let similarity = jaro;
  if (jaro > 0.7) {
    const maxPrefix = Math.min(4, sLength, tLength);
    let prefix = 0;
    while (prefix < maxPrefix && s[prefix] === t[prefix]) {
      prefix += 1;
    }
    similarity = jaro + prefix * JARO_WINKLER_PREFIX_WEIGHT * (1 - jaro);
  }
  lastLeft = left;
  lastRight = right;
  lastSimilarity = similarity;
  return similarity;
}

/** The last pair {@link jaroWinklerSimilarity} was asked about, and its answer. */
let lastLeft = '';
let lastRight = '';
let lastSimilarity = 0;
