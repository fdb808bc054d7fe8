/**
 * Once per end-to-end run: builds the client when its bundle is missing or older than its sources, then starts
 * the real server on a free port — the embedded engine in a fresh temporary DATA_DIR (the first start loads the
 * small sample city), or the PostGIS server named by E2E_DATABASE_URL — with the demo accounts (one per role)
 * and the administrator password of support/accounts.ts. E2E_URL points the tests at a server that is already
 * running instead (it needs the demo accounts, and E2E_ADMIN_PASSWORD when its admin password differs).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT, startServer } from './server-process.js';
import { ARTIFACTS_DIR } from './browser.js';
import { accountEnv } from './accounts.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  if (process.env.E2E_URL) {
    project.provide('baseUrl', process.env.E2E_URL.replace(/\/$/, ''));
    return async () => {};
  }
  ensureClientBuilt();
  const databaseUrl = process.env.E2E_DATABASE_URL || undefined;
  const dataDir = databaseUrl ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'planner-e2e-'));
  console.log(`e2e: starting the server on ${databaseUrl ? 'the PostGIS server (E2E_DATABASE_URL)' : `the embedded engine in ${dataDir}`}`);
  const server = await startServer({ dataDir, databaseUrl, logFile: path.join(ARTIFACTS_DIR, 'server.log'), env: accountEnv() });
  console.log(`e2e: server ready at ${server.url} after ${(server.readyAfterMs / 1000).toFixed(1)} s`);
  project.provide('baseUrl', server.url);
  return async () => {
    await server.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

/** Builds client/dist with `npm run build:client` unless it is newer than every client source file. */
function ensureClientBuilt(): void {
  const index = path.join(REPO_ROOT, 'client/dist/index.html');
  const builtAt = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  if (builtAt > newestMtime(path.join(REPO_ROOT, 'client'), ['dist'])) return;
  console.log('e2e: building the client (npm run build:client)');
  const build = spawnSync('npm', ['run', 'build:client'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`npm run build:client failed with exit code ${build.status}`);
}

function newestMtime(dir: string, skip: string[]): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (skip.includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full, []) : fs.statSync(full).mtimeMs);
  }
  return newest;
}
