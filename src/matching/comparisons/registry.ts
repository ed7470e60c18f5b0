import { fail, ok, type Issue, type Result } from '../../core/result.js';
import type { Comparison, ComparisonOptions } from '../model/comparison.js';
import { addressComparison } from './address.js';
import { dateOfBirthComparison } from './date-of-birth.js';
import { familyNameComparison } from './family-name.js';
import { genderComparison } from './gender.js';
import { givenNameComparison } from './given-name.js';
import { nhsNumberComparison } from './nhs-number.js';
import { postcodeComparison } from './postcode.js';

/** The comparison kinds a model file may name. */
export const COMPARISON_IDS = [
  'nhs-number',
  'given-name',
  'family-name',
  'date-of-birth',
  'gender',
  'postcode',
  'address',
] as const;

/** One of {@link COMPARISON_IDS}. */
export type ComparisonId = (typeof COMPARISON_IDS)[number];

function fraction(options: ComparisonOptions, key: string, path: string, issues: Issue[]): number {
  const value = options[key];
  if (value === undefined || !(value > 0 && value <= 1)) {
    issues.push({
      code: 'bad-option',
      path: `${path}.${key}`,
      message: `${key} must be a number in (0, 1]`,
    });
    return 0;
  }
  return value;
}

/**
 * Builds a comparison (levels, predicates and default m/u) from its id and options, checking
 * the options. Model files store only ids, options and m/u; this restores the predicates.
 * @param id - a {@link ComparisonId}
 * @param options - thresholds (`jwHigh`/`jwLow` for names, `streetOverlap` for address)
 * @param path - where the comparison sits in the model file, for issue messages
 */
export function buildComparison(
  id: ComparisonId,
  options: ComparisonOptions,
  path: string,
): Result<Comparison> {
  const issues: Issue[] = [];
  switch (id) {
    case 'given-name':
    case 'family-name': {
      const jwHigh = fraction(options, 'jwHigh', path, issues);
      const jwLow = fraction(options, 'jwLow', path, issues);
      if (issues.length === 0 && jwLow > jwHigh) {
        issues.push({
          code: 'bad-option',
          path: `${path}.jwLow`,
          message: 'jwLow must not exceed jwHigh',
        });
      }
      if (issues.length > 0) {
        return fail(...issues);
      }
      const builder = id === 'given-name' ? givenNameComparison : familyNameComparison;
      return ok(builder({ jwHigh, jwLow }));
    }
    case 'address': {
      const streetOverlap = fraction(options, 'streetOverlap', path, issues);
      return issues.length > 0 ? fail(...issues) : ok(addressComparison({ streetOverlap }));
    }
    case 'nhs-number':
      return ok(nhsNumberComparison());
    case 'date-of-birth':
      return ok(dateOfBirthComparison());
    case 'gender':
      return ok(genderComparison());
    case 'postcode':
      return ok(postcodeComparison());
  }
}
