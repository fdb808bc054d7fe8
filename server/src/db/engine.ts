import fs from 'node:fs';
import knexFactory, { type Knex } from 'knex';
import { MIGRATIONS } from '../../../migrations/index.js';

/**
 * The one place that knows which database engine runs: embedded PGlite + PostGIS (default) or a PostgreSQL
 * server. Everything else receives a Knex handle and the capabilities detected from the database itself.
 */

export interface DatabaseCapabilities {
  /** ST_AsMVT works (PostGIS built with protobuf); otherwise tiles are encoded in Node. */
  mvt: boolean;
  postgisVersion: string;
}

export interface Database {
  knex: Knex;
  capabilities: DatabaseCapabilities;
  /** Human description for the startup log: engine and where its data lives. */
  description: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** In-memory embedded database (tests). */
  memory?: boolean;
  /** Server engine: the longest a statement may run, in milliseconds (0 = no limit). */
  statementTimeoutMs?: number;
}

/** Knex migration settings shared by the app, the CLI and the tests. */
export const migrationConfig: Knex.MigratorConfig = {
  tableName: 'knex_migrations',
  migrationSource: {
    getMigrations: async () => MIGRATIONS.map(([name]) => name),
    getMigrationName: (name: string) => name,
    getMigration: async (name: string) => MIGRATIONS.find(([n]) => n === name)![1],
  },
};

/** Opens the database chosen by the options and detects what it can do. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  const { knex, description, close } = options.databaseUrl
    ? openServer(options.databaseUrl, options.statementTimeoutMs ?? 0)
    : await openEmbedded(options.memory ? undefined : options.dataDir);
  const capabilities = await detectCapabilities(knex);
  return { knex, capabilities, description, close };
}

function openServer(databaseUrl: string, statementTimeoutMs: number) {
  const knex = knexFactory({
    client: 'pg',
    connection: { connectionString: databaseUrl, statement_timeout: statementTimeoutMs || undefined },
    pool: { min: 0, max: 10 },
  });
  const where = new URL(databaseUrl);
  return {
    knex,
    description: `PostgreSQL server at ${where.hostname}:${where.port || 5432}${where.pathname}`,
    close: () => knex.destroy(),
  };
}

async function openEmbedded(dataDir: string | undefined) {
  // Loaded lazily: the server engine never pays for the WebAssembly build.
  const [{ PGlite }, { postgis }, { default: ClientPgLite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-postgis'),
    import('knex-pglite'),
  ]);
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir, extensions: { postgis } });
  await pglite.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  const knex = knexFactory({
    client: ClientPgLite as unknown as typeof Knex.Client,
    dialect: 'postgres',
    connection: () => ({ pglite }),
  } as Knex.Config);
  return {
    knex,
    description: dataDir ? `embedded PGlite + PostGIS, data in ${dataDir}` : 'embedded PGlite + PostGIS, in memory',
    close: async () => {
      await knex.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

async function detectCapabilities(knex: Knex): Promise<DatabaseCapabilities> {
  await knex.raw('CREATE EXTENSION IF NOT EXISTS postgis');
  const { rows } = await knex.raw(`SELECT postgis_lib_version() AS version`);
  let mvt = true;
  try {
    await knex.raw(`SELECT ST_AsMVT(q, 'probe') FROM (SELECT 1 AS a, ST_AsMVTGeom(ST_Point(1, 1), ST_MakeEnvelope(0, 0, 10, 10)) AS geom) q`);
  } catch {
    mvt = false;
  }
  return { mvt, postgisVersion: rows[0].version };
}

/**
 * Whether `knex` (or a transaction of it) talks to a PostgreSQL server through node-postgres, whose connections
 * can stream COPY … FROM STDIN; the embedded engine has no such stream.
 */
export function streamsCopy(knex: Knex): boolean {
  return (knex.client as { config?: { client?: unknown } }).config?.client === 'pg';
}

/** Brings the schema to the newest migration. */
export async function migrateLatest(knex: Knex): Promise<void> {
  await knex.migrate.latest(migrationConfig);
}
