/** What the sign-in form says about a failed attempt: a translated message chosen from the server's answer. */
import { ApiError } from '../api/http';

export interface SignInFailure {
  /** i18n key under `signIn.errors`. */
  key: 'wrongCredentials' | 'tooMany' | 'locked' | 'lockedNoTime' | 'invalid' | 'unreachable' | 'other';
  /** Server detail or network error text, for the messages that quote it. */
  message?: string;
  /** When the user may try again (ms since the epoch): 429 and 423 answers. */
  retryAt?: number;
}

/**
 * Classifies a sign-in failure. `now` is in milliseconds since the epoch (passed in for tests).
 * The 423 answer gives its lock time only inside the detail text ("try again in N minute(s)"), so it is read there.
 */
export function classifySignInFailure(error: unknown, now = Date.now()): SignInFailure {
  if (!(error instanceof ApiError)) {
    return { key: 'unreachable', message: error instanceof Error ? error.message : String(error) };
  }
  switch (error.status) {
    case 401:
      return { key: 'wrongCredentials' };
    case 429:
      return { key: 'tooMany', retryAt: now + (error.retryAfterSeconds ?? 60) * 1000 };
    case 423: {
      const minutes = /(\d+)\s*minute/.exec(error.problem?.detail ?? '');
      if (!minutes) return { key: 'lockedNoTime', message: error.message };
      return { key: 'locked', message: error.message, retryAt: now + Number(minutes[1]) * 60_000 };
    }
    case 400:
    case 422:
      return { key: 'invalid', message: error.message };
    default:
      return { key: 'other', message: error.message };
  }
}

/** Remaining wait as i18n key and count: whole minutes from one minute up, else seconds. */
export function waitParts(retryAt: number, now = Date.now()): { key: 'minutes' | 'seconds'; n: number } {
  const seconds = Math.max(0, Math.ceil((retryAt - now) / 1000));
  return seconds >= 60 ? { key: 'minutes', n: Math.ceil(seconds / 60) } : { key: 'seconds', n: seconds };
}
