import { BUILT_UP, zoneCode, type LandUse } from './landuse.js';
import { offset, type XY } from './plane.js';
import type { Rng } from './random.js';
import type { RoadNet } from './roads.js';

/**
 * A random spot within `radius` metres of `p` on dry land, off the road corridors (built-up land preferred);
 * falls back to `p` when 40 draws find nothing. Used for agencies, nodes, gateways and sensors.
 */
export function spotNear(p: XY, radius: number, land: LandUse, net: RoadNet, rng: Rng): XY {
  const bad = new Set([0, zoneCode('water')]);
  let fallback: XY | null = null;
  for (let k = 0; k < 40; k++) {
    const q = k === 0 && radius === 0 ? p : offset(p, rng.range(0, 360), radius * Math.sqrt(rng.next()));
    const code = land.raster.get(q);
    if (bad.has(code) || net.corridors.get(q) !== 0) continue;
    if (BUILT_UP.has(code)) return q;
    fallback ??= q;
  }
  return fallback ?? p;
}
