/**
 * The review tables in PostgreSQL (migration 2 of `postgres-schema.ts`): trace jobs, review
 * items and the decisions people make on them (docs/review.md). Keys as usual in PostgreSQL;
 * JSON values as `jsonb`, so the review app can query them. Decisions are never deleted: they
 * are the audit history, and carry the fingerprint of the item they were made on.
 */
export const PG_REVIEW_TABLES: readonly string[] = [
  `CREATE TABLE trace_job (
    id text PRIMARY KEY,
    request_file text NOT NULL,
    response_path text NOT NULL,
    started_at text NOT NULL,
    finished_at text,
    model_version text NOT NULL,
    date_format text NOT NULL,
    rows_traced bigint NOT NULL,
    outcomes jsonb NOT NULL
  )`,
  `CREATE TABLE review_item (
    job_id text NOT NULL REFERENCES trace_job (id),
    row_no integer NOT NULL,
    line_no integer NOT NULL,
    reference text NOT NULL,
    local_patient_id text NOT NULL,
    request jsonb NOT NULL,
    outcome text NOT NULL,
    reasons jsonb NOT NULL,
    candidates jsonb NOT NULL,
    fingerprint text NOT NULL,
    PRIMARY KEY (job_id, row_no)
  )`,
  `CREATE TABLE review_decision (
    id bigint PRIMARY KEY,
    job_id text NOT NULL REFERENCES trace_job (id),
    row_no integer NOT NULL,
    verdict text NOT NULL CHECK (verdict IN ('accept', 'reject')),
    nhs_number text,
    decided_by text NOT NULL,
    decided_at text NOT NULL,
    note text,
    fingerprint text NOT NULL
  )`,
  'CREATE SEQUENCE review_decision_id START 1',
  'CREATE INDEX review_decision_job_row ON review_decision (job_id, row_no)',
];
