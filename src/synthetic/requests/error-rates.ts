/**
 * How messy a council's extract is: the rate of each error pattern the request generator applies,
 * per request row. Each rate is the probability that the pattern is applied to a row where it can
 * apply (a married-name error needs a name history, a transposed day/month needs a day <= 12).
 * The rates are judgement calls informed by the published causes of duplicate and unmatched
 * records (one-letter name differences, dates off by a day or month, old addresses); they are
 * documented in docs/synthetic-population.md and every applied pattern is named in the
 * ground-truth file, so accuracy can be broken down by pattern.
 */
export const ERROR_RATES = {
  /** Share of requests for people who are not in the register at all. */
  notInRegister: 0.08,
  /** Of the people not in the register, the share who live with a register person and share
   * their family name (a relative who is not registered). */
  outsiderRelative: 0.25,
  /** Of the people not in the register, the share with a register person's full name and sex,
   * born in another year and living elsewhere. */
  outsiderNamesake: 0.15,
  /** Share of in-register people exported twice under two local references. */
  duplicateRow: 0.01,

  /** The local record holds the person's NHS Number (typed correctly). */
  nhsNumberPresent: 0.35,
  /** Of the numbers present, the share mistyped: one digit changed or two adjacent swapped. */
  nhsNumberMistyped: 0.03,
  /** Of the numbers present, the share that belong to someone else (a filing error). */
  nhsNumberOtherPerson: 0.005,

  givenNameTypo: 0.04,
  givenNameNickname: 0.05,
  givenNameInitialOnly: 0.01,
  givenNameMissing: 0.005,
  /** The second given name is dropped from OTHER_GIVEN_NAME. */
  otherGivenNameDropped: 0.3,

  familyNameTypo: 0.03,
  /** The local record still has a former family name (needs a name history). */
  familyNameFormer: 0.5,
  /** A double-barrelled name written with only one part, or with a space for the hyphen. */
  familyNameHyphenation: 0.3,
  /** Given and family names entered in each other's fields. */
  namesSwapped: 0.01,

  dobDayMonthTransposed: 0.01,
  dobDigitTypo: 0.015,
  dobYearOff: 0.005,
  dobMissing: 0.005,

  genderMissing: 0.02,
  genderWrong: 0.003,

  /** The local record still has a former address (needs an address history). */
  oldAddress: 0.25,
  postcodeTypo: 0.02,
  postcodeMissing: 0.04,
  /** Postcode written without its space and in lower case. */
  postcodeFormatting: 0.1,

  /** Names in lower or mixed case, stray spaces or punctuation. */
  caseAndPunctuationNoise: 0.2,
} as const;

export type ErrorPattern = Exclude<
  keyof typeof ERROR_RATES,
  'notInRegister' | 'duplicateRow' | 'nhsNumberPresent' | 'outsiderRelative' | 'outsiderNamesake'
>;

/** The rates a generator run uses; callers may scale or override individual rates. */
export type ErrorRates = { readonly [K in keyof typeof ERROR_RATES]: number };
