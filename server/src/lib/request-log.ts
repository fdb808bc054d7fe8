import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';

const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives every request an id (from a proxy's X-Request-Id when sane, else new), returns it in the response and
 * in problem bodies, and writes one JSON line per request: time, id, method, path, status, duration, user.
 */
export function requestLog(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {
  return async (ctx: Context, next: Next) => {
    const started = process.hrtime.bigint();
    const incoming = ctx.get('X-Request-Id');
    ctx.state.requestId = SAFE_ID.test(incoming) ? incoming : randomUUID();
    ctx.set('X-Request-Id', ctx.state.requestId);
    try {
      await next();
    } finally {
      write(JSON.stringify({
        time: new Date().toISOString(),
        requestId: ctx.state.requestId,
        method: ctx.method,
        path: ctx.path,
        status: ctx.status,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        user: (ctx.state.user as { username?: string } | undefined)?.username ?? null,
      }));
    }
  };
}
