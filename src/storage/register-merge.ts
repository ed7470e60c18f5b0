import type { NhsNumber } from '../core/nhs-number/nhs-number.js';
import type { RegisterPerson } from '../core/person.js';

/**
 * The write rule of the register, as plain code over maps: the reference the in-memory adapter
 * runs and the set-based SQL of the other adapters reproduces (the contract suite checks they
 * agree). See docs/register.md, "Import semantics".
 *
 * Each imported record (sequence number = its position in the import) claims its own NHS Number
 * and each number it lists as superseded. Per number the latest claim wins. Then:
 * 1. stored records and links of every claimed number are removed; stored links to a record
 *    that is re-imported are removed too (the new version brings its own list);
 * 2. winning record claims are stored;
 * 3. a winning link `old -> target` is stored when `target` ended as that same record version,
 *    or was itself superseded later (the link then follows it);
 * 4. links are resolved through chains to a current record, and links left pointing at no
 *    record are dropped.
 */

/** A superseded number's link to the number that replaced it; `ord` keeps list order. */
export interface SupersededLink {
  readonly target: NhsNumber;
  readonly ord: number;
}

/** The register as maps: current records (their own superseded list ignored) and links. */
export interface RegisterState {
  readonly records: Map<NhsNumber, RegisterPerson>;
  readonly links: Map<NhsNumber, SupersededLink>;
}

type Claim =
  | { readonly kind: 'record'; readonly seq: number; readonly person: RegisterPerson }
  | {
      readonly kind: 'link';
      readonly seq: number;
      readonly target: NhsNumber;
      readonly ord: number;
    };

/** Counts of what {@link applyImport} changed. */
export interface MergeCounts {
  readonly inserted: number;
  readonly updated: number;
  readonly merged: number;
}

/** Each number's latest claim; a record listing a number twice claims it at the first place. */
function latestClaims(incoming: readonly RegisterPerson[]): Map<NhsNumber, Claim> {
  const claims = new Map<NhsNumber, Claim>();
  incoming.forEach((person, index) => {
    const seq = index + 1;
    claims.set(person.nhsNumber, { kind: 'record', seq, person });
    person.supersededNhsNumbers.forEach((old, ord) => {
      const previous = claims.get(old);
      if (old !== person.nhsNumber && previous?.seq !== seq) {
        claims.set(old, { kind: 'link', seq, target: person.nhsNumber, ord });
      }
    });
  });
  return claims;
}

/** Points every link at the end of its chain, then drops links that end at no record. */
function resolveLinks(state: RegisterState): void {
  for (const [old, link] of state.links) {
    let target = link.target;
    const seen = new Set<NhsNumber>([old]);
    for (let next = state.links.get(target); next !== undefined && !seen.has(target);) {
      seen.add(target);
      target = next.target;
      next = state.links.get(target);
    }
    state.links.set(old, { target, ord: link.ord });
  }
  for (const [old, link] of state.links) {
    if (!state.records.has(link.target)) {
      state.links.delete(old);
    }
  }
}

/**
 * Applies one import to the state in place, following the rule above.
 * @param state - the register before the import; changed in place
 * @param incoming - the imported people in import order
 * @returns how many numbers were inserted, updated and merged away
 */
export function applyImport(
  state: RegisterState,
  incoming: readonly RegisterPerson[],
): MergeCounts {
  const claims = latestClaims(incoming);
  let inserted = 0;
  let updated = 0;
  let merged = 0;
  for (const [num, claim] of claims) {
    const wasRecord = state.records.delete(num);
    state.links.delete(num);
    if (claim.kind === 'record') {
      if (wasRecord) {
        updated += 1;
      } else {
        inserted += 1;
      }
    } else if (wasRecord) {
      merged += 1;
    }
  }
  for (const [old, link] of state.links) {
    if (claims.get(link.target)?.kind === 'record') {
      state.links.delete(old);
    }
  }
  for (const [num, claim] of claims) {
    if (claim.kind === 'record') {
      state.records.set(num, claim.person);
    }
  }
  for (const [num, claim] of claims) {
    if (claim.kind === 'link') {
      const target = claims.get(claim.target);
      if (target !== undefined && (target.kind === 'link' || target.seq === claim.seq)) {
        state.links.set(num, { target: claim.target, ord: claim.ord });
      }
    }
  }
  resolveLinks(state);
  return { inserted, updated, merged };
}

/**
 * The superseded numbers of every current record, keyed by the record's number, each list in
 * list order (`ord`, then number).
 * @param state - the register
 */
export function supersededByRecord(state: RegisterState): Map<NhsNumber, NhsNumber[]> {
  const sorted = [...state.links].sort(
    ([oa, la], [ob, lb]) => la.ord - lb.ord || (oa < ob ? -1 : oa > ob ? 1 : 0),
  );
  const index = new Map<NhsNumber, NhsNumber[]>();
  for (const [old, link] of sorted) {
    const list = index.get(link.target);
    if (list === undefined) {
      index.set(link.target, [old]);
    } else {
      list.push(old);
    }
  }
  return index;
}

/**
 * A stored record as read back: its superseded numbers are the links that resolve to it.
 * @param state - the register
 * @param nhsNumber - a current record's number
 * @param index - {@link supersededByRecord} of the state, when reading many records
 */
export function readRecord(
  state: RegisterState,
  nhsNumber: NhsNumber,
  index: ReadonlyMap<NhsNumber, readonly NhsNumber[]> = supersededByRecord(state),
): RegisterPerson | undefined {
  const person = state.records.get(nhsNumber);
  return person === undefined
    ? undefined
    : { ...person, supersededNhsNumbers: [...(index.get(nhsNumber) ?? [])] };
}
