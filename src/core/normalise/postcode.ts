import { fail, ok, type Result } from '../result.js';
import { inwardProblem, outwardProblem, pseudoMeaning } from './postcode-rules.js';
import type {
  Postcode,
  PostcodeIssue,
  PostcodeIssueCode,
  PostcodeOptions,
  PostcodeRepair,
} from './postcode-types.js';

const BAD_CHARACTER = /[^A-Za-z0-9\s]/;
const SPACES = /\s+/g;
const LEADING_LETTERS = /^[A-Z]+/;
const BFPO_NUMBER = /^[0-9]{1,4}$/;
const LOWER_LETTERS = /[a-z]+/g;

function issue(code: PostcodeIssueCode, message: string): Result<never, PostcodeIssue> {
  return fail({ code, message });
}

/** Checks an unspaced uppercase code of 5 to 7 characters as a geographic or pseudo postcode. */
function checkCode(
  code: string,
  repairs: readonly PostcodeRepair[],
): Result<Postcode, PostcodeIssue> {
  const outward = code.slice(0, -3);
  const inward = code.slice(-3);
  const postcode = `${outward} ${inward}`;
  const pseudo = pseudoMeaning(outward, inward);
  if (pseudo !== undefined) {
    const none = { area: null, district: null, sector: null, unit: null };
    return ok({ kind: 'pseudo', postcode, outward, inward, ...none, pseudo, repairs });
  }
  const outwardIssue = outwardProblem(outward);
  const inwardIssue = inwardProblem(inward);
  if (outwardIssue !== undefined || inwardIssue !== undefined) {
    const issues: PostcodeIssue[] = [];
    if (outwardIssue !== undefined) {
      issues.push({ code: 'invalid-outward', message: outwardIssue });
    }
    if (inwardIssue !== undefined) {
      issues.push({ code: 'invalid-inward', message: inwardIssue });
    }
    return fail(...issues);
  }
  return ok({
    kind: 'geographic',
    postcode,
    outward,
    inward,
    area: LEADING_LETTERS.exec(outward)?.[0] ?? outward,
    district: outward,
    sector: `${outward} ${inward.charAt(0)}`,
    unit: postcode,
    pseudo: null,
    repairs,
  });
}

/** Swaps O and 0 where the position allows only one of them; returns the changes made. */
function repairKeying(code: string): { code: string; repairs: PostcodeRepair[] } {
  const chars = Array.from(code);
  const repairs: PostcodeRepair[] = [];
  const swap = (position: number, from: string, to: string): void => {
    if (chars[position] === from) {
      chars[position] = to;
      repairs.push({ position, from, to });
    }
  };
  swap(0, '0', 'O');
  swap(chars.length - 3, 'O', '0');
  return { code: chars.join(''), repairs };
}

/**
 * Parses a UK postcode as keyed: any case, any spacing (`sw1a1aa`, ` SW1A  1AA `). Checks the
 * BS 7666 rules and recognises `GIR 0AA`, BFPO numbers and NHS `ZZ99` pseudo-postcodes.
 * Format-valid is not the same as existing: only an address file can prove that.
 * @param raw - the postcode as recorded
 * @param options - whether to repair O/0 keying slips (off by default)
 * @example parsePostcode('zz99 3vz') // data.kind 'pseudo', data.pseudo 'no-fixed-abode', data.unit null
 * @example parsePostcode('QA1 1AA')  // issues: [{ code: 'invalid-outward', message: 'an outward code never starts with Q, V or X' }]
 */
export function parsePostcode(
  raw: string,
  options: PostcodeOptions = {},
): Result<Postcode, PostcodeIssue> {
  if (BAD_CHARACTER.test(raw)) {
    return issue('bad-character', 'a postcode has only letters, digits and spaces');
  }
  const code = raw.replace(SPACES, '').toUpperCase();
  if (code === '') {
    return issue('empty', 'no postcode given');
  }
  if (code.startsWith('BFPO')) {
    const number = code.slice(4);
    if (!BFPO_NUMBER.test(number)) {
      return issue('invalid-bfpo', 'a BFPO postcode is BFPO followed by a number of 1 to 4 digits');
    }
    const postcode = `BFPO ${number}`;
    const levels = { area: null, district: null, sector: null, unit: postcode };
    return ok({
      kind: 'bfpo',
      postcode,
      outward: 'BFPO',
      inward: number,
      ...levels,
      pseudo: null,
      repairs: [],
    });
  }
  if (code === 'GIR0AA') {
    const levels = { area: 'GIR', district: 'GIR', sector: 'GIR 0', unit: 'GIR 0AA' };
    return ok({
      kind: 'girobank',
      postcode: 'GIR 0AA',
      outward: 'GIR',
      inward: '0AA',
      ...levels,
      pseudo: null,
      repairs: [],
    });
  }
  if (code.length < 5) {
    return issue(
      'too-short',
      'a postcode has 5 to 7 letters and digits (an outward and an inward code)',
    );
  }
  if (code.length > 7) {
    return issue(
      'too-long',
      'a postcode has 5 to 7 letters and digits (an outward and an inward code)',
    );
  }
  const checked = checkCode(code, []);
  if (checked.success || options.repairKeying !== true) {
    return checked;
  }
  const repaired = repairKeying(code);
  if (repaired.repairs.length === 0) {
    return checked;
  }
  const second = checkCode(repaired.code, repaired.repairs);
  return second.success ? second : checked;
}

/**
 * The canonical form of a valid postcode (`SW1A 1AA`); anything else comes back with ASCII
 * letters upper-cased, runs of spaces collapsed and the ends trimmed, so the function is safe to apply to a
 * whole column and idempotent. No keying repairs are made.
 * @param raw - the postcode as recorded
 */
export function normalisePostcode(raw: string): string {
  const parsed = parsePostcode(raw);
  if (parsed.success) {
    return parsed.data.postcode;
  }
  return raw
    .replace(LOWER_LETTERS, (letters) => letters.toUpperCase())
    .replace(SPACES, ' ')
    .trim();
}

/**
 * True when the value is an NHS `ZZ99` pseudo-postcode (no fixed abode, not known, a country),
 * which must never count as address agreement.
 * @param raw - the postcode as recorded
 */
export function isPseudoPostcode(raw: string): boolean {
  const parsed = parsePostcode(raw);
  return parsed.success && parsed.data.kind === 'pseudo';
}
