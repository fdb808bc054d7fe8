import type { Context, Next } from 'koa';

/** One problem with one field of a request (RFC 7807 extension member `errors`). */
export interface FieldProblem {
  /** JSON pointer-like path of the offending field, e.g. `properties.heading_deg` or `query.bbox`. */
  field: string;
  message: string;
  /**
   * The kind of problem, for problems only the server can find (PostGIS validity, the planning area, database
   * rules), so that a client can say it in its user's language; `params` holds what the sentence names.
   */
  code?: 'invalid_geometry' | 'outside_planning_area' | 'database_rule' | 'required' | 'missing_reference' | 'duplicate';
  params?: Record<string, string | number>;
}

/**
 * An error a person can act on, answered as `application/problem+json` (RFC 7807).
 * `detail` says what to fix; `errors` lists each offending field.
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export const badRequest = (detail: string, errors: FieldProblem[] = []) =>
  new ProblemError(400, 'Bad request', detail, errors);
export const invalidInput = (detail: string, errors: FieldProblem[] = [], extra: Record<string, unknown> = {}) =>
  new ProblemError(422, 'Invalid input', detail, errors, extra);
export const notFound = (detail: string) => new ProblemError(404, 'Not found', detail);

/** Koa middleware: turns every thrown error into problem+json; never leaks a stack trace. */
export async function problemMiddleware(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
    if (ctx.status === 404 && ctx.body === undefined) {
      throw notFound(`No resource at ${ctx.path}. See /ogc for the API's entry points.`);
    }
  } catch (err) {
    const problem = toProblem(err);
    ctx.status = problem.status;
    ctx.type = 'application/problem+json';
    for (const [name, value] of Object.entries(problem.headers)) ctx.set(name, value);
    ctx.body = {
      type: 'about:blank',
      title: problem.title,
      status: problem.status,
      detail: problem.detail,
      instance: ctx.path,
      requestId: ctx.state.requestId,
      ...(problem.errors.length ? { errors: problem.errors } : {}),
      ...problem.extra,
    };
    if (problem.status >= 500) ctx.app.emit('error', err, ctx);
  }
}

/** Maps known error shapes (ours, Koa's http-errors, database constraint errors) to a problem. */
function toProblem(err: unknown): ProblemError {
  if (err instanceof ProblemError) return err;
  const e = err as { status?: number; expose?: boolean; message?: string; code?: string; type?: string };
  if (e?.type === 'entity.too.large' || e?.status === 413) {
    return new ProblemError(413, 'Payload too large', 'The request body is larger than the server accepts; send a smaller body.');
  }
  if (typeof e?.status === 'number' && e.status < 500 && e.expose) {
    return new ProblemError(e.status, 'Bad request', e.message ?? 'Bad request');
  }
  const dbProblem = databaseProblem(err);
  if (dbProblem) return dbProblem;
  return new ProblemError(500, 'Internal server error', 'The server failed to answer; the error is logged.');
}

/** PostgreSQL SQLSTATE classes that mean "the data you sent breaks a rule", not "the server broke". */
function databaseProblem(err: unknown): ProblemError | undefined {
  const e = err as { code?: string; constraint?: string; column?: string; detail?: string; message?: string };
  if (typeof e?.code !== 'string') return undefined;
  const field = e.column ?? e.constraint ?? 'body';
  switch (e.code) {
    case '23514': // check_violation
      return invalidInput(`A value breaks the rule "${e.constraint}".`, [{ field, message: 'value out of the allowed range or set', code: 'database_rule', params: { constraint: e.constraint ?? '' } }]);
    case '23502': // not_null_violation
      return invalidInput(`"${e.column}" is required.`, [{ field: `properties.${e.column}`, message: 'required', code: 'required' }]);
    case '23503': { // foreign_key_violation; PostgreSQL names the column only in the detail: Key (man_node_id)=(…)
      const column = /^Key \((\w+)\)=/.exec(e.detail ?? '')?.[1];
      return invalidInput('A reference points to a feature that does not exist.', [{
        field: column ? `properties.${column}` : field, message: e.detail ?? 'unknown reference', code: 'missing_reference', params: column ? { column } : {},
      }]);
    }
    case '23505': // unique_violation
      return new ProblemError(409, 'Conflict', 'A feature with the same unique value exists.', [{ field, message: e.detail ?? 'duplicate', code: 'duplicate' }]);
    case '22P02': // invalid_text_representation
      return invalidInput('A value could not be read.', [{ field: 'body', message: e.message ?? 'invalid value' }]);
    default:
      // Class 22, data exception: a value out of range or malformed for its column (e.g. a NUL in text).
      if (e.code.startsWith('22')) {
        return invalidInput('A value is out of range or malformed for its field.', [{ field: e.column ?? 'body', message: e.message ?? 'invalid value' }]);
      }
      return undefined;
  }
}
