import type { Context } from 'koa';
import getRawBody from 'raw-body';
import { ProblemError, badRequest } from '../../lib/errors.js';

/** The import's default file size limit: 200 MB (MiB), configurable with IMPORT_MAX_BYTES. */
export const DEFAULT_IMPORT_MAX_BYTES = 200 * 1024 * 1024;

/** The 413 of a file over the limit, naming the limit. */
export function fileTooLarge(limitBytes: number): ProblemError {
  const mb = limitBytes / 1024 / 1024;
  const text = Number.isInteger(mb) ? `${mb} MB` : `${mb.toFixed(1)} MB`;
  return new ProblemError(413, 'Payload too large',
    `The file is larger than the import limit of ${text}; split it into smaller files (or an administrator raises IMPORT_MAX_BYTES).`,
    [{ field: 'file', message: `larger than ${limitBytes} bytes (${text})` }], { limitBytes }, { Connection: 'close' });
}

/**
 * Reads an uploaded file (the raw request body), refusing it before reading a byte when Content-Length
 * declares more than `limitBytes`, and while streaming when a body without one grows past it.
 */
export async function readUpload(ctx: Context, limitBytes: number): Promise<Buffer> {
  const declared = Number(ctx.get('content-length') || NaN);
  if (declared > limitBytes) throw fileTooLarge(limitBytes);
  try {
    return await getRawBody(ctx.req, { limit: limitBytes });
  } catch (err) {
    if ((err as { type?: string }).type === 'entity.too.large') throw fileTooLarge(limitBytes);
    throw badRequest('The upload could not be read (the connection broke off?); send the file again.', [{ field: 'file', message: 'incomplete upload' }]);
  }
}

/** The uploaded file's name from `?name=` (for its extension and the report), a plain base name. */
export function uploadName(ctx: Context): string {
  const raw = ctx.query.name;
  const name = (Array.isArray(raw) ? raw[0] : raw) ?? 'upload';
  const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f]/g, '').slice(0, 200);
  return base || 'upload';
}
