import { loadConfig } from '../config.js';
import { migrationConfig, openDatabase } from '../db/engine.js';

/**
 * `npm run migrate` (latest) and `npm run migrate:down` (rolls back the last batch) on the database chosen
 * by the environment (DATABASE_URL, else the embedded engine in DATA_DIR).
 */

const command = process.argv[2] ?? 'latest';
if (command !== 'latest' && command !== 'down') {
  console.error(`usage: migrate.ts latest|down (got "${command}")`);
  process.exit(2);
}
const config = loadConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  console.log(`Database: ${db.description}`);
  if (command === 'latest') {
    const [batch, files] = await db.knex.migrate.latest(migrationConfig);
    console.log(files.length === 0 ? 'Already up to date.' : `Batch ${batch} applied:\n  ${files.join('\n  ')}`);
  } else {
    const [batch, files] = await db.knex.migrate.rollback(migrationConfig);
    console.log(files.length === 0 ? 'Nothing to roll back.' : `Batch ${batch} rolled back:\n  ${files.join('\n  ')}`);
  }
} finally {
  await db.close();
}
