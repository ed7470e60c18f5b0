import { appendFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { TraceReport } from './trace-report.js';

/** The audit log's default file name. */
export const DEFAULT_AUDIT_FILE = 'nhs-trace-audit.ndjson';

/** One audit line of a trace run: what ran, on which file, with which model; no patient data. */
export interface TraceAuditEntry {
  readonly event: 'trace';
  readonly at: string;
  readonly input: string;
  readonly rows: number;
  readonly outcomes: Readonly<Record<string, number>>;
  /** Rows by `ERROR/SUCCESS_CODE`, as `[code, count]` pairs in code order. */
  readonly codes: readonly (readonly [string, number])[];
  readonly model: { readonly name: string; readonly version: string; readonly trained: boolean };
  readonly registerPeople: number;
}

/**
 * The audit entry of a finished run, from its report (counts, file name, model version).
 * @param report - the run's report
 */
export function auditEntry(report: TraceReport): TraceAuditEntry {
  const counts = (table: Readonly<Record<string, { count: number }>>): Record<string, number> =>
    Object.fromEntries(Object.entries(table).map(([key, value]) => [key, value.count]));
  return {
    event: 'trace',
    at: report.startedAt,
    input: report.input,
    rows: report.rows,
    outcomes: counts(report.outcomes),
    codes: report.codes.map((c) => [c.code, c.count] as const),
    model: report.model,
    registerPeople: report.registerPeople,
  };
}

/**
 * Where the audit log goes by default: beside the DuckDB file when the register is one, else
 * beside the response file (a PostgreSQL URL or `:memory:` has no folder of its own).
 * @param db - the `--db` value
 * @param out - the response file path
 */
export function defaultAuditPath(db: string, out: string): string {
  const isFile = db !== ':memory:' && !/^postgres(ql)?:\/\//i.test(db);
  return join(dirname(isFile ? db : out), DEFAULT_AUDIT_FILE);
}

/**
 * Appends one JSON line to the audit log (created when absent). An append of one short line
 * is a single write, so concurrent runs do not interleave within a line.
 * @param path - the audit log
 * @param entry - the line
 */
export async function appendAudit(path: string, entry: TraceAuditEntry): Promise<void> {
  await appendFile(path, `${JSON.stringify(entry)}\n`, 'utf8');
}
