import { loadConfig } from './config.js';
import { openDatabase, migrateLatest } from './db/engine.js';
import { createApp } from './app.js';
import { isDatabaseEmpty, loadSampleCity } from './features/sample-city/sample-city.service.js';
import { bootstrapAccounts } from './features/users/bootstrap-accounts.js';

/** Starts the planning tool: opens the database, migrates, loads the sample city on first start, serves. */
async function main(): Promise<void> {
  const config = loadConfig();
  const started = Date.now();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, statementTimeoutMs: config.requestTimeoutMs });
  console.log(`Database: ${db.description} (PostGIS ${db.capabilities.postgisVersion}, vector tiles by ${db.capabilities.mvt ? 'PostGIS' : 'Node'})`);
  await migrateLatest(db.knex);
  if (config.seedOnStart && (await isDatabaseEmpty(db.knex))) {
    console.log('First start: loading the Đà Nẵng sample city…');
    const counts = await loadSampleCity(db.knex, { scale: 'small' });
    console.log(`Sample city loaded: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  for (const line of await bootstrapAccounts(db.knex, config)) console.log(line);
  const server = createApp(db, config).listen(config.port, () => {
    console.log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s: http://localhost:${config.port}/`);
  });
  server.requestTimeout = config.requestTimeoutMs;
  const stop = async () => {
    server.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error('Failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
