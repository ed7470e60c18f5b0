import { NO_MATCH_NHS_NO, type ResponseAnswer } from '../formats/pds-mesh-response.js';

/**
 * The answer when a trace lands on an invalidated record (PDS `REDACTED`: marked invalid, so its
 * data must not be used). PDS MESH answers such a row with code `91`, `MATCHED_NHS_NO`
 * `0000000000` and every demographic suppressed (nhs-domain.md §3.2); the PDS FHIR API likewise
 * returns nothing for it (404 `INVALIDATED_RESOURCE`, §2.7). The row is `no-match` for every
 * count and file (load status `04`, listed in the unmatched file with the reason
 * {@link INVALIDATED_REASON}); it is never sent to review, and carries no weight, probability or
 * comparison text, which would describe the withheld record.
 */

/** `ERROR/SUCCESS_CODE` of a row that landed on an invalidated record. */
export const INVALIDATED_CODE = '91';

/** The reason written to the unmatched file and counted by the report. */
export const INVALIDATED_REASON = 'invalidated-record';

/** `EXPLANATION` of such a row. */
export const INVALIDATED_EXPLANATION = 'landed on an invalidated record; its details are withheld';

/**
 * The response answer of a row whose trace landed on an invalidated record.
 * @param note - text put before the explanation (a reviewer's confirmation), or ''
 */
export function invalidatedAnswer(note = ''): ResponseAnswer {
  return {
    code: INVALIDATED_CODE,
    outcome: 'no-match',
    matchedNhsNumber: NO_MATCH_NHS_NO,
    algorithmIndicator: '0',
    confidence: '',
    explanation: note === '' ? INVALIDATED_EXPLANATION : `${note}; ${INVALIDATED_EXPLANATION}`,
  };
}
