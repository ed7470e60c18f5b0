import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { RegisterPerson } from '../core/person.js';
import { REGISTER_CSV_COLUMNS, fromRegisterCsvRow, toRegisterCsvRow } from './register-csv.js';
import { arbRegisterPerson } from './test-support/arbitrary-register-person.js';

const person: RegisterPerson = {
  nhsNumber: '9434765919' as RegisterPerson['nhsNumber'],
  verificationStatus: '01',
  names: [
    { use: 'usual', given: ['Mary', 'Anne'], family: 'Khan', period: { start: '2010-06-12' } },
    { use: 'old', given: ['Mary', 'Anne'], family: 'Jones', period: { end: '2010-06-11' } },
  ],
  gender: 'female',
  birthDate: '1984-02-29',
  addresses: [{ use: 'home', lines: ['12 Mill Lane', 'Leeds'], postalCode: 'LS1 6AE' }],
  gpOdsCode: 'B82005',
  restricted: false,
  supersededNhsNumbers: ['9000000009' as RegisterPerson['nhsNumber']],
};

describe('register CSV rows', () => {
  test.prop([arbRegisterPerson], { numRuns: 300 })(
    'fromRegisterCsvRow(toRegisterCsvRow(p)) equals p, through a real CSV file',
    (p) => {
      const csv = stringify([toRegisterCsvRow(p)], {
        header: true,
        columns: [...REGISTER_CSV_COLUMNS],
      });
      const [row] = parse<Record<string, string>>(csv, { columns: true });
      expect(fromRegisterCsvRow(row!)).toStrictEqual({ success: true, data: structuredClone(p) });
    },
  );

  it('spreads the current name and address over plain columns, history into JSON', () => {
    const row = toRegisterCsvRow(person);
    expect(Object.keys(row)).toEqual([...REGISTER_CSV_COLUMNS]);
    expect(row).toMatchObject({
      given_name: 'Mary',
      other_given_names: 'Anne',
      family_name: 'Khan',
      address_line_1: '12 Mill Lane',
      address_line_2: 'Leeds',
      address_line_3: '',
      postcode: 'LS1 6AE',
      superseded_nhs_numbers: '9000000009',
      restricted: 'false',
      other_addresses_json: '',
    });
    expect(JSON.parse(row.other_names_json)).toEqual([
      { use: 'old', given: ['Mary', 'Anne'], family: 'Jones', period: { end: '2010-06-11' } },
    ]);
  });

  it('holds the invalidated flag; a file without the column reads as not invalidated', () => {
    const invalid: RegisterPerson = { ...person, invalidated: true };
    const row = toRegisterCsvRow(invalid);
    expect(row).toMatchObject({ restricted: 'false', invalidated: 'true' });
    expect(fromRegisterCsvRow(row)).toStrictEqual({ success: true, data: invalid });
    expect(toRegisterCsvRow(person).invalidated).toBe('false');
    const older: Record<string, string> = { ...toRegisterCsvRow(person) };
    delete older['invalidated'];
    expect(fromRegisterCsvRow(older)).toStrictEqual({ success: true, data: person });
    const both = fromRegisterCsvRow({ ...row, restricted: 'true' });
    expect(!both.success && both.issues.map((i) => [i.path, i.code])).toEqual([
      ['invalidated', 'invalidated-restricted'],
    ]);
    const bad = fromRegisterCsvRow({ ...row, invalidated: 'yes' });
    expect(!bad.success && bad.issues[0]?.path).toBe('invalidated');
  });

  it('names the column and the reason of each problem', () => {
    const row = {
      ...toRegisterCsvRow(person),
      nhs_number: '9434765918',
      birth_date: '29/02/1984',
      superseded_nhs_numbers: '9000000009|123',
      other_names_json: '[{"use":"old","family":"Jones","period":{"end":"June"}}]',
    };
    const result = fromRegisterCsvRow(row);
    expect(result.success).toBe(false);
    const paths = result.success ? [] : result.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'nhs_number',
        'birth_date',
        'superseded_nhs_numbers[1]',
        'other_names_json[0].period.end',
      ]),
    );
  });

  it('rejects bad JSON and cells that have no current name or address to belong to', () => {
    const badJson = fromRegisterCsvRow({ ...toRegisterCsvRow(person), other_addresses_json: '[{' });
    expect(!badJson.success && badJson.issues[0]?.message).toBe(
      'other_addresses_json: is not valid JSON',
    );
    const badUse = fromRegisterCsvRow({ ...toRegisterCsvRow(person), address_use: 'work' });
    expect(!badUse.success && badUse.issues[0]?.message).toBe(
      'address_use: must be home, old or temp',
    );
    const orphan = fromRegisterCsvRow({ ...toRegisterCsvRow(person), address_use: '' });
    expect(!orphan.success && orphan.issues.map((i) => i.path)).toContain('postcode');
  });

  it('joins address lines beyond the fifth into line 5', () => {
    const lines = ['Flat 1', '2 Road', 'Village', 'Town', 'County', 'Extra'];
    const row = toRegisterCsvRow({ ...person, addresses: [{ use: 'home', lines }] });
    expect(row.address_line_5).toBe('County, Extra');
  });
});
