import { fail, ok, type Issue, type Result } from '../core/result.js';
import { columnKey, TRACE_COLUMNS } from './column-mapping-aliases.js';
import { PDS_MESH_REQUEST_COLUMNS, type PdsMeshRequestColumn } from './pds-mesh-columns.js';

/** Where each request column is found in a CSV's records. */
export interface ResolvedColumns {
  /** For each request column the file supplies, the 0-based index of its cell in a record. */
  readonly indexes: ReadonlyMap<PdsMeshRequestColumn, number>;
  /** Header columns that feed no request column (ignored when reading). */
  readonly ignored: readonly string[];
}

/**
 * Finds the request columns in a CSV header: each mapped column by the name the mapping gives,
 * every other request column by its own PDS MESH name; names compare by `columnKey` (case,
 * spaces, hyphens and underscores ignored). Fails, listing every problem, when a mapped column
 * is not in the header (`missing-column`), a needed name matches two header columns
 * (`ambiguous-column`), there is no reference column (`no-reference`) or no column any trace
 * can use (`no-trace-column`).
 * @param header - the header row's cells
 * @param mapping - target request column → CSV column name (empty for a PDS MESH file)
 */
export function resolveColumns(
  header: readonly string[],
  mapping: ReadonlyMap<PdsMeshRequestColumn, string> = new Map(),
): Result<ResolvedColumns> {
  const byKey = new Map<string, number[]>();
  header.forEach((name, index) => {
    const key = columnKey(name);
    if (key !== '') {
      byKey.set(key, [...(byKey.get(key) ?? []), index]);
    }
  });
  const indexes = new Map<PdsMeshRequestColumn, number>();
  const issues: Issue[] = [];
  for (const target of PDS_MESH_REQUEST_COLUMNS) {
    const source = mapping.get(target);
    const found = byKey.get(columnKey(source ?? target)) ?? [];
    if (found.length > 1) {
      issues.push({
        code: 'ambiguous-column',
        path: target,
        message: `${found.length} header columns are named ${source ?? target}; rename all but one`,
      });
    } else if (found[0] !== undefined) {
      indexes.set(target, found[0]);
    } else if (source !== undefined) {
      issues.push({
        code: 'missing-column',
        path: target,
        message: `column "${source}" (mapped to ${target}) is not in the header`,
      });
    }
  }
  if (!indexes.has('UNIQUE REFERENCE') && !mapping.has('UNIQUE REFERENCE')) {
    issues.push({
      code: 'no-reference',
      path: 'UNIQUE REFERENCE',
      message:
        'the header has no UNIQUE REFERENCE column (map one with reference=COLUMN if it has another name)',
    });
  }
  if (!TRACE_COLUMNS.some((column) => indexes.has(column) || mapping.has(column))) {
    issues.push({
      code: 'no-trace-column',
      path: 'header',
      message: `the header has none of the columns a trace uses (${TRACE_COLUMNS.join(', ')})`,
    });
  }
  if (issues.length > 0) {
    return fail(...issues);
  }
  const used = new Set(indexes.values());
  const ignored = header.filter((name, index) => !used.has(index) && name.trim() !== '');
  return ok({ indexes, ignored });
}
