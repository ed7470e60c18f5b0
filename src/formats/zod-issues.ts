import type { z } from 'zod';
import type { Issue } from '../core/result.js';

/**
 * Renders a zod issue path as a FHIRPath-like string: `name[0].given[1]`, `identifier[0].value`.
 * @param path - the path of a zod issue (property names and array indexes)
 */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
    } else {
      const name = String(key);
      out += out === '' ? name : `.${name}`;
    }
  }
  return out;
}

/**
 * Converts the issues of a failed zod parse into the project's {@link Issue} values: `code` is the
 * zod issue code (or the custom code a refinement set, such as `bad-check-digit`), `path` names the
 * field, and `message` says what is wrong with it, prefixed by the path.
 * @param error - the error from a failed `safeParse`
 * @param pathPrefix - prepended to every path (for example a CSV column name); none by default
 */
export function zodIssues(error: z.ZodError, pathPrefix = ''): Issue[] {
  return error.issues.map((issue) => {
    const path = pathPrefix + formatIssuePath(issue.path);
    const custom: unknown = issue.code === 'custom' ? issue.params?.['code'] : undefined;
    const code = typeof custom === 'string' ? custom : issue.code;
    const where = path === '' ? '' : `${path}: `;
    return path === ''
      ? { code, message: issue.message }
      : { code, message: `${where}${issue.message}`, path };
  });
}
