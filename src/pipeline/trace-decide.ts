import { currentDemographics, type RegisterPerson } from '../core/person.js';
import type { RequestDateFormat, TraceRequest } from '../formats/pds-mesh-request-types.js';
import {
  MULTIPLE_NHS_NO,
  NO_MATCH_NHS_NO,
  type ResponseAnswer,
} from '../formats/pds-mesh-response.js';
import {
  birthDateAgrees,
  buildMatchRecord,
  fromRegisterPerson,
  type CascadeCandidate,
  type MatchRecord,
} from '../matching/index.js';
import {
  traceTwoSteps,
  type TracedCandidate,
  type TraceResult,
  type TraceSettings,
} from '../matching/trace-decision.js';
import { matchInputFromRequestRow } from './in-memory-request.js';
import { confidencePercentage, explanationText } from './trace-explain.js';
import type { SourceRow } from './request-source.js';
import { matchedConflicts, type Conflict, type LocalRecord } from './trace-conflicts.js';
import { INVALIDATED_REASON, invalidatedAnswer } from './trace-invalidated.js';
import type { TraceRegister } from './trace-register.js';

/** Everything the run needs to know about one traced request row. */
export interface RowTrace {
  readonly answer: ResponseAnswer;
  /** Why it was not matched (stable codes, or a row error's message, which never holds values). */
  readonly reasons: readonly string[];
  /** Differences from the register (conflicts file and the load file's changed fields). */
  readonly conflicts: readonly Conflict[];
  /** The request carried a valid (Modulus 11) NHS Number: coverage before the trace. */
  readonly suppliedValid: boolean;
  /** The best-scored candidates with their explanations, best first (what a reviewer sees). */
  readonly candidates: readonly TracedCandidate[];
}

const INDICATOR = { 'cross-check': '1', alphanumeric: '3', probabilistic: '4' } as const;

function rowErrorTrace(row: SourceRow): RowTrace {
  const issues = row.result.success ? [] : row.result.issues;
  const code = issues[0]?.code ?? '01';
  const enough = code !== '96';
  return {
    answer: {
      code,
      outcome: enough ? 'invalid' : 'not-enough-data',
      matchedNhsNumber: '',
      algorithmIndicator: '0',
      confidence: '',
      explanation: '',
    },
    reasons: issues.map((issue) => `${issue.code} ${issue.message}`),
    conflicts: [],
    suppliedValid: false,
    candidates: [],
  };
}

/** A supplied valid number that conflicts with the trace: the DOB differs, or another person matched. */
function suppliedConflict(
  local: {
    readonly supplied: string;
    readonly record: MatchRecord;
    readonly request: TraceRequest;
  },
  found: { readonly result: TraceResult; readonly candidates: readonly CascadeCandidate[] },
  register: RegisterView,
): Conflict | undefined {
  const { supplied, record, request } = local;
  const { result, candidates } = found;
  const holderId = register.holderOf(supplied);
  const holder = holderId === undefined ? undefined : register.person(holderId);
  // An invalidated record's data must not be used, so its date of birth is never compared.
  if (holder !== undefined && holder.invalidated !== true && record.birthDate !== undefined) {
    const holderRecord = candidates.find((c) => c.id === holderId)?.record;
    const holderDate = (holderRecord ?? fromRegisterPerson(holder)).birthDate;
    if (holderDate === undefined || !birthDateAgrees(record.birthDate, holderDate)) {
      const local = request.birthDate === null ? '' : request.birthDate.iso.replaceAll('-', '');
      return {
        kind: 'supplied-number-birth-date-differs',
        field: 'DATE_OF_BIRTH',
        local,
        register: holder.birthDate.replaceAll('-', ''),
      };
    }
  }
  if (result.outcome === 'matched' && result.nhsNumber !== holderId) {
    return {
      kind: 'supplied-number-differs',
      field: 'NHS_NO',
      local: supplied,
      register: result.nhsNumber ?? '',
    };
  }
  return undefined;
}

function unmatchedAnswer(
  result: TraceResult,
  outcome: 'review' | 'multiple' | 'no-match',
): ResponseAnswer {
  const best = result.candidates[0];
  return withBestScore(
    {
      code: outcome === 'no-match' ? '98' : '97',
      outcome,
      matchedNhsNumber: outcome === 'no-match' ? NO_MATCH_NHS_NO : MULTIPLE_NHS_NO,
      algorithmIndicator: '0',
      confidence: '',
      explanation: explanationText(best),
    },
    best,
  );
}

/** A {@link ResponseAnswer} still being made. */
type AnswerDraft = { -readonly [K in keyof ResponseAnswer]: ResponseAnswer[K] };

/**
 * Gives an answer the best candidate's weight and probability, when there is one. Set member by
 * member rather than spread from a conditional object into the answer's literal: this runs for
 * every row written, and each spread copied an object.
 */
function withBestScore(answer: AnswerDraft, best: TracedCandidate | undefined): ResponseAnswer {
  if (best !== undefined) {
    answer.weight = best.weight;
    answer.probability = best.probability;
  }
  return answer;
}

/** What a row's answer needs to know about the register beyond its candidates. */
export interface RegisterView {
  /** The current NHS Number a number (current or superseded) resolves to. */
  holderOf(number: string): string | undefined;
  /** A current person by current NHS Number. */
  person(id: string): RegisterPerson | undefined;
}

/** A request row ready to trace: its match record and the valid NHS Number it supplied. */
export interface PreparedRow {
  readonly record: MatchRecord;
  readonly request: TraceRequest;
  readonly supplied?: string;
}

/**
 * The match record of a request row, or `undefined` for a row error (answered by its code).
 * @param row - the row as read
 * @param dateFormat - the request file's date layout
 */
export function prepareRow(row: SourceRow, dateFormat: RequestDateFormat): PreparedRow | undefined {
  if (!row.result.success) {
    return undefined;
  }
  const request = row.result.data;
  const supplied = request.nhsNumber?.status === 'valid' ? request.nhsNumber.value : undefined;
  const record = buildMatchRecord(matchInputFromRequestRow(row.row, dateFormat, request));
  return { record, request, ...(supplied === undefined ? {} : { supplied }) };
}

/**
 * The in-memory register as a {@link RegisterView}.
 * @param register - the register in memory
 */
export function inMemoryView(register: TraceRegister): RegisterView {
  return {
    holderOf: (number) => register.numbers.get(number),
    // As the SQL index returns them (`MatchIndex.people`), so both paths answer alike.
    person: (id) => {
      const person = register.people.get(id);
      return person === undefined ? undefined : currentDemographics(person);
    },
  };
}

/**
 * Traces one request row against the in-memory register and decides its response
 * ({@link answerRow} over `traceTwoSteps`):
 * - a row error → its code, `invalid` (`96` → `not-enough-data`), no number;
 * - otherwise `traceTwoSteps` (the cascade over the exact look-up, then Fellegi-Sunter over the
 *   blocked candidates when the cascade does not decide); then a supplied valid NHS
 *   Number is checked against the result: when its register record's date of birth disagrees,
 *   or the demographics traced to someone else, the row goes to `review` (never trusted, never
 *   replaced) and the conflict is reported;
 * - `matched` → `00`, `90` when the supplied number was superseded (the current number is
 *   returned), `92` for a restricted person (wins over 90: location data withheld);
 * - `matched` to an invalidated record → `91` with `0000000000` and no demographics (wins over
 *   every other code; see `trace-invalidated.ts`);
 * - `review` and `multiple` → `97` with `9999999999`; `no-match` → `98` with `0000000000`.
 * @param row - the request row as read
 * @param register - the register in memory
 * @param settings - model, term frequencies, thresholds
 * @param dateFormat - the request file's date layout
 */
export function traceSourceRow(
  row: SourceRow,
  register: TraceRegister,
  settings: TraceSettings,
  dateFormat: RequestDateFormat,
): RowTrace {
  const prepared = prepareRow(row, dateFormat);
  if (prepared === undefined) {
    return rowErrorTrace(row);
  }
  const { record } = prepared;
  const found = traceTwoSteps(
    record,
    register.exact.candidates(record),
    () => register.index.candidates(record),
    settings,
  );
  return answerRow(row, prepared, found, inMemoryView(register));
}

/**
 * Answers a traced row (see {@link traceSourceRow} for the rules), or a row error.
 * @param row - the row as read
 * @param prepared - its record (`undefined` for a row error)
 * @param found - the trace result and the candidates it was decided over
 * @param register - numbers and people of the register
 */
export function answerRow(
  row: SourceRow,
  prepared: PreparedRow | undefined,
  found: { readonly result: TraceResult; readonly candidates: readonly CascadeCandidate[] },
  register: RegisterView,
): RowTrace {
  if (prepared === undefined) {
    return rowErrorTrace(row);
  }
  const { record, request, supplied } = prepared;
  const { result, candidates } = found;
  const conflict =
    supplied === undefined
      ? undefined
      : suppliedConflict({ supplied, record, request }, { result, candidates }, register);
  // Every trace below is one literal, its members in one order (no spreads: this runs for
  // every row written, and each spread copied an object).
  const suppliedValid = supplied !== undefined;
  if (conflict !== undefined) {
    return {
      suppliedValid,
      candidates: result.candidates,
      answer: unmatchedAnswer(result, 'review'),
      reasons: [conflict.kind],
      conflicts: [conflict],
    };
  }
  const person = result.nhsNumber === undefined ? undefined : register.person(result.nhsNumber);
  if (result.outcome !== 'matched' || person === undefined || result.method === undefined) {
    const outcome = result.outcome === 'matched' ? 'no-match' : result.outcome;
    return {
      suppliedValid,
      candidates: result.candidates,
      answer: unmatchedAnswer(result, outcome),
      reasons: result.reasons,
      conflicts: [],
    };
  }
  if (person.invalidated === true) {
    return {
      suppliedValid,
      candidates: result.candidates,
      answer: invalidatedAnswer(),
      reasons: [INVALIDATED_REASON],
      conflicts: [],
    };
  }
  const superseded = supplied !== undefined && supplied !== person.nhsNumber;
  const best = result.candidates[0];
  const registerRecord =
    candidates.find((c) => c.id === person.nhsNumber)?.record ?? fromRegisterPerson(person);
  const answer = withBestScore(
    {
      code: person.restricted ? '92' : superseded ? '90' : '00',
      outcome: 'matched',
      matchedNhsNumber: person.nhsNumber,
      algorithmIndicator: INDICATOR[result.method],
      confidence: confidencePercentage(result),
      person,
      explanation: explanationText(best),
    },
    best,
  );
  const local: { -readonly [K in keyof LocalRecord]: LocalRecord[K] } = { row: row.row, record };
  if (supplied !== undefined) {
    local.supplied = supplied;
  }
  if (request.dateOfDeath !== null) {
    local.deathIso = request.dateOfDeath.iso;
  }
  return {
    suppliedValid,
    candidates: result.candidates,
    answer,
    reasons: result.reasons,
    conflicts: matchedConflicts(local, person, registerRecord),
  };
}
