import { daysInMonth } from '../../core/normalise/date.js';
import { nhsCodeFromGender } from '../../core/normalise/gender.js';
import {
  currentAddress,
  currentName,
  type PersonAddress,
  type PersonName,
  type RegisterPerson,
} from '../../core/person.js';
import { emptyRequestRow, type PdsMeshRequestRow } from '../../formats/pds-mesh-columns.js';
import type { ErrorRates } from './error-rates.js';
import { caseNoise, mistypeDigits, typo } from './keying-errors.js';
import { nicknamesOf } from './nickname-variants.js';
import type { Rng } from '../rng.js';

/** What a request row is built from besides the person. */
export interface RequestContext {
  readonly rng: Rng;
  readonly rates: ErrorRates;
  readonly reference: string;
  readonly localPatientId: string;
  /** Another register person's NHS Number, for the misfiled-number error. */
  readonly otherNhsNumber: () => string;
}

/** A request row and the error patterns applied to make it. */
export interface BuiltRequest {
  readonly row: PdsMeshRequestRow;
  readonly errors: readonly string[];
}

/**
 * The row a council's case management system would export for this person: the register's
 * demographics as the council last recorded them (maybe a former name or address), with keying
 * errors and noise at the rates given. Every applied pattern is listed in `errors`.
 * @param person - the register person the row describes
 * @param ctx - random source, rates and the row's references
 */
export function requestFromPerson(person: RegisterPerson, ctx: RequestContext): BuiltRequest {
  const { rng, rates } = ctx;
  const errors: string[] = [];
  const applied = (pattern: keyof ErrorRates, p = rates[pattern]): boolean => {
    const hit = rng.chance(p);
    if (hit) {
      errors.push(pattern);
    }
    return hit;
  };
  const row = emptyRequestRow();
  row['UNIQUE REFERENCE'] = ctx.reference;
  row.LOCAL_PATIENT_ID = ctx.localPatientId;

  const name = chooseName(person, applied);
  let family = familyNameAsKept(name.family, applied, rng);
  let given = name.given[0] ?? '';
  let others = name.given.slice(1).join(' ');
  if (others !== '' && rng.chance(rates.otherGivenNameDropped)) {
    others = '';
  }
  const nicknames = nicknamesOf(given.toUpperCase());
  if (nicknames.length > 0 && applied('givenNameNickname')) {
    given = titleCase(rng.pick(nicknames));
  } else if (applied('givenNameTypo')) {
    given = typo(given, rng);
  } else if (applied('givenNameInitialOnly')) {
    given = given.charAt(0);
  } else if (applied('givenNameMissing')) {
    given = '';
  }
  if (applied('familyNameTypo')) {
    family = typo(family, rng);
  }
  if (applied('namesSwapped')) {
    [given, family] = [family, given];
  }
  if (applied('caseAndPunctuationNoise')) {
    given = caseNoise(given, rng);
    family = caseNoise(family, rng);
  }
  row.FAMILY_NAME = family;
  row.GIVEN_NAME = given;
  row.OTHER_GIVEN_NAME = others;

  row.DATE_OF_BIRTH = birthDateAsKept(person.birthDate, applied, rng);
  row.GENDER = applied('genderMissing')
    ? ''
    : applied('genderWrong')
      ? person.gender === 'male'
        ? '2'
        : '1'
      : nhsCodeFromGender(person.gender);

  const address = chooseAddress(person, applied);
  address.lines.slice(0, 5).forEach((line, i) => {
    row[`ADDRESS_LINE${String(i + 1)}` as 'ADDRESS_LINE1'] = line;
  });
  row.POSTCODE = postcodeAsKept(address.postalCode ?? '', applied, rng);
  if (person.gpOdsCode !== undefined && rng.chance(0.3)) {
    row.GP_PRACTICE_CODE = person.gpOdsCode;
  }
  row.NHS_NO = nhsNumberAsKept(person.nhsNumber, ctx, applied);
  return { row, errors };
}

type Applied = (pattern: keyof ErrorRates, p?: number) => boolean;

function chooseName(person: RegisterPerson, applied: Applied): PersonName {
  const usual = currentName(person);
  const former = person.names.find((n) => n.use === 'old' && n.family !== usual?.family);
  if (usual === undefined) {
    return { use: 'usual', given: [], family: '' };
  }
  return former !== undefined && applied('familyNameFormer')
    ? { ...usual, family: former.family }
    : usual;
}

function familyNameAsKept(family: string, applied: Applied, rng: Rng): string {
  if (!family.includes('-') || !applied('familyNameHyphenation')) {
    return family;
  }
  const parts = family.split('-');
  return rng.chance(0.5) ? parts.join(' ') : rng.pick(parts);
}

function chooseAddress(person: RegisterPerson, applied: Applied): PersonAddress {
  const home = currentAddress(person);
  const old = person.addresses.find((a) => a.use === 'old');
  if (home === undefined) {
    return { use: 'home', lines: [] };
  }
  return old !== undefined && applied('oldAddress') ? old : home;
}

function postcodeAsKept(postcode: string, applied: Applied, rng: Rng): string {
  if (postcode === '' || applied('postcodeMissing')) {
    return '';
  }
  let kept = applied('postcodeTypo') ? typo(postcode, rng) : postcode;
  if (applied('postcodeFormatting')) {
    kept = kept.replace(' ', '').toLowerCase();
  }
  return kept;
}

function birthDateAsKept(birthDate: string, applied: Applied, rng: Rng): string {
  const [y = 0, m = 1, d = 1] = birthDate.split('-').map(Number);
  if (applied('dobMissing')) {
    return '';
  }
  if (d <= 12 && d !== m && applied('dobDayMonthTransposed')) {
    return ymd(y, d, m);
  }
  if (applied('dobYearOff')) {
    const year = y + (rng.chance(0.5) ? 1 : -1);
    return ymd(year, m, Math.min(d, daysInMonth(year, m)));
  }
  if (applied('dobDigitTypo')) {
    // People's typos in dates are caught by entry checks when they make an impossible date,
    // so only typos that still give a real date are kept.
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const typed = mistypeDigits(ymd(y, m, d), rng);
      const ty = Number(typed.slice(0, 4));
      const tm = Number(typed.slice(4, 6));
      const td = Number(typed.slice(6, 8));
      if (
        ty >= 1900 &&
        ty <= y + 1 &&
        tm >= 1 &&
        tm <= 12 &&
        td >= 1 &&
        td <= daysInMonth(ty, tm)
      ) {
        return typed;
      }
    }
  }
  return ymd(y, m, d);
}

function nhsNumberAsKept(nhsNumber: string, ctx: RequestContext, applied: Applied): string {
  const { rng, rates } = ctx;
  if (!rng.chance(rates.nhsNumberPresent)) {
    return '';
  }
  if (applied('nhsNumberOtherPerson')) {
    return ctx.otherNhsNumber();
  }
  return applied('nhsNumberMistyped') ? mistypeDigits(nhsNumber, rng) : nhsNumber;
}

function ymd(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
}

function titleCase(upper: string): string {
  return upper.charAt(0) + upper.slice(1).toLowerCase();
}
