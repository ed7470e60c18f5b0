import { createHash } from 'node:crypto';
import { fail, ok, type Issue, type Result } from '../core/result.js';
import type {
  ListItemsOptions,
  ReviewDecision,
  ReviewDecisionInput,
  ReviewEntry,
  ReviewItem,
  StoredReviewItem,
} from './review-store.js';

/**
 * The rules every review store adapter shares, written once: the fingerprint a decision is tied
 * to, the checks on a decision, and which decision is current.
 */

/**
 * The fingerprint of an item: SHA-256 (first 16 hex digits) over its reference, local id, the
 * request cells it was sent with and its candidates' NHS Numbers in order. Weights and
 * explanations are left out: a retrained model rescoring the same people does not make a
 * person's decision stale, but another candidate or other demographics do.
 * @param item - the item
 */
export function reviewFingerprint(item: ReviewItem): string {
  const cells = Object.entries(item.request)
    .filter(([, value]) => value.trim() !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256')
    .update(
      JSON.stringify([
        item.reference,
        item.localPatientId,
        cells,
        item.candidates.map((c) => c.nhsNumber),
      ]),
    )
    .digest('hex')
    .slice(0, 16);
}

/**
 * The item with its fingerprint, as adapters store it. Throws on a row or line that is not a
 * whole number from 1 (a programming error: the pipeline numbers rows itself).
 * @param item - the item to queue
 */
export function withFingerprint(item: ReviewItem): StoredReviewItem {
  for (const [name, value] of [
    ['row', item.row],
    ['line', item.line],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new Error(`review item ${name} must be a whole number from 1, not ${value}`);
    }
  }
  return { ...item, fingerprint: reviewFingerprint(item) };
}

/**
 * Checks a decision against the item it is about (`undefined`: no such item). Fails with
 * `unknown-item`, `no-reviewer`, `bad-time` or `not-a-candidate`.
 * @param decision - the decision to record
 * @param item - the stored item, if any
 */
export function checkDecision(
  decision: ReviewDecisionInput,
  item: StoredReviewItem | undefined,
): Result<StoredReviewItem> {
  const issues: Issue[] = [];
  if (item === undefined) {
    issues.push({
      code: 'unknown-item',
      message: `job ${decision.jobId} has no review item at row ${decision.row}`,
    });
  }
  if (decision.decidedBy.trim() === '') {
    issues.push({ code: 'no-reviewer', message: 'a decision must name who made it', path: 'by' });
  }
  if (Number.isNaN(Date.parse(decision.decidedAt))) {
    issues.push({ code: 'bad-time', message: 'the decision time is not an ISO 8601 time' });
  }
  if (
    item !== undefined &&
    decision.verdict === 'accept' &&
    !item.candidates.some((c) => c.nhsNumber === decision.nhsNumber)
  ) {
    issues.push({
      code: 'not-a-candidate',
      message: `${decision.nhsNumber} is not a candidate of row ${decision.row} (candidates: ${item.candidates.map((c) => c.nhsNumber).join(', ') || 'none'})`,
      path: 'accept',
    });
  }
  return item === undefined || issues.length > 0 ? fail(...issues) : ok(item);
}

/**
 * The decision as stored, with only the fields its verdict allows.
 * @param input - the checked decision
 * @param id - its id in the store
 * @param fingerprint - the fingerprint of the item it was made on
 */
export function storedDecision(
  input: ReviewDecisionInput,
  id: number,
  fingerprint: string,
): ReviewDecision {
  const common = {
    id,
    jobId: input.jobId,
    row: input.row,
    decidedBy: input.decidedBy.trim(),
    decidedAt: input.decidedAt,
    fingerprint,
    ...(input.note === undefined || input.note.trim() === '' ? {} : { note: input.note.trim() }),
  };
  return input.verdict === 'accept'
    ? { ...common, verdict: 'accept', nhsNumber: input.nhsNumber }
    : { ...common, verdict: 'reject' };
}

/**
 * The current decision of an item: the latest (highest id) made on its current fingerprint.
 * @param item - the stored item
 * @param decisions - decisions on that item, any order
 */
export function currentDecision(
  item: StoredReviewItem,
  decisions: Iterable<ReviewDecision>,
): ReviewDecision | undefined {
  let current: ReviewDecision | undefined;
  for (const d of decisions) {
    if (d.fingerprint === item.fingerprint && (current === undefined || d.id > current.id)) {
      current = d;
    }
  }
  return current;
}

/**
 * Filters entries by status and applies offset and limit (for adapters that filter in memory).
 * @param entries - entries in row order
 * @param options - status, offset, limit
 */
export function pageEntries(
  entries: readonly ReviewEntry[],
  options: ListItemsOptions = {},
): ReviewEntry[] {
  const filtered = entries.filter((e) =>
    options.status === undefined
      ? true
      : options.status === 'decided'
        ? e.decision !== undefined
        : e.decision === undefined,
  );
  const start = Math.max(0, options.offset ?? 0);
  return filtered.slice(
    start,
    options.limit === undefined ? undefined : start + Math.max(0, options.limit),
  );
}
