import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/engine.js';
import { openTestDatabase } from './test-database.js';

export interface TestApp {
  url: string;
  db: Database;
  close(): Promise<void>;
}

/** The real Koa app on a random loopback port over a fresh test database. */
export async function startTestApp(options: { maxBodyBytes?: number } = {}): Promise<TestApp> {
  const db = await openTestDatabase();
  const app = createApp(db, { maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024 });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await db.close();
    },
  };
}
