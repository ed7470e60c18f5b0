import { CliError } from '../exit-codes.js';

/**
 * Parses a whole, non-negative number given on the command line (`1000000`, `1_000_000`,
 * `1e6`), or fails with a usage error naming the option.
 * @param raw - the text given
 * @param option - the option's name, for the message
 */
export function parseCount(raw: string, option: string): number {
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new CliError(`${option} must be a whole number of 0 or more, not '${raw}'`);
  }
  return value;
}
