import type { Period, PersonAddress, PersonName, RegisterPerson } from '../core/person.js';
import { fail, ok, type Issue, type Result } from '../core/result.js';
import { MAX_LIST_ITEMS } from './field-schemas.js';
import { fromFhirAddress, fromFhirName, toFhirAddress, toFhirName } from './fhir-patient.js';
import { registerCsvRowSchema, type ParsedRegisterCsvRow } from './register-csv-schema.js';
import { zodIssues } from './zod-issues.js';

/**
 * The columns of `register.csv`, in order: one row per person. The current name (`names[0]`) and
 * current address (`addresses[0]`) are spread over plain columns a spreadsheet can sort and
 * filter; the rest of the history (old names, old and temporary addresses) sits in two JSON
 * columns, blank for most people, holding FHIR HumanName / Address objects. Lists inside one cell
 * (`superseded_nhs_numbers`, `name_prefix`, `other_given_names`) are `|`-separated.
 * See docs/synthetic-population.md for the full column reference.
 */
export const REGISTER_CSV_COLUMNS = [
  'nhs_number',
  'nhs_number_status',
  'superseded_nhs_numbers',
  'name_use',
  'name_prefix',
  'given_name',
  'other_given_names',
  'family_name',
  'name_period_start',
  'name_period_end',
  'gender',
  'birth_date',
  'deceased_date_time',
  'address_use',
  'address_line_1',
  'address_line_2',
  'address_line_3',
  'address_line_4',
  'address_line_5',
  'postcode',
  'address_period_start',
  'address_period_end',
  'gp_ods_code',
  'restricted',
  'invalidated',
  'other_names_json',
  'other_addresses_json',
] as const;

/** One column name of `register.csv`. */
export type RegisterCsvColumn = (typeof REGISTER_CSV_COLUMNS)[number];

/** A `register.csv` row: every column, as text. */
export type RegisterCsvRow = Record<RegisterCsvColumn, string>;

/** Spreads up to 5 address lines over the line columns; any extra lines join line 5 with ", ". */
function lineCells(lines: readonly string[]): string[] {
  const head = lines.slice(0, MAX_LIST_ITEMS - 1);
  const tail = lines.slice(MAX_LIST_ITEMS - 1).join(', ');
  return [...head, tail, '', '', '', '', ''].slice(0, MAX_LIST_ITEMS);
}

/**
 * Writes a register person as one `register.csv` row (every column present; blank = absent).
 * Lossless for people within the PDS limits (≤ 5 given names and address lines).
 * @param p - the register person
 */
export function toRegisterCsvRow(p: RegisterPerson): RegisterCsvRow {
  const [name, ...otherNames] = p.names;
  const [address, ...otherAddresses] = p.addresses;
  const [line1 = '', line2 = '', line3 = '', line4 = '', line5 = ''] = lineCells(
    address?.lines ?? [],
  );
  const [givenName = '', ...otherGiven] = name?.given ?? [];
  return {
    nhs_number: p.nhsNumber,
    nhs_number_status: p.verificationStatus,
    superseded_nhs_numbers: p.supersededNhsNumbers.join('|'),
    name_use: name?.use ?? '',
    name_prefix: name?.prefix?.join('|') ?? '',
    given_name: givenName,
    other_given_names: otherGiven.join('|'),
    family_name: name?.family ?? '',
    name_period_start: name?.period?.start ?? '',
    name_period_end: name?.period?.end ?? '',
    gender: p.gender,
    birth_date: p.birthDate,
    deceased_date_time: p.deceasedDateTime ?? '',
    address_use: address?.use ?? '',
    address_line_1: line1,
    address_line_2: line2,
    address_line_3: line3,
    address_line_4: line4,
    address_line_5: line5,
    postcode: address?.postalCode ?? '',
    address_period_start: address?.period?.start ?? '',
    address_period_end: address?.period?.end ?? '',
    gp_ods_code: p.gpOdsCode ?? '',
    restricted: String(p.restricted),
    invalidated: String(p.invalidated === true),
    other_names_json: otherNames.length > 0 ? JSON.stringify(otherNames.map(toFhirName)) : '',
    other_addresses_json:
      otherAddresses.length > 0 ? JSON.stringify(otherAddresses.map(toFhirAddress)) : '',
  };
}

function period(start: string | undefined, end: string | undefined): { period?: Period } {
  if (start === undefined && end === undefined) {
    return {};
  }
  return {
    period: { ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }) },
  };
}

function currentName(row: ParsedRegisterCsvRow): PersonName | undefined {
  if (row.name_use === undefined) {
    return undefined;
  }
  return {
    use: row.name_use,
    given: row.given_name === undefined ? [] : [row.given_name, ...row.other_given_names],
    family: row.family_name,
    ...(row.name_prefix.length > 0 ? { prefix: row.name_prefix } : {}),
    ...period(row.name_period_start, row.name_period_end),
  };
}

function currentAddress(row: ParsedRegisterCsvRow): PersonAddress | undefined {
  if (row.address_use === undefined) {
    return undefined;
  }
  const lines = [row.address_line_1, row.address_line_2, row.address_line_3, row.address_line_4];
  return {
    use: row.address_use,
    lines: [...lines, row.address_line_5].filter((line) => line !== undefined),
    ...(row.postcode === undefined ? {} : { postalCode: row.postcode }),
    ...period(row.address_period_start, row.address_period_end),
  };
}

/** Cross-column rules: no name or address details without the `*_use` column that opens them. */
function consistencyIssues(
  raw: Readonly<Record<string, string>>,
  row: ParsedRegisterCsvRow,
): Issue[] {
  const issues: Issue[] = [];
  const orphan = (column: string, needs: string): void => {
    if ((raw[column] ?? '') !== '') {
      issues.push({ code: 'orphan-cell', path: column, message: `${column}: needs ${needs}` });
    }
  };
  if (row.name_use === undefined) {
    for (const c of [
      'name_prefix',
      'given_name',
      'family_name',
      'name_period_start',
      'name_period_end',
      'other_names_json',
    ]) {
      orphan(c, 'name_use (the person has no current name)');
    }
  }
  if (row.given_name === undefined) {
    orphan('other_given_names', 'given_name');
  }
  if (row.invalidated === 'true' && row.restricted === 'true') {
    issues.push({
      code: 'invalidated-restricted',
      path: 'invalidated',
      message: 'invalidated: an invalidated record cannot also be restricted (PDS holds one code)',
    });
  }
  if (row.address_use === undefined) {
    for (const c of [
      'address_line_1',
      'address_line_2',
      'address_line_3',
      'address_line_4',
      'address_line_5',
      'postcode',
      'address_period_start',
      'address_period_end',
      'other_addresses_json',
    ]) {
      orphan(c, 'address_use (the person has no current address)');
    }
  }
  return issues;
}

/**
 * Reads one `register.csv` row (column name → cell text) into a register person. Never throws:
 * each problem is an issue whose `path` is the column (and, inside list or JSON cells, the item:
 * `other_names_json[0].period.start`) and whose message says why. A missing column reads as blank.
 * @param row - the row as `csv-parse` gives it with `columns: true`
 */
export function fromRegisterCsvRow(row: Readonly<Record<string, string>>): Result<RegisterPerson> {
  const cells = Object.fromEntries(REGISTER_CSV_COLUMNS.map((c) => [c, row[c] ?? '']));
  const parsed = registerCsvRowSchema.safeParse(cells);
  if (!parsed.success) {
    return fail(...zodIssues(parsed.error));
  }
  const data = parsed.data;
  const issues = consistencyIssues(cells, data);
  if (issues.length > 0) {
    return fail(...issues);
  }
  const name = currentName(data);
  const address = currentAddress(data);
  return ok({
    nhsNumber: data.nhs_number,
    verificationStatus: data.nhs_number_status,
    names: name === undefined ? [] : [name, ...data.other_names_json.map(fromFhirName)],
    gender: data.gender,
    birthDate: data.birth_date,
    ...(data.deceased_date_time === undefined ? {} : { deceasedDateTime: data.deceased_date_time }),
    addresses:
      address === undefined ? [] : [address, ...data.other_addresses_json.map(fromFhirAddress)],
    ...(data.gp_ods_code === undefined ? {} : { gpOdsCode: data.gp_ods_code }),
    restricted: data.restricted === 'true',
    ...(data.invalidated === 'true' ? { invalidated: true as const } : {}),
    supersededNhsNumbers: data.superseded_nhs_numbers,
  });
}
