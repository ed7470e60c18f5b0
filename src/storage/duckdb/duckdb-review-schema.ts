/**
 * The review tables in DuckDB (migration 2 of `duckdb-schema.ts`): trace jobs, review items and
 * the decisions people make on them (docs/review.md). As in the register tables, no PRIMARY KEY:
 * the review store keeps (job, row) unique by replacing rows inside one transaction, and one
 * process writes a DuckDB file at a time. JSON values are kept as text. The two indexes at the
 * end are dropped again by migration 5 (`duckdb-schema.ts` says why); a migration, once
 * released, is never edited.
 */
export const DUCKDB_REVIEW_TABLES: readonly string[] = [
  `CREATE TABLE trace_job (
    id VARCHAR NOT NULL,
    request_file VARCHAR NOT NULL,
    response_path VARCHAR NOT NULL,
    started_at VARCHAR NOT NULL,
    finished_at VARCHAR,
    model_version VARCHAR NOT NULL,
    date_format VARCHAR NOT NULL,
    rows_traced BIGINT NOT NULL,
    outcomes VARCHAR NOT NULL
  )`,
  `CREATE TABLE review_item (
    job_id VARCHAR NOT NULL,
    row_no INTEGER NOT NULL,
    line_no INTEGER NOT NULL,
    reference VARCHAR NOT NULL,
    local_patient_id VARCHAR NOT NULL,
    request VARCHAR NOT NULL,
    outcome VARCHAR NOT NULL,
    reasons VARCHAR NOT NULL,
    candidates VARCHAR NOT NULL,
    fingerprint VARCHAR NOT NULL
  )`,
  `CREATE TABLE review_decision (
    id BIGINT NOT NULL,
    job_id VARCHAR NOT NULL,
    row_no INTEGER NOT NULL,
    verdict VARCHAR NOT NULL,
    nhs_number VARCHAR,
    decided_by VARCHAR NOT NULL,
    decided_at VARCHAR NOT NULL,
    note VARCHAR,
    fingerprint VARCHAR NOT NULL
  )`,
  'CREATE SEQUENCE review_decision_id START 1',
  'CREATE INDEX review_item_job_row ON review_item (job_id, row_no)',
  'CREATE INDEX review_decision_job_row ON review_decision (job_id, row_no)',
];
