import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED, generateCity, SCALES, type Scale } from './city.js';

/**
 * `npm run generate:data [-- --scale small|full] [--seed TEXT] [--out DIR]`: writes one GeoJSON file per
 * collection to data/sample/<collection>.geojson and prints counts and timings.
 */

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const scale = (argument('scale') ?? 'small') as Scale;
if (!(scale in SCALES)) {
  console.error(`--scale must be one of ${Object.keys(SCALES).join(', ')}, got "${scale}"`);
  process.exit(2);
}
const seed = argument('seed') ?? DEFAULT_SEED;
const outDir = path.resolve(argument('out') ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../sample'));

const started = performance.now();
const collections = generateCity({
  scale,
  seed,
  onStep: (step, ms) => console.log(`  ${step.padEnd(14)} ${(ms / 1000).toFixed(1)} s`),
});
fs.mkdirSync(outDir, { recursive: true });
for (const [id, fc] of Object.entries(collections)) {
  fs.writeFileSync(path.join(outDir, `${id}.geojson`), JSON.stringify(fc));
  console.log(`${id.padEnd(14)} ${String(fc.features.length).padStart(8)}`);
}
console.log(`scale ${scale}, seed "${seed}": written to ${outDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
