import { birthDateAgrees, type CascadeCandidate, type MatchRecord } from '../matching/index.js';

/** The cascade's exact look-up over register records held in memory. */
export interface ExactLookup {
  /**
   * The candidates of the deterministic cascade, as the SQL look-up finds them
   * (`EXACT_CANDIDATES_SQL`): the holder of the supplied number (current or superseded), and
   * the records with the same family name whose date of birth agrees (the request's month and
   * day only where it has them). Each once, by NHS Number.
   * @param request - the request record
   */
  candidates(request: MatchRecord): CascadeCandidate[];
}

/**
 * Indexes register records by every number they hold and by family name, for
 * {@link ExactLookup.candidates}: no blocking and no cap, as exact look-ups in PDS.
 * @param records - register records, each with its current NHS Number as `id`
 */
export function buildExactLookup(records: readonly CascadeCandidate[]): ExactLookup {
  const byNumber = new Map<string, CascadeCandidate[]>();
  const byFamily = new Map<string, CascadeCandidate[]>();
  const add = (map: Map<string, CascadeCandidate[]>, key: string, c: CascadeCandidate): void => {
    const list = map.get(key);
    if (list === undefined) {
      map.set(key, [c]);
    } else {
      list.push(c);
    }
  };
  for (const candidate of records) {
    const { record } = candidate;
    for (const number of new Set([record.nhsNumber, ...record.supersededNhsNumbers])) {
      if (number !== undefined) {
        add(byNumber, number, candidate);
      }
    }
    if (record.familyName !== undefined) {
      add(byFamily, record.familyName, candidate);
    }
  }
  return {
    candidates(request) {
      const found = new Map<string, CascadeCandidate>();
      for (const c of request.nhsNumber === undefined
        ? []
        : (byNumber.get(request.nhsNumber) ?? [])) {
        found.set(c.id, c);
      }
      const date = request.birthDate;
      if (date !== undefined && request.familyName !== undefined) {
        for (const c of byFamily.get(request.familyName) ?? []) {
          const theirs = c.record.birthDate;
          if (theirs !== undefined && birthDateAgrees(date, theirs)) {
            found.set(c.id, c);
          }
        }
      }
      return [...found.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },
  };
}
