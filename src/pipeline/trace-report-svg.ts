import type { TraceOutcome } from '../formats/pds-mesh-response.js';
import type { WeightHistogram } from './trace-report.js';
import { TRACE_OUTCOMES } from './trace-report-counts.js';

/** Outcome colours from the NHS identity palette (green, warm yellow, orange, red, greys). */
export const OUTCOME_COLOURS: Readonly<Record<TraceOutcome, string>> = {
  matched: '#007f3b',
  review: '#ffb81c',
  multiple: '#ed8b00',
  'no-match': '#d5281b',
  'not-enough-data': '#aeb7bd',
  invalid: '#425563',
};

/**
 * Escapes text for HTML and SVG (element content and quoted attribute values).
 * @param text - any text
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const WIDTH = 760;
const HEIGHT = 300;
const PAD = { left: 56, right: 16, top: 28, bottom: 44 } as const;

const fmt = (n: number): string => n.toLocaleString('en-GB');
const px = (n: number): string => n.toFixed(1);

/** A round step for about five axis ticks up to `max`. */
function tickStep(max: number): number {
  const raw = Math.max(max, 1) / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  return Math.max(1, step);
}

/**
 * The match-weight histogram as inline SVG: one stacked bar per bin, coloured by outcome, with
 * the review and match thresholds marked as dashed lines. Needs no script or stylesheet; each
 * bar has a `<title>` that browsers show on hover.
 * @param histogram - the report's weight histogram
 */
export function weightHistogramSvg(histogram: WeightHistogram): string {
  const { bins, thresholds, binBits } = histogram;
  const first = bins[0]?.from ?? Math.floor(thresholds.review) - binBits;
  const last = bins.at(-1)?.to ?? Math.ceil(thresholds.match) + binBits;
  const from = Math.min(first, Math.floor(thresholds.review) - binBits);
  const to = Math.max(last, Math.ceil(thresholds.match) + binBits);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (w: number): number => PAD.left + ((w - from) / (to - from)) * plotW;
  const max = Math.max(1, ...bins.map((b) => b.total));
  const step = tickStep(max);
  const top = Math.ceil(max / step) * step;
  const y = (n: number): number => PAD.top + plotH - (n / top) * plotH;
  const parts: string[] = [];
  for (let t = 0; t <= top; t += step) {
    parts.push(
      `<line class="grid" x1="${px(PAD.left)}" x2="${px(WIDTH - PAD.right)}" y1="${px(y(t))}" y2="${px(y(t))}"/>`,
      `<text class="tick" x="${px(PAD.left - 6)}" y="${px(y(t) + 4)}" text-anchor="end">${escapeHtml(fmt(t))}</text>`,
    );
  }
  const every = Math.max(1, Math.ceil((to - from) / binBits / 20)) * binBits;
  for (let w = Math.ceil(from / every) * every; w <= to; w += every) {
    parts.push(
      `<text class="tick" x="${px(x(w))}" y="${px(PAD.top + plotH + 16)}" text-anchor="middle">${escapeHtml(String(w))}</text>`,
    );
  }
  for (const bin of bins) {
    let base = 0;
    const barX = x(bin.from) + 0.5;
    const barW = Math.max(x(bin.to) - x(bin.from) - 1, 0.5);
    for (const outcome of TRACE_OUTCOMES) {
      const n = bin.outcomes[outcome] ?? 0;
      if (n === 0) {
        continue;
      }
      const title = `${bin.from} to ${bin.to} bits: ${fmt(n)} ${outcome}`;
      parts.push(
        `<rect x="${px(barX)}" y="${px(y(base + n))}" width="${px(barW)}" height="${px(y(base) - y(base + n))}" fill="${OUTCOME_COLOURS[outcome]}"><title>${escapeHtml(title)}</title></rect>`,
      );
      base += n;
    }
  }
  // The two labels sit on different lines (review above match), kept inside the picture, so they
  // never overlap however close the thresholds are.
  const marks: [string, number, number][] = [
    ['review threshold', thresholds.review, 10],
    ['match threshold', thresholds.match, 22],
  ];
  for (const [name, w, labelY] of marks) {
    const labelX = Math.min(Math.max(x(w), PAD.left + 70), WIDTH - PAD.right - 70);
    parts.push(
      `<line class="threshold" x1="${px(x(w))}" x2="${px(x(w))}" y1="${px(labelY + 3)}" y2="${px(PAD.top + plotH)}"/>`,
      `<text class="mark" x="${px(labelX)}" y="${px(labelY)}" text-anchor="middle">${escapeHtml(`${name} ${w.toFixed(1)} bits`)}</text>`,
    );
  }
  parts.push(
    `<line class="axis" x1="${px(PAD.left)}" x2="${px(WIDTH - PAD.right)}" y1="${px(PAD.top + plotH)}" y2="${px(PAD.top + plotH)}"/>`,
    `<text class="tick" x="${px(PAD.left + plotW / 2)}" y="${px(HEIGHT - 6)}" text-anchor="middle">match weight of the best candidate (bits; ${binBits}-bit bins)</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-labelledby="hist-title">`,
    '<title id="hist-title">Rows by the match weight of their best candidate, coloured by outcome</title>',
    ...parts,
    '</svg>',
  ].join('\n');
}
