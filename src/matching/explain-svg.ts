import type { ScoreResult } from './weights.js';

/** Layout of the waterfall picture, in SVG user units (pixels). */
const LAYOUT = {
  width: 760,
  labelWidth: 330,
  valueWidth: 70,
  rowHeight: 26,
  top: 44,
  bar: 16,
} as const;

const COLOURS = {
  agree: '#007f3b',
  disagree: '#d5281b',
  neutral: '#768692',
  total: '#005eb8',
} as const;

/**
 * Escapes text for SVG/XML content and attributes.
 * @param text - any text
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

interface Step {
  readonly label: string;
  readonly delta: number;
  readonly kind: 'prior' | 'step' | 'total';
}

function steps(result: ScoreResult): Step[] {
  const out: Step[] = [
    { label: 'Prior (how rare a match is)', delta: result.prior, kind: 'prior' },
  ];
  for (const c of result.contributions) {
    out.push({ label: `${c.comparisonLabel}: ${c.label}`, delta: c.weight, kind: 'step' });
    if (c.tfAdjustment !== 0) {
      out.push({
        label: `${c.comparisonLabel}: how common the value is`,
        delta: c.tfAdjustment,
        kind: 'step',
      });
    }
  }
  out.push({ label: 'Match weight', delta: result.weight, kind: 'total' });
  return out;
}

const signed = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`;

/**
 * A self-contained SVG waterfall of one candidate's score (Splink's waterfall chart): the prior,
 * then each comparison's weight in bits (green for evidence for, red against, grey for none)
 * and any term-frequency adjustment, each bar starting where the running total stands, then the
 * final match weight and probability. Labels are XML-escaped; no scripts, fonts or links.
 * @param result - a score from `score()`
 * @param title - heading, e.g. the candidate's masked NHS Number (escaped)
 * @returns the SVG document as a string
 */
export function explainSvg(
  result: ScoreResult,
  title = 'Why this candidate scored as it did',
): string {
  const rows = steps(result);
  let running = 0;
  const spans = rows.map((row) => {
    const from = row.kind === 'step' ? running : 0;
    const to = row.kind === 'step' ? running + row.delta : row.delta;
    running = row.kind === 'total' ? running : to;
    return { ...row, from, to };
  });
  const extent = Math.max(1, ...spans.flatMap((s) => [Math.abs(s.from), Math.abs(s.to)]));
  const plotLeft = LAYOUT.labelWidth + 10;
  const plotWidth = LAYOUT.width - plotLeft - LAYOUT.valueWidth;
  const x = (w: number): number => plotLeft + ((w + extent) / (2 * extent)) * plotWidth;
  const height = LAYOUT.top + rows.length * LAYOUT.rowHeight + 40;
  const body = spans.map((s, i) => {
    const y = LAYOUT.top + i * LAYOUT.rowHeight;
    const left = Math.min(x(s.from), x(s.to));
    const width = Math.max(1, Math.abs(x(s.to) - x(s.from)));
    const colour =
      s.kind !== 'step'
        ? COLOURS.total
        : s.delta > 0
          ? COLOURS.agree
          : s.delta < 0
            ? COLOURS.disagree
            : COLOURS.neutral;
    return [
      `<text x="${LAYOUT.labelWidth}" y="${y + 13}" text-anchor="end">${escapeXml(s.label)}</text>`,
      `<rect x="${left.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${LAYOUT.bar}" fill="${colour}"><title>${escapeXml(`${s.label}: ${signed(s.delta)} bits`)}</title></rect>`,
      `<text x="${LAYOUT.width - 4}" y="${y + 13}" text-anchor="end">${signed(s.delta)}</text>`,
    ].join('');
  });
  const zero = x(0).toFixed(1);
  const footY = LAYOUT.top + rows.length * LAYOUT.rowHeight + 20;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${LAYOUT.width}" height="${height}" viewBox="0 0 ${LAYOUT.width} ${height}" font-family="Arial, sans-serif" font-size="12" role="img" aria-label="${escapeXml(title)}">`,
    `<text x="8" y="22" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
    `<line x1="${zero}" y1="${LAYOUT.top - 6}" x2="${zero}" y2="${footY - 12}" stroke="#425563" stroke-dasharray="3 3"/>`,
    ...body,
    `<text x="8" y="${footY}">Match weight ${signed(result.weight)} bits → probability ${(result.probability * 100).toFixed(4)}%</text>`,
    '</svg>',
  ].join('\n');
}
