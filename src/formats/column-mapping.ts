import { fail, ok, type Issue, type Result } from '../core/result.js';
import { MAPPING_ALIASES, resolveTarget } from './column-mapping-aliases.js';
import type { PdsMeshRequestColumn } from './pds-mesh-columns.js';
import { REQUEST_DATE_FORMATS } from './pds-mesh-request-types.js';

export {
  columnKey,
  MAPPING_ALIASES,
  resolveTarget,
  TRACE_COLUMNS,
} from './column-mapping-aliases.js';
export { resolveColumns, type ResolvedColumns } from './column-mapping-resolve.js';

/**
 * How a CSV's columns feed the PDS MESH request columns: target PDS MESH column → the CSV's
 * column name. Targets not in the mapping are read from a CSV column of their own PDS MESH name
 * when there is one.
 */
export type ColumnMapping = ReadonlyMap<PdsMeshRequestColumn, string>;

/**
 * A mapping problem. Codes: `bad-entry` (not `key=COLUMN`), `unknown-target` (the key names no
 * request column), `duplicate-target` (two entries for one column), `empty-column`, `bad-json`;
 * from {@link resolveColumns}: `missing-column`, `ambiguous-column`, `no-reference`,
 * `no-trace-column`.
 */
export type MappingIssue = Issue;

const ALIAS_HINT = `use a PDS MESH column name or one of: ${Object.keys(MAPPING_ALIASES).join(', ')}`;

/** Builds a mapping from `[target, column]` pairs, reporting every bad pair. */
function buildMapping(
  entries: readonly (readonly [string, string])[],
  where: (index: number) => string,
): Result<ColumnMapping> {
  const mapping = new Map<PdsMeshRequestColumn, string>();
  const issues: MappingIssue[] = [];
  entries.forEach(([rawTarget, rawColumn], index) => {
    const target = rawTarget.trim();
    const column = rawColumn.trim();
    const resolved = resolveTarget(target);
    if (resolved === undefined) {
      issues.push({
        code: 'unknown-target',
        path: where(index),
        message: `"${target}" is not a request column; ${ALIAS_HINT}`,
      });
    } else if (column === '') {
      issues.push({
        code: 'empty-column',
        path: where(index),
        message: `no column named for ${target}`,
      });
    } else if (mapping.has(resolved)) {
      issues.push({
        code: 'duplicate-target',
        path: where(index),
        message: `${resolved} is mapped twice`,
      });
    } else {
      mapping.set(resolved, column);
    }
  });
  return issues.length > 0 ? fail(...issues) : ok(mapping);
}

/** Splits `key=COLUMN` text into pairs; entries without `=` are reported. */
function splitEntries(
  parts: readonly string[],
  where: (index: number) => string,
): Result<(readonly [string, string])[]> {
  const pairs: (readonly [string, string])[] = [];
  const issues: MappingIssue[] = [];
  parts.forEach((part, index) => {
    const at = part.indexOf('=');
    if (at < 0) {
      issues.push({
        code: 'bad-entry',
        path: where(index),
        message: `"${part.trim()}" is not key=COLUMN (for example family=SURNAME)`,
      });
    } else {
      pairs.push([part.slice(0, at), part.slice(at + 1)]);
    }
  });
  return issues.length > 0 ? fail(...issues) : ok(pairs);
}

/**
 * Parses a `--map` option value: comma-separated `key=COLUMN` entries, where key is a PDS MESH
 * column name or a friendly alias ({@link MAPPING_ALIASES}) and COLUMN a column of the CSV
 * (spaces allowed; commas are not: use a mapping file for such names). Blank entries are
 * ignored.
 * @param spec - for example `family=SURNAME,given=FORENAME,dob=BIRTH_DATE,reference=Case ID`
 */
export function parseMappingSpec(spec: string): Result<ColumnMapping> {
  const parts = spec.split(',').filter((part) => part.trim() !== '');
  const where = (index: number): string => `--map entry ${index + 1}`;
  const pairs = splitEntries(parts, where);
  return pairs.success ? buildMapping(pairs.data, where) : pairs;
}

/**
 * Parses a mapping file: either a JSON object `{ "FAMILY_NAME": "SURNAME", "dob": "DOB" }`, or
 * `key=COLUMN` lines (blank lines and lines starting with `#` ignored). Keys are as in
 * {@link parseMappingSpec}; issues name the line (or JSON key) at fault.
 * @param text - the file's content
 */
export function parseMappingFile(text: string): Result<ColumnMapping> {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('{')) {
    return parseJsonMapping(trimmed);
  }
  const lines = trimmed.split(/\r\n|\r|\n/);
  const numbered = lines
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => line.trim() !== '' && !line.trim().startsWith('#'));
  const where = (index: number): string => `line ${numbered[index]?.number ?? index + 1}`;
  const pairs = splitEntries(
    numbered.map(({ line }) => line),
    where,
  );
  return pairs.success ? buildMapping(pairs.data, where) : pairs;
}

function parseJsonMapping(text: string): Result<ColumnMapping> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : 'unreadable';
    return fail({ code: 'bad-json', path: 'mapping', message: `not valid JSON: ${reason}` });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return fail({
      code: 'bad-json',
      path: 'mapping',
      message: 'expected a JSON object of column names',
    });
  }
  const entries = Object.entries(json);
  const bad = entries.find(([, value]) => typeof value !== 'string');
  if (bad !== undefined) {
    return fail({
      code: 'bad-json',
      path: bad[0],
      message: `the column for ${bad[0]} must be a string`,
    });
  }
  return buildMapping(
    entries.map(([key, value]) => [key, String(value)] as const),
    (index) => entries[index]?.[0] ?? 'mapping',
  );
}

/** The date layouts `--date-format` accepts. */
export type DateFormatOption = (typeof REQUEST_DATE_FORMATS)[number];

/**
 * Parses a `--date-format` option value: `YYYYMMDD` (PDS MESH, the default), `YYYY-MM-DD` or
 * `DD/MM/YYYY`, in any case.
 * @param value - the option value
 */
export function parseDateFormatOption(value: string): Result<DateFormatOption> {
  const wanted = value.trim().toUpperCase();
  const found = REQUEST_DATE_FORMATS.find((format) => format === wanted);
  return found === undefined
    ? fail({
        code: 'bad-date-format',
        path: '--date-format',
        message: `date format must be one of ${REQUEST_DATE_FORMATS.join(', ')}`,
      })
    : ok(found);
}
