/**
 * Expected failures are values, not exceptions (zod's `safeParse` shape): a function that can
 * fail on ordinary input returns a `Result`, and the caller decides what to do with the issues.
 */
export type Result<T, I = Issue> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly issues: readonly I[] };

/** One problem with one input value; `code` is stable, `message` is for people. */
export interface Issue {
  readonly code: string;
  readonly message: string;
  /** The field the issue is about, when there is one (`DATE_OF_BIRTH`, `postalCode`). */
  readonly path?: string;
}

/** A successful result. */
export function ok<T>(data: T): { readonly success: true; readonly data: T } {
  return { success: true, data };
}

/** A failed result carrying one or more issues. */
export function fail<I = Issue>(...issues: I[]): { readonly success: false; readonly issues: I[] } {
  return { success: false, issues };
}
