import path from 'node:path';
import { findCollection } from './features/collections/registry.js';

/** Runtime settings, all from the environment (documented in the README). */
export interface AppConfig {
  port: number;
  /** Set: a PostgreSQL + PostGIS server. Unset: the embedded engine in `dataDir`. */
  databaseUrl?: string;
  /** Folder of the embedded engine's database files. */
  dataDir: string;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes: number;
  /** Largest file the import accepts, in bytes (200 MB by default). */
  importMaxBytes: number;
  /** Load the sample city into an empty database on start. */
  seedOnStart: boolean;
  /** Collections readable without signing in (an open-data portal); none by default. */
  publicCollections: string[];
  /** Create the demo accounts (one per role); on by default with the embedded engine only. */
  demoAccounts: boolean;
  /** Password of the first administrator; generated and printed once when unset. */
  adminPassword?: string;
  /** Lifetime of a sign-in session, in hours. */
  sessionHours: number;
  /** Longest time a request may take before the server gives up on it, in milliseconds. */
  requestTimeoutMs: number;
  /** Believe X-Forwarded-For/-Proto/-Host: only behind a reverse proxy that sets them (else clients could forge them). */
  trustProxy: boolean;
}

/** Reads the configuration from `env` (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${env.PORT}"`);
  }
  const publicCollections = (env.PUBLIC_COLLECTIONS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = publicCollections.filter((id) => !findCollection(id));
  if (unknown.length) throw new Error(`PUBLIC_COLLECTIONS names unknown collections: ${unknown.join(', ')}`);
  if (env.ADMIN_PASSWORD !== undefined && env.ADMIN_PASSWORD.length < 10) {
    throw new Error('ADMIN_PASSWORD must be at least 10 characters long');
  }
  return {
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? '.data'),
    maxBodyBytes: Number(env.MAX_BODY_BYTES ?? 10 * 1024 * 1024),
    importMaxBytes: Number(env.IMPORT_MAX_BYTES ?? 200 * 1024 * 1024),
    seedOnStart: env.SEED_ON_START !== 'false',
    publicCollections,
    demoAccounts: env.DEMO_ACCOUNTS === undefined ? !env.DATABASE_URL : env.DEMO_ACCOUNTS === 'true',
    adminPassword: env.ADMIN_PASSWORD || undefined,
    sessionHours: Number(env.SESSION_HOURS ?? 12),
    requestTimeoutMs: Number(env.REQUEST_TIMEOUT_MS ?? 60_000),
    trustProxy: env.TRUST_PROXY === 'true',
  };
}
