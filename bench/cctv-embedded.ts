/**
 * The camera-view process on the embedded engine (PGlite + PostGIS, in memory) with the small sample city, as
 * `npm start` serves it: the first call for a camera, then turning its heading, as the map does while dragging.
 */
import { openDatabase, migrateLatest } from '../server/src/db/engine.js';
import { loadSampleCity } from '../server/src/features/sample-city/sample-city.service.js';
import { measureCameraView, type LiveFigures } from './cctv-process.js';

/** Cold and warm camera-view calls for a camera of the urban core, on a fresh in-memory embedded database. */
export async function measureEmbeddedCameraView(): Promise<LiveFigures> {
  const db = await openDatabase({ memory: true });
  try {
    await migrateLatest(db.knex);
    await loadSampleCity(db.knex, { scale: 'small' });
    const { rows } = await db.knex.raw(
      `SELECT id FROM cameras WHERE owner <> 'resident' AND status = 'existing'
         AND geom && ST_MakeEnvelope(108.205, 16.045, 108.235, 16.08, 4326) ORDER BY id LIMIT 1`,
    );
    return await measureCameraView(db.knex, rows[0].id);
  } finally {
    await db.close();
  }
}
