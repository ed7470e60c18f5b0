import { describe, expect, it } from 'vitest';
import { explainSvg, escapeXml } from './explain-svg.js';
import { defaultModel } from './model/default-model.js';
import { tfLookupFromTables } from './model/term-frequency.js';
import { buildMatchRecord } from './record-builder.js';
import { ASHWORTH } from './test-support/fixtures.js';
import { score } from './weights.js';

const model = defaultModel();
const margaret = buildMatchRecord(ASHWORTH.margaret);
const peggy = buildMatchRecord({ ...ASHWORTH.margaret, givenNames: 'Peggy', nhsNumber: '' });

describe('explainSvg', () => {
  it('draws a row for the prior, each comparison and the total', () => {
    const svg = explainSvg(score(margaret, peggy, model));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg.match(/<rect /g)).toHaveLength(1 + model.comparisons.length + 1);
    expect(svg).toContain('Given name: given name is a nickname or short form');
    expect(svg).toContain('−19.93');
    expect(svg).not.toMatch(/<script|href=/);
  });

  it('adds a row for each term-frequency adjustment', () => {
    const lookup = tfLookupFromTables({ 'family-name': new Map([['ASHWORTH', 0.0001]]) });
    const svg = explainSvg(score(margaret, peggy, model, lookup));
    expect(svg).toContain('Family name: how common the value is');
    expect(svg.match(/<rect /g)).toHaveLength(1 + model.comparisons.length + 2);
  });

  it('escapes labels and titles', () => {
    expect(escapeXml(`<b>"O'Neil" & co</b>`)).toBe(
      '&#60;b&#62;&#34;O&#39;Neil&#34; &#38; co&#60;/b&#62;',
    );
    const svg = explainSvg(score(margaret, peggy, model), 'Candidate <999 001 0002> & "friends"');
    expect(svg).toContain('Candidate &#60;999 001 0002&#62; &#38; &#34;friends&#34;');
    expect(svg).not.toContain('<999');
  });

  it('shows the probability of the final weight', () => {
    const result = score(margaret, peggy, model);
    expect(explainSvg(result)).toContain(`probability ${(result.probability * 100).toFixed(4)}%`);
  });
});
