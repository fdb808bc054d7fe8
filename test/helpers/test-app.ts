import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/engine.js';
import type { Role } from '../../server/src/features/collections/registry.js';
import type { AnalysisProcess } from '../../server/src/analyses/process.js';
import { createUser } from '../../server/src/features/users/users.service.js';
import { openTestDatabase } from './test-database.js';

export interface TestApp {
  url: string;
  db: Database;
  close(): Promise<void>;
}

export const TEST_ROLES: readonly Role[] = ['viewer', 'planner', 'engineer', 'admin'];
/** Every test database has one account per role: user name = role, this password. */
export const TEST_PASSWORD = 'test-password-123';

/** HTTP Basic credentials of the test account of `role` (the way GIS tools sign in). */
export function basicAuth(role: Role): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${role}:${TEST_PASSWORD}`).toString('base64')}` };
}

/** The real Koa app on a random loopback port over a fresh test database with one account per role. */
export async function startTestApp(
  options: { maxBodyBytes?: number; publicCollections?: string[]; processes?: readonly AnalysisProcess[] } = {},
): Promise<TestApp> {
  const db = await openTestDatabase();
  for (const role of TEST_ROLES) {
    // A low scrypt cost keeps the tests quick; production hashes use the OWASP cost.
    await createUser(db.knex, { username: role, displayName: `Test ${role}`, role, password: TEST_PASSWORD }, 'test', 10);
  }
  const app = createApp(db, {
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    publicCollections: options.publicCollections ?? [],
    sessionHours: 1,
    processes: options.processes,
    log: process.env.DEBUG_LOG ? undefined : () => {},
  });
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
