import { traceOutputPaths } from '../../pipeline/trace-output.js';
import { TRACE_OUTCOMES, type TraceReport } from '../../pipeline/trace-report.js';

const n = (value: number): string => value.toLocaleString('en-GB');
const pct = (rate: number): string => `${(rate * 100).toFixed(1)}%`;

/**
 * The summary `trace` prints when it finishes: rows by outcome and code, coverage before and
 * after, the model used, where the files and audit line went, and last the path of the HTML
 * report (to open in a browser). Counts only, no patient data.
 * @param report - the run's report
 * @param out - the response path as given
 * @param audit - the audit log path
 */
export function traceSummary(report: TraceReport, out: string, audit: string): string {
  const outcomes = TRACE_OUTCOMES.map((o) => `${o} ${n(report.outcomes[o].count)}`).join(', ');
  const codes = report.codes.map((c) => `${c.code}: ${n(c.count)}`).join(', ');
  const { before, after } = report.coverage;
  const lines = [
    `traced ${n(report.rows)} rows against ${n(report.registerPeople)} people in ${report.seconds.toFixed(1)} s (${n(Math.round(report.rowsPerSecond))} rows/s)`,
    `outcomes: ${outcomes}`,
    `codes: ${codes}`,
    `coverage: ${pct(before.rate)} had a valid NHS Number before, ${pct(after.rate)} have one now`,
    `conflicts: ${n(report.conflictRows)} rows; duplicates: ${n(report.duplicateRows)} rows`,
    `model: ${report.model.name} ${report.model.version}${report.model.trained ? ' (trained on this file)' : ''}`,
    `wrote ${out} and ${Object.values(report.files)
      .filter((f) => !out.endsWith(f))
      .join(', ')}; audit line appended to ${audit}`,
    `HTML report: ${traceOutputPaths(out).html}`,
  ];
  return `${lines.join('\n')}\n`;
}
