import { describe, expect, it } from 'vitest';
import type { Result } from '../core/result.js';
import {
  columnKey,
  parseDateFormatOption,
  parseMappingFile,
  parseMappingSpec,
  resolveColumns,
  resolveTarget,
  type ColumnMapping,
} from './column-mapping.js';

function mapping(result: Result<ColumnMapping>): Record<string, string> {
  if (!result.success) {
    throw new Error(JSON.stringify(result.issues));
  }
  return Object.fromEntries(result.data);
}

function issueCodes(result: Result<unknown>): string[] {
  return result.success ? [] : result.issues.map((i) => `${i.code} @ ${i.path ?? ''}`);
}

describe('resolveTarget and columnKey', () => {
  it('accepts aliases and PDS MESH names in any case and spacing', () => {
    expect(resolveTarget('family')).toBe('FAMILY_NAME');
    expect(resolveTarget('DOB')).toBe('DATE_OF_BIRTH');
    expect(resolveTarget('unique_reference')).toBe('UNIQUE REFERENCE');
    expect(resolveTarget('Date-of-Birth')).toBe('DATE_OF_BIRTH');
    expect(resolveTarget('address3')).toBe('ADDRESS_LINE3');
    expect(resolveTarget('shoe size')).toBeUndefined();
    expect(columnKey('  Unique   Reference ')).toBe('UNIQUE_REFERENCE');
  });
});

describe('parseMappingSpec', () => {
  it('reads key=COLUMN entries, trimming, with spaces inside column names', () => {
    const result = parseMappingSpec(
      ' family = SURNAME ,given=FORENAME,dob=BIRTH_DATE,reference=Case ID,',
    );
    expect(mapping(result)).toEqual({
      FAMILY_NAME: 'SURNAME',
      GIVEN_NAME: 'FORENAME',
      DATE_OF_BIRTH: 'BIRTH_DATE',
      'UNIQUE REFERENCE': 'Case ID',
    });
  });

  it('reports every bad entry by position', () => {
    const result = parseMappingSpec('family=SURNAME,shoe=SIZE,given,surname=LAST,dob=');
    expect(issueCodes(result)).toEqual(['bad-entry @ --map entry 3']);
    const second = parseMappingSpec('family=SURNAME,shoe=SIZE,surname=LAST,dob=');
    expect(issueCodes(second)).toEqual([
      'unknown-target @ --map entry 2',
      'duplicate-target @ --map entry 3',
      'empty-column @ --map entry 4',
    ]);
    expect(second.success ? '' : second.issues[0]?.message).toContain('family');
  });
});

describe('parseMappingFile', () => {
  it('reads a JSON object', () => {
    const result = parseMappingFile('\uFEFF{ "FAMILY_NAME": "SURNAME", "dob": "DOB" }');
    expect(mapping(result)).toEqual({ FAMILY_NAME: 'SURNAME', DATE_OF_BIRTH: 'DOB' });
  });

  it('reads key=COLUMN lines with comments and names the line at fault', () => {
    const text = '# council export\r\nfamily=SURNAME\r\n\r\ngiven = First, Name\r\nsize=9\r\n';
    expect(issueCodes(parseMappingFile(text))).toEqual(['unknown-target @ line 5']);
    expect(mapping(parseMappingFile(text.replace('size=9', '')))).toEqual({
      FAMILY_NAME: 'SURNAME',
      GIVEN_NAME: 'First, Name',
    });
  });

  it('refuses JSON that is not an object of strings', () => {
    expect(issueCodes(parseMappingFile('{ "family": '))).toEqual(['bad-json @ mapping']);
    expect(issueCodes(parseMappingFile('{ "family": 3 }'))).toEqual(['bad-json @ family']);
    expect(issueCodes(parseMappingFile('[]'))).toEqual(['bad-entry @ line 1']);
  });
});

describe('parseDateFormatOption', () => {
  it('accepts the three layouts in any case and nothing else', () => {
    expect(parseDateFormatOption('yyyy-mm-dd')).toEqual({ success: true, data: 'YYYY-MM-DD' });
    expect(parseDateFormatOption('DD/MM/YYYY')).toEqual({ success: true, data: 'DD/MM/YYYY' });
    expect(issueCodes(parseDateFormatOption('MM/DD/YYYY'))).toEqual([
      'bad-date-format @ --date-format',
    ]);
  });
});

describe('resolveColumns', () => {
  it('finds PDS MESH columns by name, whatever the case and spacing, and lists the rest', () => {
    const result = resolveColumns([
      'unique_reference',
      'Family Name',
      'DATE_OF_BIRTH',
      'Notes',
      '',
    ]);
    expect(result.success && Object.fromEntries(result.data.indexes)).toEqual({
      'UNIQUE REFERENCE': 0,
      FAMILY_NAME: 1,
      DATE_OF_BIRTH: 2,
    });
    expect(result.success && result.data.ignored).toEqual(['Notes']);
  });

  it('reads mapped columns, falling back to PDS names for the unmapped', () => {
    const map = new Map([
      ['FAMILY_NAME', 'SURNAME'],
      ['DATE_OF_BIRTH', 'dob'],
    ] as const);
    const result = resolveColumns(['UNIQUE REFERENCE', 'Surname', 'DOB', 'GENDER'], map);
    expect(result.success && Object.fromEntries(result.data.indexes)).toEqual({
      'UNIQUE REFERENCE': 0,
      FAMILY_NAME: 1,
      DATE_OF_BIRTH: 2,
      GENDER: 3,
    });
  });

  it('reports missing and ambiguous columns, no reference and no trace column', () => {
    const map = new Map([['GIVEN_NAME', 'FORENAME']] as const);
    expect(issueCodes(resolveColumns(['Surname', 'Notes'], map))).toEqual([
      'missing-column @ GIVEN_NAME',
      'no-reference @ UNIQUE REFERENCE',
    ]);
    expect(issueCodes(resolveColumns(['Surname', 'Notes']))).toEqual([
      'no-reference @ UNIQUE REFERENCE',
      'no-trace-column @ header',
    ]);
    expect(issueCodes(resolveColumns(['UNIQUE REFERENCE', 'NHS_NO', 'nhs no']))).toEqual([
      'ambiguous-column @ NHS_NO',
      'no-trace-column @ header',
    ]);
  });
});
