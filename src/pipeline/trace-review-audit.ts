import { appendFile } from 'node:fs/promises';
import type { ReviewDecision } from '../storage/review-store.js';

/**
 * Audit lines of the review: one per decision and one per finalised response, appended to the
 * same log as the trace runs (`trace-audit.ts`, one JSON object a line). Ids, verdicts and
 * counts only: no names, dates of birth, addresses or NHS Numbers of patients, and no notes
 * (a note is free text and may hold them; it stays in the store).
 */

/** One decision recorded. */
export interface ReviewDecisionAuditEntry {
  readonly event: 'review-decision';
  readonly at: string;
  readonly jobId: string;
  readonly row: number;
  readonly decisionId: number;
  readonly verdict: 'accept' | 'reject';
  /** The reviewer (staff, not a patient). */
  readonly by: string;
}

/** One final response written with the decisions applied. */
export interface ReviewFinaliseAuditEntry {
  readonly event: 'review-finalise';
  readonly at: string;
  readonly jobId: string;
  /** The final response file's name. */
  readonly output: string;
  readonly rows: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly undecided: number;
  readonly stale: number;
  readonly missing: number;
}

/**
 * The audit entry of a decision.
 * @param decision - the stored decision
 */
export function decisionAuditEntry(decision: ReviewDecision): ReviewDecisionAuditEntry {
  return {
    event: 'review-decision',
    at: decision.decidedAt,
    jobId: decision.jobId,
    row: decision.row,
    decisionId: decision.id,
    verdict: decision.verdict,
    by: decision.decidedBy,
  };
}

/**
 * Appends one review audit line to the log (created when absent), in the trace audit's format.
 * @param path - the audit log
 * @param entry - the line
 */
export async function appendReviewAudit(
  path: string,
  entry: ReviewDecisionAuditEntry | ReviewFinaliseAuditEntry,
): Promise<void> {
  await appendFile(path, `${JSON.stringify(entry)}\n`, 'utf8');
}
