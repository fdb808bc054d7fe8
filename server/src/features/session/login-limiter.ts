import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ProblemError } from '../../lib/errors.js';

/**
 * Login throttling (see docs/security.md): at most 5 failed attempts per user name and address in 15 minutes,
 * and 30 failed attempts per address in 15 minutes whatever the user name (password spraying). Successful
 * sign-ins are not counted, so an office behind one address is not locked out at 8 a.m. Counters live in the
 * server's memory: one server process per deployment today; a shared store is the scale-out step.
 */
export class LoginLimiter {
  private readonly perUserAndIp = new RateLimiterMemory({ keyPrefix: 'login_user_ip', points: 5, duration: 15 * 60 });
  private readonly perIp = new RateLimiterMemory({ keyPrefix: 'login_ip', points: 30, duration: 15 * 60 });

  /** Throws 429 with Retry-After when this address (and user name) has used its attempts. */
  async assertAllowed(ip: string, username: string): Promise<void> {
    const [userRes, ipRes] = await Promise.all([this.perUserAndIp.get(`${username}|${ip}`), this.perIp.get(ip)]);
    const blocked = [userRes, ipRes].find((r, i) => r && r.consumedPoints >= (i === 0 ? 5 : 30));
    if (blocked) throw tooMany(blocked);
  }

  /** Counts a failure against the address and the user name; a success clears the user name's count. */
  async record(ip: string, username: string, failed: boolean): Promise<void> {
    if (!failed) {
      await this.perUserAndIp.delete(`${username}|${ip}`);
      return;
    }
    await Promise.all([this.perIp.penalty(ip, 1), this.perUserAndIp.penalty(`${username}|${ip}`, 1)]);
  }
}

function tooMany(res: RateLimiterRes): ProblemError {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return new ProblemError(429, 'Too many requests',
    `Too many sign-in attempts. Wait ${Math.ceil(seconds / 60)} minute(s) and try again.`,
    [{ field: 'username', message: 'too many attempts' }], { retryAfterSeconds: seconds }, { 'Retry-After': String(seconds) });
}
