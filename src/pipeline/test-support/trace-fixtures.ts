import { stringify } from 'csv-stringify/sync';
import type { RegisterPerson } from '../../core/person.js';
import { emptyRequestRow, PDS_MESH_REQUEST_COLUMNS } from '../../formats/pds-mesh-columns.js';
import type { PdsMeshRequestColumn } from '../../formats/pds-mesh-columns.js';
import { fixturePerson, testNhsNumber as n } from '../../storage/test-support/register-people.js';

/** Test fixtures for the trace run: a tiny synthetic register and a request file over it. */

const person = (
  index: number,
  given: string,
  family: string,
  rest: Partial<RegisterPerson>,
): RegisterPerson =>
  fixturePerson(n(index), {
    names: [{ use: 'usual', given: [given], family }],
    ...rest,
  });

const home = (line: string, postalCode: string): RegisterPerson['addresses'] => [
  { use: 'home', lines: [line, 'Leeds'], postalCode },
];

/** The superseded number of Patty Bouvier (merged into her current record). */
export const SUPERSEDED = n(20);

const FAMILIES = [
  'Jones',
  'Taylor',
  'Brown',
  'Wilson',
  'Evans',
  'Thomas',
  'Roberts',
  'Walker',
  'Wright',
  'Hall',
  'Green',
  'Wood',
  'Clarke',
  'Hughes',
  'Patel',
  'Khan',
  'Ahmed',
  'Turner',
  'Hill',
  'Moore',
];
const GIVENS = [
  'Oliver',
  'Amelia',
  'George',
  'Isla',
  'Harry',
  'Ava',
  'Jack',
  'Mia',
  'Noah',
  'Ella',
  'Leo',
  'Grace',
  'Arthur',
  'Freya',
  'Oscar',
  'Lily',
];
const two = (x: number): string => String(x).padStart(2, '0');

/** Other people, so that names, dates and postcodes have realistic frequencies. */
function filler(count: number): RegisterPerson[] {
  return Array.from({ length: count }, (_, i) =>
    person(
      100 + i,
      GIVENS[i % GIVENS.length] ?? 'Ann',
      FAMILIES[(i * 7) % FAMILIES.length] ?? 'Lee',
      {
        gender: i % 2 === 0 ? 'male' : 'female',
        birthDate: `${1930 + (i % 70)}-${two((i % 12) + 1)}-${two((i % 28) + 1)}`,
        addresses: home(`${i + 1} Station Road`, `LS${10 + (i % 20)} ${i % 9}AA`),
      },
    ),
  );
}

/**
 * A small register: the Simpsons, twins Rod and Todd Flanders at one address, Patty Bouvier with
 * a superseded number, Edna Krabappel restricted, Charles Burns deceased, Moe Szyslak, two
 * John Smiths born the same day in one postcode (in different houses), and an invalidated record
 * of Robert Terwilliger; then 300 other people.
 */
export const TRACE_REGISTER: readonly RegisterPerson[] = [
  person(0, 'Homer', 'Simpson', {
    gender: 'male',
    birthDate: '1956-05-12',
    addresses: home('742 Evergreen Terrace', 'LS1 6AE'),
  }),
  person(1, 'Rod', 'Flanders', {
    gender: 'male',
    birthDate: '2010-03-01',
    addresses: home('744 Evergreen Terrace', 'LS2 7EE'),
  }),
  person(2, 'Todd', 'Flanders', {
    gender: 'male',
    birthDate: '2010-03-01',
    addresses: home('744 Evergreen Terrace', 'LS2 7EE'),
  }),
  person(3, 'Patty', 'Bouvier', {
    gender: 'female',
    birthDate: '1950-01-02',
    addresses: home('1 Spinster Street', 'LS4 2BB'),
    supersededNhsNumbers: [SUPERSEDED],
  }),
  person(4, 'Edna', 'Krabappel', {
    gender: 'female',
    birthDate: '1960-07-20',
    addresses: home('82 Pike Street', 'LS6 1AA'),
    gpOdsCode: 'B86002',
    restricted: true,
  }),
  person(5, 'Charles', 'Burns', {
    gender: 'male',
    birthDate: '1920-09-15',
    deceasedDateTime: '2020-01-01',
    addresses: home('1000 Mammon Lane', 'LS7 3CC'),
  }),
  person(6, 'Moe', 'Szyslak', {
    gender: 'male',
    birthDate: '1965-04-01',
    addresses: home('57 Walnut Street', 'LS8 4DD'),
  }),
  person(7, 'John', 'Smith', {
    gender: 'male',
    birthDate: '1980-06-15',
    addresses: home('1 High Street', 'LS3 1AB'),
  }),
  person(8, 'John', 'Smith', {
    gender: 'male',
    birthDate: '1980-06-15',
    addresses: home('2 High Street', 'LS3 1AB'),
  }),
  person(9, 'Robert', 'Terwilliger', {
    gender: 'male',
    birthDate: '1962-03-14',
    addresses: home('3 Sideshow Close', 'LS9 5EE'),
    invalidated: true,
  }),
  ...filler(300),
];

type Cells = Partial<Record<PdsMeshRequestColumn, string>>;

/**
 * A PDS MESH request file (text) of the given rows, every column in the header.
 * @param rows - each row's cells by column; the others are blank
 */
export function requestCsv(rows: readonly Cells[]): string {
  return stringify([[...PDS_MESH_REQUEST_COLUMNS]]) + rows.map(line).join('');
}

const line = (cells: Cells): string =>
  stringify([PDS_MESH_REQUEST_COLUMNS.map((c) => ({ ...emptyRequestRow(), ...cells })[c])]);

/** Each request row's reference → the code and outcome the golden test expects for it. */
export const EXPECTED: Readonly<Record<string, readonly [string, string]>> = {
  CROSS: ['00', 'matched'],
  ALPHA: ['00', 'matched'],
  SUPERSEDED: ['90', 'matched'],
  RESTRICTED: ['92', 'matched'],
  DECEASED: ['00', 'matched'],
  TWIN: ['97', 'review'],
  SMITH: ['97', 'multiple'],
  NOBODY: ['98', 'no-match'],
  THIN: ['96', 'not-enough-data'],
  GENDERX: ['12', 'invalid'],
  BADDATE: ['13', 'invalid'],
  'BAD*REF': ['02', 'invalid'],
  LONG: ['11', 'invalid'],
  CONFLICT: ['97', 'review'],
  SHORT: ['16', 'invalid'],
  WIDE: ['17', 'invalid'],
  BYTES: ['01', 'invalid'],
  INVALIDATED: ['91', 'no-match'],
};

/**
 * The request file (bytes): one row per response code the trace produces, plus a repeated
 * reference (`08`) and a row with no reference (`10`), which {@link EXPECTED} cannot key.
 */
export function traceRequestFile(): Buffer {
  const rows: Cells[] = [
    {
      'UNIQUE REFERENCE': 'CROSS',
      NHS_NO: n(0),
      DATE_OF_BIRTH: '19560512',
      LOCAL_PATIENT_ID: 'L1',
    },
    {
      'UNIQUE REFERENCE': 'ALPHA',
      FAMILY_NAME: 'SIMPSON',
      GIVEN_NAME: 'Homer',
      GENDER: '1',
      DATE_OF_BIRTH: '19560512',
      POSTCODE: 'LS1 6AE',
      LOCAL_PATIENT_ID: 'L2',
    },
    { 'UNIQUE REFERENCE': 'SUPERSEDED', NHS_NO: SUPERSEDED, DATE_OF_BIRTH: '19500102' },
    {
      'UNIQUE REFERENCE': 'RESTRICTED',
      FAMILY_NAME: 'Krabappel',
      GIVEN_NAME: 'Edna',
      GENDER: '2',
      DATE_OF_BIRTH: '19600720',
      ADDRESS_LINE1: '1 Other Road',
    },
    {
      'UNIQUE REFERENCE': 'DECEASED',
      NHS_NO: n(5),
      DATE_OF_BIRTH: '19200915',
      FAMILY_NAME: 'Burns',
    },
    {
      'UNIQUE REFERENCE': 'TWIN',
      FAMILY_NAME: 'Flanders',
      GIVEN_NAME: 'Rodd',
      GENDER: '1',
      DATE_OF_BIRTH: '20100301',
      POSTCODE: 'LS2 7EE',
    },
    {
      'UNIQUE REFERENCE': 'SMITH',
      FAMILY_NAME: 'Smith',
      GIVEN_NAME: 'John',
      GENDER: '1',
      DATE_OF_BIRTH: '19800615',
      POSTCODE: 'LS3 1AB',
    },
    {
      'UNIQUE REFERENCE': 'NOBODY',
      FAMILY_NAME: 'Nobody',
      GIVEN_NAME: 'Unknown',
      GENDER: '2',
      DATE_OF_BIRTH: '19990101',
    },
    { 'UNIQUE REFERENCE': 'THIN', FAMILY_NAME: 'Simpson' },
    { 'UNIQUE REFERENCE': 'GENDERX', FAMILY_NAME: 'Simpson', GENDER: 'X' },
    { 'UNIQUE REFERENCE': 'BADDATE', FAMILY_NAME: 'Simpson', DATE_OF_BIRTH: '19561340' },
    { 'UNIQUE REFERENCE': 'BAD*REF', FAMILY_NAME: 'Simpson' },
    { 'UNIQUE REFERENCE': 'LONG', FAMILY_NAME: 'S'.repeat(40), GENDER: '1' },
    {
      'UNIQUE REFERENCE': 'CONFLICT',
      NHS_NO: n(6),
      DATE_OF_BIRTH: '19700101',
      FAMILY_NAME: 'Szyslak',
    },
    { 'UNIQUE REFERENCE': 'CROSS', NHS_NO: n(0), DATE_OF_BIRTH: '19560512' },
    { 'UNIQUE REFERENCE': '', FAMILY_NAME: 'Simpson', GENDER: '1', DATE_OF_BIRTH: '19560512' },
    {
      'UNIQUE REFERENCE': 'INVALIDATED',
      NHS_NO: n(9),
      DATE_OF_BIRTH: '19620314',
      FAMILY_NAME: 'Terwilliger',
      LOCAL_PATIENT_ID: 'L9',
    },
  ];
  const header = stringify([[...PDS_MESH_REQUEST_COLUMNS]]);
  const short = 'SHORT,,Simpson\n';
  const wide = `${line({ 'UNIQUE REFERENCE': 'WIDE' }).trimEnd()},extra\n`;
  const [before = '', after = ''] = line({ 'UNIQUE REFERENCE': 'BYTES', FAMILY_NAME: '@' }).split(
    '@',
  );
  return Buffer.concat([
    Buffer.from(header + rows.map(line).join('') + short + wide + before, 'utf8'),
    Buffer.from([0x53, 0xff, 0x6d]), // not UTF-8: parse error 01
    Buffer.from(after, 'utf8'),
  ]);
}
