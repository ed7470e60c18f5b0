import type { RegisterPerson } from '../core/person.js';
import type { PdsMeshRequestColumn } from '../formats/pds-mesh-columns.js';
import type { RequestDateFormat } from '../formats/pds-mesh-request-types.js';
import {
  buildMatchRecord,
  compareRecords,
  fromRegisterPerson,
  type LabelledVector,
  type MatchModel,
} from '../matching/index.js';
import type { ReviewEntry, ReviewStore } from '../storage/review-store.js';
import { matchInputFromRequestRow } from './in-memory-request.js';

/**
 * Review decisions as training labels (design.md: decisions "feed training"). A decided item
 * gives one labelled pair per candidate: an accepted candidate is a match and every other
 * candidate of that row a non-match (the request is one person); a rejected row makes every
 * candidate a non-match. `estimateFromLabelledPairs` (matching/train/labelled.ts) consumes the
 * vectors. Labels from a review queue are not a random sample of pairs (they are the hard
 * cases): use them for m, and keep u from random pairs.
 */

/** One request × candidate pair whose truth a person decided. */
export interface ReviewLabelledPair {
  readonly jobId: string;
  readonly row: number;
  /** The request's cells as sent. */
  readonly request: Readonly<Record<PdsMeshRequestColumn, string>>;
  /** The request file's date layout (to read `request` again). */
  readonly dateFormat: RequestDateFormat;
  /** The candidate's NHS Number. */
  readonly nhsNumber: string;
  readonly isMatch: boolean;
  /** The decision the label comes from. */
  readonly decisionId: number;
  /** The levels the trace found for the pair (comparison id → level id), as the reviewer saw them. */
  readonly levels: Readonly<Record<string, string>>;
}

/**
 * The labelled pairs of decided entries (entries with no current decision give none).
 * @param entries - a job's entries (`ReviewStore.listItems(job, { status: 'decided' })`)
 * @param dateFormat - the job's date layout
 */
export function labelledPairsOf(
  entries: readonly ReviewEntry[],
  dateFormat: RequestDateFormat,
): ReviewLabelledPair[] {
  return entries.flatMap(({ item, decision }) =>
    decision === undefined
      ? []
      : item.candidates.map((candidate) => ({
          jobId: item.jobId,
          row: item.row,
          request: item.request,
          dateFormat,
          nhsNumber: candidate.nhsNumber,
          isMatch: decision.verdict === 'accept' && decision.nhsNumber === candidate.nhsNumber,
          decisionId: decision.id,
          levels: Object.fromEntries(candidate.explanation.map((c) => [c.comparison, c.level])),
        })),
  );
}

/**
 * Every labelled pair of the given jobs (default: every job in the store).
 * @param store - the review store
 * @param jobIds - the jobs to take labels from
 */
export async function reviewLabelledPairs(
  store: ReviewStore,
  jobIds?: readonly string[],
): Promise<ReviewLabelledPair[]> {
  const ids = jobIds ?? (await store.listJobs()).map((job) => job.id);
  const pairs: ReviewLabelledPair[] = [];
  for (const id of ids) {
    const job = await store.getJob(id);
    if (job !== undefined) {
      const decided = await store.listItems(id, { status: 'decided' });
      pairs.push(...labelledPairsOf(decided, job.dateFormat));
    }
  }
  return pairs;
}

/** Labelled comparison vectors for a model, and the pairs that could not be compared. */
export interface LabelledVectors {
  readonly vectors: LabelledVector[];
  /** Pairs whose candidate the register no longer holds. */
  readonly skipped: number;
}

/**
 * The comparison vectors of labelled pairs under a model, for `estimateFromLabelledPairs`:
 * each request is read again from its cells and compared with the candidate's current
 * register record, so any model (not only the one the job traced with) can learn from them.
 * @param model - the model to train
 * @param pairs - labelled pairs
 * @param lookup - the register's current record for a number
 */
export async function labelledVectors(
  model: MatchModel,
  pairs: readonly ReviewLabelledPair[],
  lookup: (nhsNumber: string) => Promise<RegisterPerson | undefined>,
): Promise<LabelledVectors> {
  const vectors: LabelledVector[] = [];
  let skipped = 0;
  for (const pair of pairs) {
    const person = await lookup(pair.nhsNumber);
    if (person === undefined) {
      skipped += 1;
      continue;
    }
    const request = buildMatchRecord(matchInputFromRequestRow(pair.request, pair.dateFormat));
    const vector = compareRecords(request, fromRegisterPerson(person), model);
    vectors.push({ vector, isMatch: pair.isMatch });
  }
  return { vectors, skipped };
}
