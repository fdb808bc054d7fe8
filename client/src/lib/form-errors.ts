/** Spreads a refused request's problem over a form: a message per known field, the rest as one general line. */
import { ApiError } from '../api/http';

export interface FormErrors<F extends string> {
  fields: Partial<Record<F, string>>;
  /** Shown above the form when no field of the form was named (or the error was not the server's). */
  general?: string;
}

/**
 * Maps an error to the form's fields. `localise` may replace the server's (English) field message by a
 * translated one for cases the UI knows (a taken user name, a short password).
 */
export function formErrors<F extends string>(
  error: unknown,
  fields: readonly F[],
  localise: (field: F, serverMessage: string, status: number) => string | undefined = () => undefined,
): FormErrors<F> {
  if (!(error instanceof ApiError)) return { fields: {}, general: error instanceof Error ? error.message : String(error) };
  const named = error.fieldErrors();
  const out: Partial<Record<F, string>> = {};
  for (const field of fields) {
    if (named[field] !== undefined) out[field] = localise(field, named[field], error.status) ?? named[field];
  }
  return Object.keys(out).length ? { fields: out } : { fields: {}, general: error.message };
}
