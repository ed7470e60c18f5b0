import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { isoDate, yearOf } from './dates.js';

const MS_PER_DAY = 86_400_000;

test.prop([fc.integer({ min: -300_000, max: 2_900_000 })])(
  'isoDate and yearOf agree with Date',
  (day) => {
    const date = new Date(day * MS_PER_DAY);
    expect(isoDate(day)).toBe(date.toISOString().slice(0, 10));
    expect(yearOf(day)).toBe(date.getUTCFullYear());
  },
);
