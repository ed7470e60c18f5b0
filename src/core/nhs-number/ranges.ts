import type { NhsNumber } from './nhs-number.js';

/**
 * The allocation ranges of the 10-digit NHS Number family, keyed by the first three digits.
 * Both bounds are inclusive. Source: uk-fci/nhs-number `docs/nhs-numbers.md` and
 * `docs/ihi-ireland.md`, summarised in docs/reference/nhs-domain.md §1.3.
 *
 * The table is advisory: it helps a person spot a number from another UK health service or a
 * test system, but allocations have changed over time (Wikipedia notes English numbers that
 * start with 3), so a range never makes a number invalid.
 */
export const NHS_NUMBER_RANGES = [
  {
    label: 'unknown',
    firstPrefix: 0,
    lastPrefix: 9,
    description: 'below 010: no documented allocation',
  },
  {
    label: 'scotland-chi',
    firstPrefix: 10,
    lastPrefix: 319,
    description: 'Scotland: Community Health Index (CHI) number',
  },
  {
    label: 'northern-ireland',
    firstPrefix: 320,
    lastPrefix: 399,
    description: 'Northern Ireland: Health and Care (H&C) number',
  },
  {
    label: 'england-wales-iom',
    firstPrefix: 400,
    lastPrefix: 499,
    description: 'England, Wales and the Isle of Man',
  },
  {
    label: 'test-internal',
    firstPrefix: 500,
    lastPrefix: 599,
    description: 'NHS Care Records Service internal testing',
  },
  {
    label: 'england-wales-iom',
    firstPrefix: 600,
    lastPrefix: 799,
    description: 'England, Wales and the Isle of Man',
  },
  {
    label: 'ireland-ihi',
    firstPrefix: 800,
    lastPrefix: 859,
    description: 'Republic of Ireland: Individual Health Identifier (IHI)',
  },
  {
    label: 'unallocated-spare',
    firstPrefix: 860,
    lastPrefix: 899,
    description: 'spare: not allocated',
  },
  {
    label: 'unallocated-test',
    firstPrefix: 900,
    lastPrefix: 999,
    description: 'not allocated: used by development and test systems',
  },
] as const;

/** The label of an NHS Number range, such as `'england-wales-iom'` or `'unallocated-test'`. */
export type NhsNumberRangeLabel = (typeof NHS_NUMBER_RANGES)[number]['label'];

/** The advisory classification of one NHS Number: a stable label and a description for people. */
export interface NhsNumberRange {
  readonly label: NhsNumberRangeLabel;
  readonly description: string;
}

/**
 * The range for the first three digits of a number, read as an integer 0–999.
 * @param prefix - the first three digits as a number, for example 943
 * @throws RangeError when the prefix is not an integer from 0 to 999 (a programming error)
 */
export function nhsNumberRangeOfPrefix(prefix: number): NhsNumberRange {
  const range = NHS_NUMBER_RANGES.find(
    (row) => row.firstPrefix <= prefix && prefix <= row.lastPrefix,
  );
  if (range === undefined || !Number.isInteger(prefix)) {
    throw new RangeError(`an NHS Number prefix is an integer from 0 to 999, got ${prefix}`);
  }
  return { label: range.label, description: range.description };
}

/**
 * Classifies an NHS Number by the range its first three digits fall in. Advisory only: every
 * valid number gets a classification, and none is rejected for its range.
 * @param nhsNumber - a parsed NHS Number
 * @example
 * classifyNhsNumberRange(n) // for 943 476 5919: { label: 'unallocated-test', description: '…' }
 */
export function classifyNhsNumberRange(nhsNumber: NhsNumber): NhsNumberRange {
  return nhsNumberRangeOfPrefix(Number(nhsNumber.slice(0, 3)));
}
