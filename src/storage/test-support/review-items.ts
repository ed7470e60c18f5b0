import { emptyRequestRow } from '../../formats/pds-mesh-columns.js';
import type { ReviewCandidate, ReviewItem, TraceJob } from '../review-store.js';
import { testNhsNumber } from './register-people.js';

/** Fixtures for the review store: a job and review items with synthetic (9xx) candidates. */

/**
 * A trace job with the given id.
 * @param id - the job id
 * @param overrides - fields to replace
 */
export function testJob(id: string, overrides: Partial<TraceJob> = {}): TraceJob {
  return {
    id,
    requestFile: 'requests.csv',
    responsePath: `/tmp/${id}/response.csv`,
    startedAt: '2026-01-01T09:00:00.000Z',
    modelVersion: 'v-0123456789abcdef',
    dateFormat: 'YYYYMMDD',
    rows: 0,
    outcomes: {},
    ...overrides,
  };
}

/**
 * A scored candidate with a two-bar explanation.
 * @param index - which test NHS Number (`testNhsNumber(index)`)
 * @param weight - match weight in bits
 */
export function testCandidate(index: number, weight: number): ReviewCandidate {
  return {
    nhsNumber: testNhsNumber(index),
    weight,
    probability: 1 / (1 + 2 ** -weight),
    explanation: [
      {
        comparison: 'family-name',
        comparisonLabel: 'Family name',
        level: 'exact',
        label: 'Exact match',
        m: 0.9,
        u: 0.001,
        weight: 9.81,
        tfAdjustment: -0.5,
      },
      {
        comparison: 'date-of-birth',
        comparisonLabel: 'Date of birth',
        level: 'one-edit',
        label: 'One character different',
        m: 0.05,
        u: 0.01,
        weight: 2.32,
        tfAdjustment: 0,
      },
    ],
  };
}

/**
 * A review item of a job at a row, with two candidates (test numbers 1 and 2).
 * @param jobId - the job
 * @param row - the 1-based data row
 * @param overrides - fields to replace
 */
export function testItem(
  jobId: string,
  row: number,
  overrides: Partial<ReviewItem> = {},
): ReviewItem {
  return {
    jobId,
    row,
    line: row + 1,
    reference: `REF${row}`,
    localPatientId: `L${row}`,
    request: {
      ...emptyRequestRow(),
      'UNIQUE REFERENCE': `REF${row}`,
      FAMILY_NAME: 'Flanders',
      GIVEN_NAME: 'Rodd',
      GENDER: '1',
      DATE_OF_BIRTH: '20100301',
      POSTCODE: 'LS2 7EE',
      LOCAL_PATIENT_ID: `L${row}`,
    },
    outcome: 'review',
    reasons: ['twins'],
    candidates: [testCandidate(1, 14.5), testCandidate(2, 13.9)],
    ...overrides,
  };
}
