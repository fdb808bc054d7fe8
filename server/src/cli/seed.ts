import { loadConfig } from '../config.js';
import { migrateLatest, openDatabase } from '../db/engine.js';
import { loadSampleCity } from '../features/sample-city/sample-city.service.js';

/**
 * `npm run seed [-- --scale small|full] [--seed TEXT]`: migrates the database chosen by the environment
 * (DATABASE_URL, else the embedded engine in DATA_DIR) and replaces its layers by the sample city.
 */

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const scale = argument('scale') ?? 'small';
if (scale !== 'small' && scale !== 'full') {
  console.error(`--scale must be small or full, got "${scale}"`);
  process.exit(2);
}
const config = loadConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  console.log(`Database: ${db.description}`);
  await migrateLatest(db.knex);
  const started = performance.now();
  const counts = await loadSampleCity(db.knex, { scale, seed: argument('seed') });
  for (const [id, n] of Object.entries(counts)) console.log(`${id.padEnd(14)} ${String(n).padStart(8)}`);
  console.log(`Sample city (${scale}) generated and loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await db.close();
}
