/**
 * The real server (`server/src/server.ts`) as a child process, as a user starts it: used by the end-to-end tests
 * and by the benchmark's start-up figures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface ServerProcess {
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first healthy /api/health answer. */
  readyAfterMs: number;
  /** Peak resident memory of the server so far (VmHWM), in bytes; undefined where /proc is missing. */
  peakRssBytes(): number | undefined;
  /** The last lines the server printed. */
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Embedded engine folder; ignored when `databaseUrl` is given. */
  dataDir?: string;
  /** A PostgreSQL + PostGIS server; unset means the embedded engine. */
  databaseUrl?: string;
  /** Copy of everything the server prints. */
  logFile?: string;
  /** How long to wait for /api/health, in milliseconds. */
  timeoutMs?: number;
  /** More environment for the server (ADMIN_PASSWORD, say). */
  env?: Record<string, string>;
}

/** A TCP port that was free a moment ago on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts the server and resolves once /api/health answers 200; rejects with its output if it dies first. */
export async function startServer(options: StartOptions = {}): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, PORT: String(port) };
  // The engine is chosen by DATABASE_URL alone, so an inherited one must not leak into an embedded run.
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else if (options.dataDir) env.DATA_DIR = options.dataDir;

  const started = Date.now();
  // `node --import tsx` rather than `npx tsx`: one process, so the pid is the server's own (its memory is
  // measured) and a signal reaches it directly.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = captureOutput(child, options.logFile);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, options.timeoutMs ?? 600_000);
  } catch (err) {
    await stopChild(child);
    throw new Error(`${(err as Error).message}\n--- server output ---\n${output.tail(60)}`);
  }
  return {
    url,
    pid: child.pid!,
    readyAfterMs: Date.now() - started,
    peakRssBytes: () => peakRss(child.pid!),
    logTail: (lines = 60) => output.tail(lines),
    stop: () => stopChild(child),
  };
}

function captureOutput(child: ChildProcess, logFile: string | undefined) {
  const lines: string[] = [];
  const file = logFile ? (fs.mkdirSync(path.dirname(logFile), { recursive: true }), fs.createWriteStream(logFile)) : undefined;
  const keep = (chunk: Buffer) => {
    file?.write(chunk);
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 500) lines.splice(0, lines.length - 500);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.once('exit', () => file?.end());
  return { tail: (n: number) => lines.slice(-n).join('\n') };
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The server exited (code ${child.exitCode ?? child.signalCode}) before it was ready`);
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // Not listening yet: the first start generates and loads the sample city.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The server did not answer /api/health within ${timeoutMs / 1000} s`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

function peakRss(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return kb ? Number(kb[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
