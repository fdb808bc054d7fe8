import type { Context } from 'koa';
import getRawBody from 'raw-body';
import { ProblemError, badRequest } from './errors.js';

/**
 * Reads a JSON request body, refusing it early (413) past `limitBytes` and naming the place of a syntax error.
 * Accepted media types: application/json, application/geo+json, application/merge-patch+json.
 */
export async function readJsonBody(ctx: Context, limitBytes: number): Promise<unknown> {
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > limitBytes) throw tooLarge(limitBytes);
  if (!ctx.is('application/json', 'application/geo+json', 'application/merge-patch+json')) {
    throw new ProblemError(415, 'Unsupported media type',
      `Send the body as application/geo+json or application/json (got "${ctx.get('content-type') || 'none'}").`);
  }
  let text: string;
  try {
    text = await getRawBody(ctx.req, { limit: limitBytes, encoding: 'utf8' });
  } catch (err) {
    if ((err as { type?: string }).type === 'entity.too.large') throw tooLarge(limitBytes);
    throw badRequest('The request body could not be read.');
  }
  if (text.trim() === '') throw badRequest('The request body is empty; send a GeoJSON Feature.', [{ field: 'body', message: 'empty' }]);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`The body is not valid JSON: ${(err as Error).message}.`, [{ field: 'body', message: 'malformed JSON' }]);
  }
}

function tooLarge(limitBytes: number): ProblemError {
  const mb = (limitBytes / 1024 / 1024).toFixed(1);
  return new ProblemError(413, 'Payload too large', `The body exceeds the ${mb} MB limit; send fewer or simpler features.`, [
    { field: 'body', message: `larger than ${limitBytes} bytes` },
  ]);
}
