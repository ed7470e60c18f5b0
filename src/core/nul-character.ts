/**
 * The path (`name.0.family`; `''` for the value itself) of the first string in a JSON-like value
 * that holds U+0000, which PostgreSQL `text` and `jsonb` cannot store and no real value holds.
 * Object keys are not searched.
 * @param value - a parsed JSON value, or a record made of strings, arrays and plain objects
 * @param at - the path so far
 */
export function nulPath(value: unknown, at: readonly (string | number)[] = []): string | undefined {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? at.join('.') : undefined;
  }
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item: unknown, i) => [i, item])
    : value !== null && typeof value === 'object'
      ? Object.entries(value)
      : [];
  for (const [key, item] of entries) {
    const found = nulPath(item, [...at, key]);
    if (found !== undefined) {
      return found;
    }
  }
  return undefined;
}
