import { addressComparison } from '../comparisons/address.js';
import { dateOfBirthComparison } from '../comparisons/date-of-birth.js';
import { familyNameComparison } from '../comparisons/family-name.js';
import { genderComparison } from '../comparisons/gender.js';
import { givenNameComparison } from '../comparisons/given-name.js';
import { nhsNumberComparison } from '../comparisons/nhs-number.js';
import { postcodeComparison } from '../comparisons/postcode.js';
import type { MatchModel } from './model.js';

/**
 * Default λ: one in a million pairs is the same person, about right for tracing against a
 * register of a million people (each request has one true record among N). Deliberately on the
 * low side: a smaller prior makes every probability more cautious. Re-estimate it with
 * `estimateLambdaFromRules` or set it to 1 / register size.
 */
export const DEFAULT_LAMBDA = 1e-6;

/**
 * The untrained starting model: every comparison with hand-set m and u from published
 * figures and simple counting (u ≈ the chance two random people agree: 1 in 29,000 for a date of
 * birth across 80 years, 1 in 100,000 for a full postcode, about 1 in 100 for a given name; m ≈
 * how often one person's two records agree, 85–98% for clean fields). Usable as is, and the
 * starting point for training. See docs/matching.md for the full table.
 */
export function defaultModel(): MatchModel {
  return {
    formatVersion: 1,
    name: 'default',
    lambda: DEFAULT_LAMBDA,
    comparisons: [
      nhsNumberComparison(),
      givenNameComparison(),
      familyNameComparison(),
      dateOfBirthComparison(),
      genderComparison(),
      postcodeComparison(),
      addressComparison(),
    ],
    termFrequency: { minimumFrequency: 1e-6 },
    provenance: [
      {
        step: 'defaults',
        description: 'hand-set starting m and u (docs/matching.md), not trained on data',
        details: {},
      },
    ],
  };
}
