import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { testNhsNumber as n } from '../storage/test-support/register-people.js';
import { openRequestStream } from './request-source.js';
import { emptyProfile, profileRow, type InputProfile } from './trace-profile.js';

const HEADER =
  'UNIQUE REFERENCE,NHS_NO,FAMILY_NAME,GIVEN_NAME,GENDER,DATE_OF_BIRTH,POSTCODE,ADDRESS_LINE1,ADDRESS_LINE2,GP_PRACTICE_CODE';

/** Profiles the rows of a small request file (header above). */
async function profileOf(lines: readonly string[]): Promise<InputProfile> {
  const text = `${HEADER}\n${lines.join('\n')}\n`;
  const opened = await openRequestStream(Readable.from([Buffer.from(text)]), 'p.csv', {
    today: '2026-01-01',
  });
  if (!opened.success) {
    throw new Error(opened.issues[0]?.message);
  }
  const profile = emptyProfile();
  for await (const row of opened.data.rows()) {
    profileRow(profile, row);
  }
  return profile;
}

describe('profileRow', () => {
  it('tells valid, invalid (Modulus 11) and blank NHS Numbers apart', async () => {
    const bad = `${n(1).slice(0, 9)}${(Number(n(1)[9]) + 1) % 10}`;
    const p = await profileOf([
      `A,${n(1)},Smith,Ann,2,19800101,LS1 6AE,,,`,
      `B,${bad},Smith,Ann,2,19800101,LS1 6AE,,,`,
      `C,12345,Smith,Ann,2,19800101,LS1 6AE,,,`,
      `D,,Smith,Ann,2,19800101,LS1 6AE,,,`,
    ]);
    expect(p.fields.NHS_NO.present).toBe(3);
    expect(p.fields.NHS_NO.unusable).toEqual({
      'nhs-number-bad-check-digit': 1,
      'nhs-number-wrong-length': 1,
    });
  });

  it('tells valid, pseudo (ZZ99) and invalid postcodes apart', async () => {
    const p = await profileOf([
      'A,,Smith,Ann,2,19800612,LS1 6AE,,,',
      'B,,Smith,Ann,2,19800612,ZZ99 3VZ,,,',
      'C,,Smith,Ann,2,19800612,12345,,,',
      'D,,Smith,Ann,2,19800612,,,,',
    ]);
    expect(p.fields.POSTCODE.present).toBe(3);
    expect(p.fields.POSTCODE.unusable).toEqual({ 'postcode-pseudo': 1, 'postcode-invalid': 1 });
  });

  it('counts unparseable dates, gender codes, placeholder names and address lines', async () => {
    const p = await profileOf([
      'A,,Smith,Ann,1,19801340,,1 High St,Leeds,',
      'B,,Smith,UNKNOWN,2,19800101,,1 High St,,',
      'C,,Smith,Ann,X,19800612,,,,B86002',
      'D,,Smith,Ann,0,19800612,,,,??',
      'E,,Smith,Ann,,19800612,,,,',
    ]);
    expect(p.fields.DATE_OF_BIRTH.unusable).toEqual({ 'error-13': 1 });
    expect(p.fields.DATE_OF_BIRTH.cautions).toEqual({ 'birth-date-placeholder': 1 });
    expect(p.fields.GIVEN_NAME.unusable).toEqual({ 'name-placeholder': 1 });
    expect(p.fields.GP_PRACTICE_CODE).toMatchObject({
      present: 2,
      unusable: { 'gp-practice-code-format': 1 },
    });
    expect(p.genders).toEqual({ male: 1, female: 1, invalid: 1, unknown: 1, blank: 1 });
    expect(p.addressLines).toEqual([3, 1, 1, 0, 0, 0]);
    expect(p.rowErrors).toEqual({ '13': 1, '12': 1 });
  });

  it('checks the values of a row that failed for another reason', async () => {
    const bad = `${n(2).slice(0, 9)}${(Number(n(2)[9]) + 1) % 10}`;
    const p = await profileOf([`BAD*REF,${bad},Smith,Ann,9,19800612,ZZ99 3VZ,,,`]);
    expect(p.rowErrors).toEqual({ '02': 1 });
    expect(p.fields['UNIQUE REFERENCE'].unusable).toEqual({ 'error-02': 1 });
    expect(p.fields.NHS_NO.unusable).toEqual({ 'nhs-number-bad-check-digit': 1 });
    expect(p.fields.POSTCODE.unusable).toEqual({ 'postcode-pseudo': 1 });
    expect(p.genders).toEqual({ other: 1 });
  });

  it('counts the cells of a row with the wrong number of cells as present but unchecked', async () => {
    const p = await profileOf(['A,NOT-A-NUMBER,Smith', 'B,,Smith,Ann,1,19800612,,,,,extra']);
    expect(p.unsplitRows).toBe(2);
    expect(p.rowErrors).toEqual({ '16': 1, '17': 1 });
    expect(p.fields.NHS_NO).toMatchObject({ present: 1, unusable: {}, unchecked: 1 });
    expect(p.fields.FAMILY_NAME.unchecked).toBe(2);
    expect(p.genders).toEqual({ blank: 1, unchecked: 1 });
  });
});
