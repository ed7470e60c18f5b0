/**
 * A bounded memo for pure functions of a string, used by the normalisers for values that repeat
 * heavily (names follow a Zipf distribution: a few thousand spellings cover most people).
 */

/** Keys longer than this are computed every time, so the memo's memory stays bounded. */
export const MEMO_MAX_KEY_LENGTH = 64;

/**
 * Wraps `fn` in a two-generation cache holding at most `capacity` results: new results go to
 * the young generation; when it is full it becomes the old generation and the previous old one
 * is dropped; a hit in the old generation is moved back to the young one. This approximates
 * least-recently-used eviction at the cost of a `Map` look-up or two, with no bookkeeping per
 * hit. Results are shared between callers, so `fn` must be pure and its results must not be
 * mutated (the normalisers freeze them).
 * @param fn - a pure function
 * @param capacity - the most results kept (at least 2); each generation holds half
 * @returns a function giving the same results as `fn`
 */
export function memoise<T>(fn: (key: string) => T, capacity: number): (key: string) => T {
  const half = Math.max(1, Math.floor(capacity / 2));
  let young = new Map<string, T>();
  let old = new Map<string, T>();
  const remember = (key: string, value: T): T => {
    if (young.size >= half) {
      old = young;
      young = new Map();
    }
    young.set(key, value);
    return value;
  };
  return (key: string): T => {
    if (key.length > MEMO_MAX_KEY_LENGTH) {
      return fn(key);
    }
    const hit = young.get(key);
    if (hit !== undefined || young.has(key)) {
      return hit as T;
    }
    const aged = old.get(key);
    return remember(key, aged !== undefined || old.has(key) ? (aged as T) : fn(key));
  };
}

/**
 * Freezes an object and the arrays it holds (one level down), so a memoised result shared by
 * many callers cannot be changed by one of them.
 * @param value - a result object whose properties are strings, numbers, `null` or arrays of them
 */
export function freezeResult<T extends object>(value: T): T {
  for (const property of Object.values(value)) {
    if (Array.isArray(property)) {
      Object.freeze(property);
    }
  }
  return Object.freeze(value);
}
