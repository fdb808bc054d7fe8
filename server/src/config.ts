import path from 'node:path';

/** Runtime settings, all from the environment (documented in the README). */
export interface AppConfig {
  port: number;
  /** Set: a PostgreSQL + PostGIS server. Unset: the embedded engine in `dataDir`. */
  databaseUrl?: string;
  /** Folder of the embedded engine's database files. */
  dataDir: string;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes: number;
  /** Load the sample city into an empty database on start. */
  seedOnStart: boolean;
}

/** Reads the configuration from `env` (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${env.PORT}"`);
  }
  return {
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? '.data'),
    maxBodyBytes: Number(env.MAX_BODY_BYTES ?? 10 * 1024 * 1024),
    seedOnStart: env.SEED_ON_START !== 'false',
  };
}
