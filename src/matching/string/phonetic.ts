import { doubleMetaphone } from 'double-metaphone';

/**
 * The Double Metaphone codes of a name (primary, and the alternate when it differs), from the
 * `double-metaphone` package (Lawrence Philips' algorithm). Empty for an empty name.
 * @param name - normalised name (uppercase ASCII letters)
 * @returns one or two codes, e.g. `SMYTHE` → `['SM0', 'XMT']`
 */
export function phoneticCodes(name: string): readonly string[] {
  if (name === '') {
    return [];
  }
  const [primary, alternate] = doubleMetaphone(name);
  const codes = [primary, alternate].filter((code) => code !== '');
  return [...new Set(codes)];
}

/**
 * True when two code lists share a code (Splink's double-metaphone "array intersect" level).
 * @param left - codes from {@link phoneticCodes}
 * @param right - codes from {@link phoneticCodes}
 */
export function sharePhoneticCode(left: readonly string[], right: readonly string[]): boolean {
  return left.some((code) => right.includes(code));
}
