import { NICKNAME_GROUPS } from '../../matching/data/nicknames.js';

/** Formal given name → the short forms people are known by (ROBERT → BOB, ROB, BOBBY, …). */
const VARIANTS: ReadonlyMap<string, readonly string[]> = new Map(
  NICKNAME_GROUPS.map(([formal, ...variants]) => [formal, variants] as const),
);

/**
 * The everyday variants of a formal given name, from the same table the matching engine uses to
 * recognise them; empty when the name has none.
 * @param upperName - a given name in upper case
 */
export function nicknamesOf(upperName: string): readonly string[] {
  return VARIANTS.get(upperName) ?? [];
}
