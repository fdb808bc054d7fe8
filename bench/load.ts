/**
 * `npm run bench:load` — issue 3's load figures (not a timed test), on the server engine over loopback.
 *
 * 1. Readers: autocannon, 50 connections for 30 s, on building tiles and on camera item pages.
 * 2. Editors: 20 concurrent editors for 30 s, each repeatedly reading one of the same 100 cameras and updating it
 *    with If-Match; 412 answers are the expected outcome of a race. Afterwards every accepted update must be in
 *    the feature history at its version, versions must rise strictly per feature, and each camera must equal the
 *    last accepted write: no update lost.
 *
 * The server runs as a child process (`tsx server/src/server.ts`) on LOAD_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/planner_load, created and loaded with the small sample city if empty).
 * Options: --seconds N (default 30).
 */
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import knexFactory from 'knex';
import { ensureDatabase } from './database.js';

const url = process.env.LOAD_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/planner_load';
const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 30;
const PORT = 18181;
const BASE = `http://127.0.0.1:${PORT}`;
const EDITOR_PASSWORD = 'engineer-danang';
const AUTH = { Authorization: `Basic ${Buffer.from(`engineer:${EDITOR_PASSWORD}`).toString('base64')}` };

async function startServer() {
  const child = spawn('npx', ['tsx', 'server/src/server.ts'], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(PORT), DEMO_ACCOUNTS: 'true', ADMIN_PASSWORD: 'load-admin-password' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return child;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('the server did not start within 10 minutes');
}

function tileUrls(): string[] {
  const urls: string[] = [];
  // Urban core of Hải Châu and Thanh Khê at z15 and z16 (XYZ).
  for (let x = 26232; x <= 26235; x++) for (let y = 14900; y <= 14904; y++) urls.push(`/tiles/buildings/15/${x}/${y}.mvt`);
  for (let x = 52465; x <= 52470; x++) for (let y = 29801; y <= 29809; y++) urls.push(`/tiles/buildings/16/${x}/${y}.mvt`);
  return urls;
}

async function readers(title: string, paths: string[]) {
  const result = await autocannon({
    url: BASE,
    connections: 50,
    duration: seconds,
    headers: AUTH,
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
  const non2xx = result.non2xx;
  console.log(`| ${title} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p99} | ${result.errors} (${result.timeouts} timeouts) | ${non2xx} |`);
  return non2xx + result.errors;
}

interface Accepted { id: string; version: number; name: string }

async function editor(n: number, ids: string[], until: number, accepted: Accepted[], counts: Record<string, number>) {
  let i = 0;
  while (Date.now() < until) {
    const id = ids[(n * 7 + i * 13) % ids.length];
    const itemUrl = `${BASE}/ogc/collections/cameras/items/${id}`;
    const read = await fetch(itemUrl, { headers: AUTH });
    const etag = read.headers.get('etag')!;
    await read.arrayBuffer();
    const name = `editor-${n}-${i++}`;
    const res = await fetch(itemUrl, {
      method: 'PATCH',
      headers: { ...AUTH, 'content-type': 'application/geo+json', 'If-Match': etag },
      body: JSON.stringify({ type: 'Feature', properties: { name } }),
    });
    counts[res.status] = (counts[res.status] ?? 0) + 1;
    if (res.status === 200) accepted.push({ id, version: Number(/\d+/.exec(res.headers.get('etag')!)![0]), name });
    await res.arrayBuffer();
  }
}

/** Checks the history against the accepted writes; returns the problems found. */
async function lostUpdates(db: ReturnType<typeof knexFactory>, ids: string[], accepted: Accepted[]): Promise<string[]> {
  const problems: string[] = [];
  const { rows } = await db.raw(
    `SELECT feature_id, version, properties->>'name' AS name FROM feature_history
     WHERE collection = 'cameras' AND feature_id = ANY(?::uuid[]) AND operation = 'update' AND user_name = 'engineer' ORDER BY feature_id, id`, [ids]);
  const history = new Map<string, Array<{ version: number; name: string }>>();
  for (const r of rows) history.set(r.feature_id, [...(history.get(r.feature_id) ?? []), r]);
  for (const [id, entries] of history) {
    entries.forEach((e, k) => { if (k > 0 && e.version <= entries[k - 1].version) problems.push(`${id}: version ${e.version} after ${entries[k - 1].version}`); });
  }
  for (const a of accepted) {
    if (!history.get(a.id)?.some((e) => e.version === a.version && e.name === a.name)) problems.push(`${a.id} v${a.version} "${a.name}" missing from history`);
  }
  const { rows: finals } = await db.raw('SELECT id, version, name FROM cameras WHERE id = ANY(?::uuid[])', [ids]);
  for (const f of finals) {
    const last = accepted.filter((a) => a.id === f.id).sort((a, b) => b.version - a.version)[0];
    if (last && (last.version !== f.version || last.name !== f.name)) problems.push(`${f.id}: row is v${f.version} "${f.name}", last accepted v${last.version} "${last.name}"`);
  }
  return problems;
}

async function main() {
  await ensureDatabase(url);
  const server = await startServer();
  const db = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 2 } });
  try {
    console.log(`\n## Load (${seconds} s per case, server engine on loopback)\n`);
    console.log('| case | requests/s | p50 ms | p99 ms | errors | non-2xx |\n| --- | ---: | ---: | ---: | ---: | ---: |');
    const page = Array.from({ length: 8 }, (_, k) => `/ogc/collections/cameras/items?limit=100&bbox=${(108.19 + k * 0.005).toFixed(3)},16.04,${(108.2 + k * 0.005).toFixed(3)},16.08`);
    let failures = await readers('building tiles z15–z16, 50 connections', tileUrls());
    failures += await readers('camera items (100 per page, bbox), 50 connections', page);
    const { rows } = await db.raw(`SELECT id FROM cameras WHERE scenario_id IS NULL ORDER BY id LIMIT 100`);
    const ids = rows.map((r: { id: string }) => r.id);
    const accepted: Accepted[] = [];
    const counts: Record<string, number> = {};
    const started = Date.now();
    await Promise.all(Array.from({ length: 20 }, (_, n) => editor(n, ids, started + seconds * 1000, accepted, counts)));
    const elapsed = (Date.now() - started) / 1000;
    const writes = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`| 20 editors on the same 100 cameras (read + PATCH with If-Match) | ${(writes / elapsed).toFixed(0)} writes/s | | | ${Object.entries(counts).filter(([s]) => s !== '200' && s !== '412').map(([s, c]) => `${c}×${s}`).join(', ') || 0} | ${counts['412'] ?? 0} expected 412 |`);
    const problems = await lostUpdates(db, ids, accepted);
    console.log(`\nAccepted updates: ${accepted.length}; stale (412): ${counts['412'] ?? 0}; lost or out-of-order updates: ${problems.length}`);
    for (const p of problems.slice(0, 10)) console.log(`  ${p}`);
    const unexpected = Object.entries(counts).filter(([s]) => s !== '200' && s !== '412');
    if (problems.length || unexpected.length || failures) process.exitCode = 1;
  } finally {
    await db.destroy();
    process.kill(-server.pid!, 'SIGTERM');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
