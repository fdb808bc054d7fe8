/**
 * Start-up figures of the embedded engine, as a newcomer meets them: the server as a child process on a fresh
 * data folder (open PGlite, migrate, load the small sample city, serve), then again on the same folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../test/e2e/support/server-process.js';

export interface StartFigures {
  /** Spawn to the first healthy /api/health, in seconds. */
  readySeconds: number;
  /** Peak resident memory of the server process (VmHWM) by then, in MiB. */
  peakRssMiB: number | undefined;
}

export interface EmbeddedFigures {
  cold: StartFigures;
  warm: StartFigures;
  dataDirMiB: number;
}

async function startOnce(dataDir: string): Promise<StartFigures> {
  const server = await startServer({ dataDir, timeoutMs: 900_000 });
  try {
    const peak = server.peakRssBytes();
    return { readySeconds: server.readyAfterMs / 1000, peakRssMiB: peak === undefined ? undefined : peak / 2 ** 20 };
  } finally {
    await server.stop();
  }
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(full) : fs.statSync(full).size;
  }
  return total;
}

/** Cold start (empty data folder) then warm start (the same folder), each in its own process. */
export async function measureEmbeddedStarts(): Promise<EmbeddedFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'planner-bench-embedded-'));
  try {
    const cold = await startOnce(dataDir);
    const warm = await startOnce(dataDir);
    return { cold, warm, dataDirMiB: folderBytes(dataDir) / 2 ** 20 };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
