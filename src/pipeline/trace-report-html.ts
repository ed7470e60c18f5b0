import type { TraceReport } from './trace-report.js';
import { TRACE_OUTCOMES, UNMATCHED_OUTCOMES } from './trace-report-counts.js';
import { OUTCOME_LABELS } from './trace-report-labels.js';
import type { FieldReport, LabelledCount } from './trace-report-profile.js';
import { escapeHtml as esc, OUTCOME_COLOURS, weightHistogramSvg } from './trace-report-svg.js';

const n = (value: number): string => esc(value.toLocaleString('en-GB'));
const pct = (rate: number): string => esc(`${(rate * 100).toFixed(1)}%`);
const rowsOf = (count: number): string => `${n(count)} ${count === 1 ? 'row' : 'rows'}`;

/** A bar as wide as the share, drawn with CSS only. */
const bar = (rate: number, colour: string): string =>
  `<span class="bar"><span style="width:${(Math.min(Math.max(rate, 0), 1) * 100).toFixed(1)}%;background:${colour}"></span></span>`;

const STYLE = `
body{margin:0;font-family:Frutiger,"Frutiger W01",Arial,Helvetica,sans-serif;color:#212b32;background:#f0f4f5;line-height:1.45}
header{background:#005eb8;color:#fff;padding:20px 32px}
header h1{margin:0;font-size:28px}
header p{margin:4px 0 0;font-size:15px}
main{max-width:1000px;margin:0 auto;padding:16px 32px 48px}
section{background:#fff;border-bottom:4px solid #d8dde0;margin:20px 0;padding:16px 24px}
h2{font-size:22px;margin:4px 0 12px;color:#003087}
h3{font-size:17px;margin:16px 0 8px}
table{border-collapse:collapse;width:100%;font-size:15px}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #d8dde0;vertical-align:top}
th{border-bottom:2px solid #aeb7bd}
td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:0}
.card{flex:1 1 160px;background:#fff;border-left:6px solid #005eb8;padding:10px 14px}
.card b{display:block;font-size:28px}
.bar{display:inline-block;width:140px;height:12px;background:#e8edee;vertical-align:middle}
.bar span{display:block;height:12px}
.swatch{display:inline-block;width:12px;height:12px;margin-right:6px;vertical-align:middle}
.legend span.item{margin-right:16px;white-space:nowrap}
.note{color:#4c6272;font-size:14px}
svg .grid{stroke:#e8edee}svg .axis{stroke:#425563}
svg .tick{font-size:11px;fill:#4c6272}svg .mark{font-size:11px;fill:#212b32;font-weight:bold}
svg .threshold{stroke:#212b32;stroke-dasharray:4 3;stroke-width:1.5}
footer{max-width:1000px;margin:0 auto;padding:0 32px 32px;color:#4c6272;font-size:14px}
`;

function cards(report: TraceReport): string {
  const { before, after } = report.coverage;
  const card = (value: string, label: string): string =>
    `<div class="card"><b>${value}</b>${esc(label)}</div>`;
  return `<div class="cards">
${card(n(report.rows), 'rows traced')}
${card(pct(report.outcomes.matched.rate), 'matched')}
${card(`${pct(before.rate)} → ${pct(after.rate)}`, 'NHS Number coverage, before → after')}
${card(n(report.outcomes.review.count + report.outcomes.multiple.count), 'for a person to review')}
</div>`;
}

function outcomesSection(report: TraceReport): string {
  const rows = TRACE_OUTCOMES.map((o) => {
    const { count, rate } = report.outcomes[o];
    return `<tr><td><span class="swatch" style="background:${OUTCOME_COLOURS[o]}"></span>${esc(OUTCOME_LABELS[o])} <span class="note">(${esc(o)})</span></td><td class="num">${n(count)}</td><td class="num">${pct(rate)}</td><td>${bar(rate, OUTCOME_COLOURS[o])}</td></tr>`;
  }).join('\n');
  const codes = report.codes
    .map(
      (c) =>
        `<tr><td>${esc(c.code)}</td><td>${esc(c.label)}</td><td class="num">${n(c.count)}</td><td class="num">${pct(c.rate)}</td></tr>`,
    )
    .join('\n');
  const { before, after } = report.coverage;
  return `<section id="outcomes"><h2>Outcomes</h2>
<table><thead><tr><th>Outcome</th><th class="num">Rows</th><th class="num">Share</th><th></th></tr></thead><tbody>
${rows}
</tbody></table>
<h3>Coverage</h3>
<table><tbody>
<tr><td>Rows sent with a valid NHS Number (before)</td><td class="num">${n(before.count)}</td><td class="num">${pct(before.rate)}</td><td>${bar(before.rate, '#768692')}</td></tr>
<tr><td>Rows with a verified NHS Number now (after)</td><td class="num">${n(after.count)}</td><td class="num">${pct(after.rate)}</td><td>${bar(after.rate, '#007f3b')}</td></tr>
</tbody></table>
<p class="note">Conflicts with the register: ${rowsOf(report.conflictRows)}. The same person twice in the file: ${rowsOf(report.duplicateRows)}.</p>
<h3>By response code (ERROR/SUCCESS_CODE)</h3>
<table><thead><tr><th>Code</th><th>Meaning</th><th class="num">Rows</th><th class="num">Share</th></tr></thead><tbody>
${codes}
</tbody></table></section>`;
}

function weightsSection(report: TraceReport): string {
  const { weights } = report;
  const scored = weights.bins.reduce((sum, b) => sum + b.total, 0);
  const unscored = Object.values(weights.unscored).reduce((sum, v) => sum + v, 0);
  const legend = TRACE_OUTCOMES.map(
    (o) =>
      `<span class="item"><span class="swatch" style="background:${OUTCOME_COLOURS[o]}"></span>${esc(OUTCOME_LABELS[o])}</span>`,
  ).join(' ');
  return `<section id="weights"><h2>Match weights</h2>
<p>The match weight of each row’s best candidate, in bits: each bit doubles the odds that the two records are the same person. Below the review threshold a candidate is not worth a person’s time; at or above the match threshold a clear best candidate is matched.</p>
${weightHistogramSvg(weights)}
<p class="legend">${legend}</p>
<p class="note">${n(scored)} rows had a candidate to score; ${n(unscored)} had none (nobody in the register close enough, or a row error).</p></section>`;
}

function reasonTable(items: readonly LabelledCount[], of: string): string {
  if (items.length === 0) {
    return '<p class="note">None.</p>';
  }
  const rows = items
    .slice(0, 10)
    .map(
      (r) =>
        `<tr><td>${esc(r.label)} <span class="note">(${esc(r.code)})</span></td><td class="num">${n(r.count)}</td><td class="num">${pct(r.rate)}</td></tr>`,
    )
    .join('\n');
  return `<table><thead><tr><th>Reason</th><th class="num">Rows</th><th class="num">Share of ${esc(of)}</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}

function reasonsSection(report: TraceReport): string {
  const parts = UNMATCHED_OUTCOMES.map((o) => {
    const reasons = report.reasons[o];
    const decision = reasons.filter((r) => r.kind === 'decision');
    const cascade = reasons.filter((r) => r.kind === 'cascade');
    return `<h3>${esc(OUTCOME_LABELS[o])}: ${rowsOf(report.outcomes[o].count)}</h3>
${reasonTable(decision, 'these rows')}
${cascade.length === 0 ? '' : `<details><summary>Why the exact steps (cross-check, alphanumeric) did not match them</summary>\n${reasonTable(cascade, 'these rows')}</details>`}`;
  }).join('\n');
  return `<section id="reasons"><h2>Why rows were not matched</h2>
<p class="note">A row can give several reasons, so shares can add up to more than 100%.</p>
${parts}</section>`;
}

function fieldRow(field: FieldReport): string {
  const problems = [
    ...field.unusable,
    ...field.cautions.map((c) => ({ ...c, label: `caution: ${c.label}` })),
  ]
    .map((p) => `${esc(p.label)} ${pct(p.rate)}`)
    .join('; ');
  const unchecked = field.unchecked > 0 ? `; not checked: ${rowsOf(field.unchecked)}` : '';
  return `<tr><td>${esc(field.column)}</td><td class="num">${pct(field.present.rate)}</td><td>${bar(field.present.rate, '#005eb8')}</td><td class="num">${pct(field.usable.rate)}</td><td>${problems === '' ? '<span class="note">none</span>' : problems}${unchecked}</td></tr>`;
}

function labelledTable(items: readonly LabelledCount[], head: string): string {
  if (items.length === 0) {
    return '<p class="note">None.</p>';
  }
  const rows = items
    .map(
      (i) =>
        `<tr><td>${esc(i.label)}</td><td class="num">${n(i.count)}</td><td class="num">${pct(i.rate)}</td></tr>`,
    )
    .join('\n');
  return `<table><thead><tr><th>${esc(head)}</th><th class="num">Rows</th><th class="num">Share</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}

function profileSection(report: TraceReport): string {
  const { profile } = report;
  const rowErrors = profile.rowErrors.map((e) => ({ ...e, label: `${e.code}: ${e.label}` }));
  const lines = profile.addressLines
    .map(
      (l) =>
        `<tr><td>${n(l.lines)}</td><td class="num">${n(l.count)}</td><td class="num">${pct(l.rate)}</td></tr>`,
    )
    .join('\n');
  const unsplit =
    profile.unsplitRows > 0
      ? `<p class="note">${n(profile.unsplitRows)} rows could not be read field by field (wrong number of cells, or bytes that are not text); their filled cells are counted as present but not checked.</p>`
      : '';
  return `<section id="profile"><h2>Data quality of the request file</h2>
<p>Shares of all ${n(profile.rows)} data rows. “Usable” means filled and fit to trace on.</p>
<table><thead><tr><th>Field</th><th class="num">Filled</th><th></th><th class="num">Usable</th><th>Filled but unusable, or worth a look</th></tr></thead><tbody>
${profile.fields.map(fieldRow).join('\n')}
</tbody></table>
${unsplit}
<h3>Gender codes</h3>
${labelledTable(profile.genders, 'GENDER')}
<h3>Address lines filled</h3>
<table><thead><tr><th>Lines</th><th class="num">Rows</th><th class="num">Share</th></tr></thead><tbody>
${lines}
</tbody></table>
<h3>Rows not traced, by code</h3>
${labelledTable(rowErrors, 'Code')}</section>`;
}

function blockingSection(report: TraceReport): string {
  const { blocking } = report;
  if (blocking === undefined) {
    return '';
  }
  const rows = blocking.rules
    .map(
      (r) =>
        `<tr><td>${esc(r.rule)}</td><td class="num">${n(Math.round(r.pairs))}</td><td class="num">${esc(blocking.estimatedRows > 0 ? (r.pairs / blocking.estimatedRows).toFixed(1) : '0')}</td><td class="num">${n(r.cappedKeys)}</td></tr>`,
    )
    .join('\n');
  const warnings =
    blocking.warnings.length === 0
      ? '<p>No warning: no key of this file is shared by more register records than the cap, and no rule gives too many pairs.</p>'
      : `<h3>Warnings</h3><ul>\n${blocking.warnings.map((w) => `<li>${esc(w.message)}</li>`).join('\n')}\n</ul>`;
  const from =
    blocking.sampleRows === blocking.estimatedRows
      ? `all ${rowsOf(blocking.sampleRows)}`
      : `the first ${rowsOf(blocking.sampleRows)}, scaled to about ${n(blocking.estimatedRows)}`;
  return `<section id="blocking"><h2>Candidate pairs (blocking)</h2>
<p>Estimated before the run from ${from}: about ${n(Math.round(blocking.totalPairs))} pairs to score. A pair found by two rules is scored once, so the total is an upper bound. Keys shared by more than ${n(blocking.cap)} register records are skipped.</p>
<table><thead><tr><th>Rule</th><th class="num">Pairs</th><th class="num">Pairs a row</th><th class="num">Keys over the cap</th></tr></thead><tbody>
${rows}
</tbody></table>
${warnings}</section>`;
}

/**
 * The run's report as one self-contained HTML page: counts and rates by outcome and code,
 * coverage before and after, the match-weight histogram (inline SVG, thresholds marked), the
 * commonest reasons for review and no match, the data-quality profile of the input and the
 * pair-count estimate made before the run. Inline CSS, no script, no external request; every
 * text is escaped. Aggregates only: the report holds no names, dates, postcodes or NHS Numbers,
 * so neither does the page.
 * @param report - the run's report
 */
export function traceReportHtml(report: TraceReport): string {
  const { model } = report;
  const files = Object.entries(report.files)
    .map(([role, file]) => `<li>${esc(role)}: ${esc(file)}</li>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Trace report: ${esc(report.input)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>Trace report</h1>
<p>${esc(report.input)} · started ${esc(report.startedAt)} · ${n(report.rows)} rows in ${esc(report.seconds.toFixed(1))} s (${n(Math.round(report.rowsPerSecond))} rows/s) against ${n(report.registerPeople)} people</p></header>
<main>
${cards(report)}
${outcomesSection(report)}
${weightsSection(report)}
${reasonsSection(report)}
${profileSection(report)}
${blockingSection(report)}
<section id="run"><h2>About this run</h2>
<p>Model ${esc(model.name)}, version ${esc(model.version)}${model.trained ? ', trained without labels on this file and the register' : ''}. Blank lines skipped: ${n(report.blankRows)}.</p>
<h3>Files written</h3><ul>
${files}
</ul></section>
</main>
<footer>Counts only: this report holds no names, dates, postcodes or NHS Numbers.</footer>
</body>
</html>
`;
}
