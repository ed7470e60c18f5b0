import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { emptyRequestRow, PDS_MESH_REQUEST_COLUMNS } from './pds-mesh-columns.js';
import {
  parseFullRequestRow,
  parseRequestRow,
  possibleTraces,
  type RequestRowResult,
} from './pds-mesh-request.js';
import { FIELD_LIMITS, measuredLength } from './pds-mesh-request-fields.js';
import { ROW_ERROR_CODES, type TraceRequest } from './pds-mesh-request-types.js';

/** A complete, traceable row; tests override single cells. */
const GOOD = {
  'UNIQUE REFERENCE': 'REQ00000001',
  NHS_NO: '943 476 5919',
  FAMILY_NAME: "O'Brien",
  GIVEN_NAME: 'Margaret',
  OTHER_GIVEN_NAME: 'Ann',
  GENDER: '2',
  DATE_OF_BIRTH: '19840719',
  POSTCODE: 'ls1 4ap',
  ADDRESS_LINE1: '12 High St',
  ADDRESS_LINE2: 'Leeds',
  GP_PRACTICE_CODE: 'b86001',
  LOCAL_PATIENT_ID: ' LP1 ',
};

function request(result: RequestRowResult): TraceRequest {
  if (!result.success) {
    throw new Error(`expected success, got ${JSON.stringify(result.issues)}`);
  }
  return result.data;
}

function codes(result: RequestRowResult): string[] {
  return result.success ? [] : result.issues.map((issue) => `${issue.code} ${issue.field}`);
}

describe('parseRequestRow: a good row', () => {
  it('normalises every field and keeps the raw cells', () => {
    const r = request(parseRequestRow(GOOD));
    expect(r.reference).toBe('REQ00000001');
    expect(r.nhsNumber).toEqual({ status: 'valid', value: '9434765919' });
    expect(r.familyName.key).toBe('OBRIEN');
    expect(r.givenNames.first).toBe('MARGARET');
    expect(r.otherGivenNames.first).toBe('ANN');
    expect(r.gender).toBe('female');
    expect(r.birthDate?.iso).toBe('1984-07-19');
    expect(r.postcode?.status === 'valid' && r.postcode.value.postcode).toBe('LS1 4AP');
    expect(r.address.houseNumber).toBe('12');
    expect(r.address.street).toBe('HIGH STREET');
    expect(r.gpPracticeCode).toBe('B86001');
    expect(r.localPatientId).toBe('LP1');
    expect(r.dateOfDeath).toBeNull();
    expect(r.asAtDate).toBeNull();
    expect(r.traces).toEqual(['cross-check', 'alphanumeric', 'algorithmic']);
    expect(r.warnings).toEqual([]);
    expect(r.raw.FAMILY_NAME).toBe("O'Brien");
    expect(r.raw.EMAIL_ADDRESS).toBe('');
  });

  it('reads a full row as it is (the same answer, the row itself as raw)', () => {
    const row = { ...emptyRequestRow(), ...GOOD };
    const full = request(parseFullRequestRow(row));
    expect(full.raw).toBe(row);
    expect(full).toEqual(request(parseRequestRow(GOOD)));
    // The blank row holds every column, in the columns' order, and nothing else.
    expect(Object.keys(emptyRequestRow())).toEqual([...PDS_MESH_REQUEST_COLUMNS]);
    expect(Object.values(emptyRequestRow()).every((v) => v === '')).toBe(true);
  });

  it('reads dates in the layout the context names, and partial dates with pds-mesh', () => {
    const iso = parseRequestRow(
      { ...GOOD, DATE_OF_BIRTH: '1984-07-19' },
      { dateFormat: 'YYYY-MM-DD' },
    );
    expect(request(iso).birthDate?.iso).toBe('1984-07-19');
    const uk = parseRequestRow(
      { ...GOOD, DATE_OF_BIRTH: '19/07/1984' },
      { dateFormat: 'DD/MM/YYYY' },
    );
    expect(request(uk).birthDate?.iso).toBe('1984-07-19');
    const partial = parseRequestRow(
      { ...GOOD, DATE_OF_BIRTH: '198407' },
      { dateFormat: 'pds-mesh' },
    );
    expect(request(partial).birthDate?.precision).toBe('month');
  });

  it('accepts M/F spellings only with genderCodes any', () => {
    expect(codes(parseRequestRow({ ...GOOD, GENDER: 'F' }))).toEqual(['12 GENDER']);
    expect(request(parseRequestRow({ ...GOOD, GENDER: 'F' }, { genderCodes: 'any' })).gender).toBe(
      'female',
    );
    expect(codes(parseRequestRow({ ...GOOD, GENDER: 'X' }, { genderCodes: 'any' }))).toEqual([
      '12 GENDER',
    ]);
  });
});

describe('parseRequestRow: warnings, not errors', () => {
  it('keeps an invalid NHS Number with its reason and traces on demographics', () => {
    const r = request(parseRequestRow({ ...GOOD, NHS_NO: '9434765918' }));
    expect(r.nhsNumber).toMatchObject({ status: 'invalid', raw: '9434765918' });
    expect(r.nhsNumber?.status === 'invalid' && r.nhsNumber.issue.code).toBe('bad-check-digit');
    expect(r.traces).toEqual(['alphanumeric', 'algorithmic']);
    expect(r.warnings.map((w) => w.code)).toEqual(['nhs-number-invalid']);
    expect(JSON.stringify(r.warnings)).not.toContain('9434765918');
  });

  it('keeps an invalid postcode as keyed, and flags pseudo-postcodes', () => {
    const bad = request(parseRequestRow({ ...GOOD, POSTCODE: 'QQ1 1AA' }));
    expect(bad.postcode).toMatchObject({ status: 'invalid', raw: 'QQ1 1AA' });
    expect(bad.warnings.map((w) => w.code)).toEqual(['postcode-invalid']);
    const pseudo = request(parseRequestRow({ ...GOOD, POSTCODE: 'ZZ99 3VZ' }));
    expect(pseudo.warnings.map((w) => w.code)).toEqual(['postcode-pseudo']);
  });

  it('flags placeholder names, 1 January birth dates and malformed GP codes', () => {
    const r = request(
      parseRequestRow({
        ...GOOD,
        FAMILY_NAME: 'UNKNOWN',
        GIVEN_NAME: 'Baby',
        DATE_OF_BIRTH: '19840101',
        GP_PRACTICE_CODE: 'B86-001',
      }),
    );
    expect(r.warnings.map((w) => w.code)).toEqual([
      'family-name-unusable',
      'given-name-unusable',
      'birth-date-placeholder',
      'gp-practice-code-format',
    ]);
    expect(r.gpPracticeCode).toBeNull();
    // Without usable names: date of birth, gender and postcode still make three scored fields.
    expect(r.traces).toEqual(['cross-check', 'algorithmic']);
  });
});

describe('parseRequestRow: row errors, one test per code', () => {
  it('10: UNIQUE REFERENCE missing', () => {
    expect(codes(parseRequestRow({ ...GOOD, 'UNIQUE REFERENCE': '  ' }))).toEqual([
      '10 UNIQUE REFERENCE',
    ]);
  });

  it('02: UNIQUE REFERENCE with disallowed characters', () => {
    for (const reference of ['=1+2', 'A,B', 'R"1', '@cmd', 'Zoë']) {
      expect(codes(parseRequestRow({ ...GOOD, 'UNIQUE REFERENCE': reference }))).toEqual([
        '02 UNIQUE REFERENCE',
      ]);
    }
  });

  it('11: a field longer than its limit, measured as documented', () => {
    expect(codes(parseRequestRow({ ...GOOD, FAMILY_NAME: 'A'.repeat(36) }))).toEqual([
      '11 FAMILY_NAME',
    ]);
    expect(codes(parseRequestRow({ ...GOOD, FAMILY_NAME: ` ${'A'.repeat(35)} ` }))).toEqual([]);
    expect(codes(parseRequestRow({ ...GOOD, POSTCODE: 'SW1A  1AAX' }))).toEqual(['11 POSTCODE']);
    expect(codes(parseRequestRow({ ...GOOD, NHS_NO: '943 476 59190' }))).toEqual(['11 NHS_NO']);
    expect(codes(parseRequestRow({ ...GOOD, 'UNIQUE REFERENCE': 'R'.repeat(51) }))).toEqual([
      '11 UNIQUE REFERENCE',
    ]);
    expect(measuredLength('NHS_NO', '943-476-5919')).toBe(10);
  });

  it('12: GENDER not 0, 1, 2 or 9', () => {
    expect(codes(parseRequestRow({ ...GOOD, GENDER: '3' }))).toEqual(['12 GENDER']);
  });

  it('13: impossible or badly laid out dates, a death before birth, control characters', () => {
    expect(codes(parseRequestRow({ ...GOOD, DATE_OF_BIRTH: '19840230' }))).toEqual([
      '13 DATE_OF_BIRTH',
    ]);
    expect(codes(parseRequestRow({ ...GOOD, DATE_OF_BIRTH: '19/07/1984' }))).toEqual([
      '13 DATE_OF_BIRTH',
    ]);
    expect(
      codes(parseRequestRow({ ...GOOD, DATE_OF_BIRTH: '20300101' }, { today: '2026-11-22' })),
    ).toEqual(['13 DATE_OF_BIRTH']);
    expect(codes(parseRequestRow({ ...GOOD, DATE_OF_DEATH: '19800101' }))).toEqual([
      '13 DATE_OF_DEATH',
    ]);
    expect(codes(parseRequestRow({ ...GOOD, AS_AT_DATE: '2020' }))).toEqual(['13 AS_AT_DATE']);
    const partial = { ...GOOD, DATE_OF_BIRTH: '19840719' };
    expect(
      codes(parseRequestRow({ ...partial, DATE_OF_DEATH: '1984' }, { dateFormat: 'pds-mesh' })),
    ).toEqual([]);
    expect(
      codes(parseRequestRow({ ...partial, DATE_OF_DEATH: '198406' }, { dateFormat: 'pds-mesh' })),
    ).toEqual(['13 DATE_OF_DEATH']);
    expect(codes(parseRequestRow({ ...GOOD, GIVEN_NAME: 'Mar\u0000garet' }))).toEqual([
      '13 GIVEN_NAME',
    ]);
  });

  it('96: not enough data for any trace', () => {
    const thin = { 'UNIQUE REFERENCE': 'R1', FAMILY_NAME: 'Smith', DATE_OF_BIRTH: '19840719' };
    expect(codes(parseRequestRow(thin))).toEqual(['96 row']);
    expect(codes(parseRequestRow({ ...thin, GENDER: '0' }))).toEqual(['96 row']);
    expect(codes(parseRequestRow({ ...thin, NHS_NO: '9434765918' }))).toEqual(['96 row']);
    expect(request(parseRequestRow({ ...thin, GENDER: '1' })).traces).toEqual([
      'alphanumeric',
      'algorithmic',
    ]);
    expect(request(parseRequestRow({ ...thin, NHS_NO: '9434765919' })).traces).toEqual([
      'cross-check',
    ]);
  });

  it('lists every error, the reference first; a failed cell is not read again', () => {
    const result = parseRequestRow({
      ...GOOD,
      'UNIQUE REFERENCE': '',
      GENDER: '12',
      DATE_OF_BIRTH: 'yesterday',
    });
    expect(codes(result)).toEqual(['10 UNIQUE REFERENCE', '11 GENDER', '13 DATE_OF_BIRTH']);
  });
});

describe('possibleTraces', () => {
  const none = {
    nhsNumber: null,
    familyPresent: false,
    givenPresent: false,
    gender: null,
    birthDate: null,
    postcode: null,
  };
  it('algorithmic needs three of the five scored fields', () => {
    expect(possibleTraces({ ...none, familyPresent: true, givenPresent: true })).toEqual([]);
    expect(
      possibleTraces({ ...none, familyPresent: true, givenPresent: true, gender: 'male' }),
    ).toEqual(['algorithmic']);
  });
});

const cellValue = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', '1', '2', '9434765919', '19840719', 'SW1A 1AA', 'ZZ99 3VZ', 'R1'),
);

describe('parseRequestRow never throws', () => {
  test.prop([fc.dictionary(fc.constantFrom(...PDS_MESH_REQUEST_COLUMNS), cellValue)])(
    'any cells give a request or errors with known codes',
    (cells) => {
      const result = parseRequestRow(cells, { today: '2026-11-22' });
      if (result.success) {
        expect(result.data.traces.length).toBeGreaterThan(0);
        for (const column of PDS_MESH_REQUEST_COLUMNS) {
          expect(measuredLength(column, result.data.raw[column])).toBeLessThanOrEqual(
            FIELD_LIMITS[column],
          );
        }
      } else {
        expect(result.issues.length).toBeGreaterThan(0);
        for (const issue of result.issues) {
          expect(ROW_ERROR_CODES).toContain(issue.code);
        }
      }
    },
  );
});
