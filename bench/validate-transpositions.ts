/**
 * Exhaustive check of what Modulus 11 misses: every valid NHS Number that starts with 9
 * (90,909,091 numbers) and every adjacent transposition of two different digits in it, digits
 * 9 and 10 (the check digit) included. Prints, per pair of positions, how many transpositions
 * were accepted (a blind spot), rejected as check-digit-10, or rejected as bad-check-digit.
 * The verdicts are computed arithmetically for speed; one number in 997 is also run through
 * parseNhsNumber to show the arithmetic agrees with the real parser.
 *
 * Run: `npx tsx bench/validate-transpositions.ts` (about 30 s on one core).
 */
import { parseNhsNumber } from '../src/core/nhs-number/index.js';

const WEIGHTS = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1] as const;
type Verdict = 'accepted' | 'check-digit-10' | 'bad-check-digit';

interface Tally {
  checked: number;
  accepted: number;
  'check-digit-10': number;
  'bad-check-digit': number;
}

const tallies: Tally[] = Array.from({ length: 9 }, () => ({
  checked: 0,
  accepted: 0,
  'check-digit-10': 0,
  'bad-check-digit': 0,
}));
const digits = new Int32Array(10);
digits[0] = 9;
let numbers = 0;
let parserChecks = 0;

function checkOf(bodySum: number): number {
  const check = 11 - (bodySum % 11);
  return check === 11 ? 0 : check;
}

/** The verdict on the number with positions p and p+1 swapped; `sum` is the body's weighted sum. */
function transposed(p: number, sum: number): Verdict {
  const a = digits[p]!;
  const b = digits[p + 1]!;
  // Swapping digits 9 and 10 moves the check digit into the body (weight 2) and digit 9 out.
  const bodySum = p < 8 ? sum + (WEIGHTS[p]! - WEIGHTS[p + 1]!) * (b - a) : sum + 2 * (b - a);
  const claimed = p < 8 ? digits[9]! : a;
  const check = checkOf(bodySum);
  return check === 10 ? 'check-digit-10' : check === claimed ? 'accepted' : 'bad-check-digit';
}

function verifyWithParser(p: number, verdict: Verdict): void {
  const swapped = Array.from(digits);
  [swapped[p], swapped[p + 1]] = [swapped[p + 1]!, swapped[p]!];
  const parsed = parseNhsNumber(swapped.join(''));
  const code = parsed.success ? 'accepted' : parsed.issues[0]?.code;
  if (code !== verdict) {
    throw new Error(`parser says ${String(code)}, arithmetic says ${verdict}: ${swapped.join('')}`);
  }
  parserChecks += 1;
}

function visit(position: number, sum: number): void {
  if (position === 9) {
    const check = checkOf(sum);
    if (check === 10) {
      return;
    }
    digits[9] = check;
    numbers += 1;
    const sample = numbers % 997 === 0;
    for (let p = 0; p < 9; p += 1) {
      if (digits[p] !== digits[p + 1]) {
        const verdict = transposed(p, sum);
        const tally = tallies[p]!;
        tally.checked += 1;
        tally[verdict] += 1;
        if (sample) {
          verifyWithParser(p, verdict);
        }
      }
    }
    return;
  }
  for (let digit = 0; digit <= 9; digit += 1) {
    digits[position] = digit;
    visit(position + 1, sum + WEIGHTS[position]! * digit);
  }
}

const started = performance.now();
visit(1, 90);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`${numbers.toLocaleString('en-GB')} valid 9xx numbers in ${seconds} s`);
console.log(`${parserChecks.toLocaleString('en-GB')} verdicts confirmed with parseNhsNumber\n`);
console.log('positions     checked    accepted  check-digit-10  bad-check-digit');
let total = 0;
let accepted = 0;
tallies.forEach((tally, p) => {
  total += tally.checked;
  accepted += tally.accepted;
  console.log(
    [
      `${p + 1}<->${p + 2}`.padEnd(9),
      tally.checked.toLocaleString('en-GB').padStart(11),
      tally.accepted.toLocaleString('en-GB').padStart(11),
      tally['check-digit-10'].toLocaleString('en-GB').padStart(15),
      tally['bad-check-digit'].toLocaleString('en-GB').padStart(16),
    ].join(' '),
  );
});
console.log(`\n${total.toLocaleString('en-GB')} transpositions, ${accepted} accepted`);
