import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { normaliseAddressLine, parseAddressLines } from './address.js';

describe('normaliseAddressLine', () => {
  it.each([
    ['12 High St', '12 HIGH STREET'],
    ['12 high st.', '12 HIGH STREET'],
    ['12, High Street', '12 HIGH STREET'],
    ['  12   High   Street  ', '12 HIGH STREET'],
    ['12a High St', '12A HIGH STREET'],
    ['12 a High St', '12A HIGH STREET'],
    ['12-14 Station Rd', '12-14 STATION ROAD'],
    ['12 - 14 Station Rd', '12-14 STATION ROAD'],
    ['12/14 Station Rd', '12-14 STATION ROAD'],
    ["St Mary's Rd", 'SAINT MARYS ROAD'],
    ["12 St. Mary's Road", '12 SAINT MARYS ROAD'],
    ['St Johns Wood', 'SAINT JOHNS WOOD'],
    ['Church St North', 'CHURCH STREET NORTH'],
    ['Upper St', 'UPPER STREET'],
    ['Great St Helens', 'GREAT SAINT HELENS'],
    ['Upper St Giles St', 'UPPER SAINT GILES STREET'],
    ['Flat 3 St Georges Ct', 'FLAT 3 SAINT GEORGES COURT'],
    ['1 Acacia Ave', '1 ACACIA AVENUE'],
    ['4 Elm Cl', '4 ELM CLOSE'],
    ['9 Park Cres', '9 PARK CRESCENT'],
    ['22 Oak Dr', '22 OAK DRIVE'],
    ['5 Rose Gdns', '5 ROSE GARDENS'],
    ['7 Mill Ln', '7 MILL LANE'],
    ['3 Chapel Pl', '3 CHAPEL PLACE'],
    ['10 Market Sq', '10 MARKET SQUARE'],
    ['2 Albion Ter', '2 ALBION TERRACE'],
    ['2 Albion Terr', '2 ALBION TERRACE'],
    ['2 Albion Tce', '2 ALBION TERRACE'],
    ['8 Kings Ct', '8 KINGS COURT'],
    ['6 Beech Gro', '6 BEECH GROVE'],
    ['6 Beech Gr', '6 BEECH GROVE'],
    ['1 Victoria Pk', '1 VICTORIA PARK'],
    ['Apt 4, Quay Hse', 'FLAT 4 QUAY HOUSE'],
    ['Apartment 4B', 'FLAT 4B'],
    ['Stoke-on-Trent', 'STOKE ON TRENT'],
    ['Rhôs-on-Sea', 'RHOS ON SEA'],
    ['Ty Gwyn, Ffordd Glyn', 'TY GWYN FFORDD GLYN'],
    ['Flat 3 A', 'FLAT 3 A'],
    ['', ''],
    [' ,.; ', ''],
  ])('%j → %j', (raw, normalised) => {
    expect(normaliseAddressLine(raw)).toBe(normalised);
  });
});

describe('parseAddressLines', () => {
  it.each([
    [['Flat 3, 12a High St'], '3', '12A', 'HIGH STREET'],
    [['Flat 3', '12a High St', 'Leeds'], '3', '12A', 'HIGH STREET'],
    [['Flat 3 12 High Street'], '3', '12', 'HIGH STREET'],
    [['Apartment B, 7 Canal Wharf'], 'B', '7', 'CANAL WHARF'],
    [['Apt 12, Rose Court, 5 Mill Lane'], '12', '5', 'MILL LANE'],
    [['12 High St', 'Headingley', 'Leeds'], null, '12', 'HIGH STREET'],
    [['12', 'High Street'], null, '12', 'HIGH STREET'],
    [['12-14 Station Rd'], null, '12-14', 'STATION ROAD'],
    [["14 St Mary's Rd"], null, '14', 'SAINT MARYS ROAD'],
    [['Rose Cottage', 'Church Ln', 'Little Snoring'], null, null, 'CHURCH LANE'],
    [['The Old Rectory', 'Fakenham'], null, null, null],
    [['Flat 2'], '2', null, null],
    [[], null, null, null],
  ] as const)('%j → flat %s, house %s, street %s', (lines, flat, houseNumber, street) => {
    expect(parseAddressLines(lines)).toMatchObject({ flat, houseNumber, street });
  });

  it('splits comma-separated lines and lists distinct tokens', () => {
    expect(parseAddressLines(['Flat 3, 12a High St', 'Leeds, Leeds'])).toEqual({
      lines: ['FLAT 3', '12A HIGH STREET', 'LEEDS', 'LEEDS'],
      flat: '3',
      houseNumber: '12A',
      street: 'HIGH STREET',
      tokens: ['FLAT', '3', '12A', 'HIGH', 'STREET', 'LEEDS'],
    });
  });

  it('finds the same parts however the address was keyed', () => {
    const a = parseAddressLines(['Flat 3, 12a High St.', 'LEEDS']);
    const b = parseAddressLines(['FLAT 3', '12 A HIGH STREET', 'Leeds']);
    expect(a).toEqual(b);
  });
});

/** Address-shaped text: abbreviations, numbers and punctuation in any order. */
const word = fc.constantFrom(
  ...['St', 'st.', 'Rd', 'AVE', 'Flat', 'Apt', 'Upper', 'Great', 'High', "Mary's", 'Ct', 'Gr'],
  ...['12', '3', 'a', 'B', '12-14', '7/9', '-', ',', "'", 'é', 'Stoke-on-Trent', 'Ter'],
);
const line = fc.oneof(
  fc.array(word, { maxLength: 8 }).map((words) => words.join(' ')),
  fc.array(word, { maxLength: 8 }).map((words) => words.join('')),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);

describe('address properties', () => {
  test.prop([line])('normaliseAddressLine is idempotent', (raw) => {
    const once = normaliseAddressLine(raw);
    expect(normaliseAddressLine(once)).toBe(once);
    expect(once).toMatch(/^(?:[A-Z0-9-]+(?: [A-Z0-9-]+)*)?$/);
  });

  test.prop([fc.array(line, { maxLength: 5 })])(
    'parsing normalised lines changes nothing',
    (lines) => {
      const once = parseAddressLines(lines);
      expect(parseAddressLines(once.lines)).toEqual(once);
    },
  );
});
