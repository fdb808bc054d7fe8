import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt (RFC 7914), the memory-hard function built into Node's OpenSSL.
 * Default cost follows OWASP's Password Storage Cheat Sheet: N = 2^17, r = 8, p = 1 (128 MiB, ~0.4 s here).
 * Stored as `scrypt$<log2 N>$<r>$<p>$<salt base64>$<hash base64>`, so the cost can rise without breaking old hashes.
 */
export const DEFAULT_COST_LOG2 = 17;
const KEY_BYTES = 32;

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password, salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function optionsFor(costLog2: number, r: number, p: number): ScryptOptions {
  const N = 2 ** costLog2;
  return { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
}

/** Hashes a password with a fresh 16-byte salt. */
export async function hashPassword(password: string, costLog2 = DEFAULT_COST_LOG2): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, optionsFor(costLog2, 8, 1));
  return ['scrypt', costLog2, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `password` matches `stored`; compares in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, costLog2, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), optionsFor(Number(costLog2), Number(r), Number(p)));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A random password for a generated account: 18 bytes, URL-safe. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
