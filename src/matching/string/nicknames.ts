import { NICKNAME_GROUPS } from '../data/nicknames.js';

/** Name → indexes of the nickname groups it belongs to; built once from the data table. */
const GROUPS_BY_NAME: ReadonlyMap<string, readonly number[]> = (() => {
  const index = new Map<string, number[]>();
  NICKNAME_GROUPS.forEach((group, i) => {
    for (const name of group) {
      const list = index.get(name) ?? [];
      if (!list.includes(i)) {
        list.push(i);
      }
      index.set(name, list);
    }
  });
  return index;
})();

/**
 * True when two different given names are known forms of one name: one is a short form or pet
 * name of the other (BOB ~ ROBERT, PEGGY ~ MARGARET), or both are forms of the same name
 * (BOB ~ ROB). Symmetric; false for equal names (that is an exact match, not a nickname) and for
 * names not in {@link NICKNAME_GROUPS}.
 * @param left - normalised (uppercase ASCII) given name
 * @param right - normalised given name
 * @example areNicknames('PEGGY', 'MARGARET') // true
 */
export function areNicknames(left: string, right: string): boolean {
  if (left === right) {
    return false;
  }
  const a = GROUPS_BY_NAME.get(left);
  const b = GROUPS_BY_NAME.get(right);
  if (a === undefined || b === undefined) {
    return false;
  }
  return a.some((group) => b.includes(group));
}

/**
 * The formal names a given name can stand for (`SANDY` → `ALEXANDER`, `ALEXANDRA`), or the name
 * itself when it is formal or unknown. Used to build blocking keys that survive nicknames.
 * @param name - normalised given name
 * @returns formal names, sorted, never empty
 */
export function formalNames(name: string): readonly string[] {
  const groups = GROUPS_BY_NAME.get(name);
  if (groups === undefined) {
    return [name];
  }
  return [...new Set(groups.map((i) => NICKNAME_GROUPS[i]?.[0] ?? name))].sort();
}
