import { parse } from 'csv-parse/sync';
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { csvField, csvLine } from './csv-line.js';

const cell = fc.string({
  unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r', "'", 'é', '|'),
});

test.prop([
  fc.array(fc.array(cell, { minLength: 2, maxLength: 6 }), { minLength: 1, maxLength: 5 }),
])('csv-parse reads back exactly the rows csvLine wrote', (rows) => {
  const width = rows[0]!.length;
  const table = rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ''));
  const text = table.map(csvLine).join('');
  expect(parse(text, { relax_column_count: false })).toEqual(table);
});

test.prop([cell])('quotes a field only when it must', (field) => {
  expect(csvField(field).startsWith('"')).toBe(/[",\r\n]/.test(field));
});
