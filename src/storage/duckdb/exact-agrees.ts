import { birthDateAgrees, holdsNhsNumber, type MatchRecord } from '../../matching/index.js';

/**
 * Whether a register record found under an exact key (`EXACT_KEYS_SQL`) is what the joins of
 * `EXACT_CANDIDATES_SQL` would pair with the request: a key is a 64-bit hash, so every record
 * found is checked on its values before it becomes a candidate.
 * - kind 0: the record holds the request's number (current or superseded);
 * - kind 1: the same family name and the same full date of birth;
 * - kind 2 (a request without a day): the same family name and birth year, and the same month
 *   where the request gives one.
 * @param kind - the key's kind (`forEachExactKey`)
 * @param request - the request's record (for kind 0, its number is enough)
 * @param record - the register record
 */
export function exactAgrees(
  kind: number,
  request: Pick<MatchRecord, 'nhsNumber'> & Partial<MatchRecord>,
  record: MatchRecord,
): boolean {
  if (kind === 0) {
    return holdsNhsNumber(record, request.nhsNumber);
  }
  const mine = request.birthDate;
  const theirs = record.birthDate;
  if (
    mine === undefined ||
    theirs === undefined ||
    request.familyName === undefined ||
    record.familyName !== request.familyName ||
    theirs.year !== mine.year
  ) {
    return false;
  }
  if (kind === 1) {
    return mine.day !== undefined && theirs.month === mine.month && theirs.day === mine.day;
  }
  return kind === 2 && mine.day === undefined && birthDateAgrees(mine, theirs);
}
