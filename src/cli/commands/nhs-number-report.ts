import {
  classifyNhsNumberRange,
  formatNhsNumber,
  parseNhsNumber,
} from '../../core/nhs-number/index.js';

/** Width of the first column: a formatted number (`943 476 5919`) or a quoted 10-digit input. */
const NUMBER_WIDTH = 12;

/** The verdict on one input, as one line of `nhs-number validate` output (without a newline). */
export interface NhsNumberVerdict {
  readonly valid: boolean;
  readonly text: string;
}

/**
 * Checks one NHS Number as typed and describes the result in one line: a valid number in the
 * 3 3 4 display format with its advisory range, an invalid one quoted as given with the reason.
 * @param input - the number as typed or as found in a file
 * @example
 * nhsNumberVerdict('9434765919').text // '943 476 5919  valid    unallocated-test'
 * nhsNumberVerdict('9876544321').text
 * // '"9876544321"  invalid  bad-check-digit: the check digit is 1 but Modulus 11 gives 2'
 */
export function nhsNumberVerdict(input: string): NhsNumberVerdict {
  const parsed = parseNhsNumber(input);
  if (parsed.success) {
    const shown = formatNhsNumber(parsed.data).padEnd(NUMBER_WIDTH);
    return { valid: true, text: `${shown}  valid    ${classifyNhsNumberRange(parsed.data).label}` };
  }
  const issue = parsed.issues[0];
  const reason = issue === undefined ? 'invalid' : `${issue.code}: ${issue.message}`;
  return {
    valid: false,
    text: `${JSON.stringify(input).padEnd(NUMBER_WIDTH)}  invalid  ${reason}`,
  };
}

/** How many inputs a run checked, and how many of them were invalid. */
export interface ValidationCounts {
  readonly checked: number;
  readonly invalid: number;
  /** Blank cells passed over with --skip-empty; counted in `checked`, not in `invalid`. */
  readonly skipped?: number;
}

/**
 * The one-line summary printed on stderr, for example `3 checked: 2 valid, 1 invalid`.
 * @param counts - the totals of a run
 * @param unit - what was counted: `numbers` or `rows`
 */
export function summaryLine(counts: ValidationCounts, unit: 'numbers' | 'rows'): string {
  const skipped = counts.skipped ?? 0;
  const valid = counts.checked - counts.invalid - skipped;
  const summary = `${counts.checked} ${unit} checked: ${valid} valid, ${counts.invalid} invalid`;
  return skipped > 0 ? `${summary}, ${skipped} blank (skipped)` : summary;
}
