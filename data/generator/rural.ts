import type { RoadDef } from './arterials.js';
import type { LandUse } from './landuse.js';
import { dist, lerp, offset, type XY } from './plane.js';
import { ringCentroid } from './plane.js';
import type { Rng } from './random.js';

/**
 * Hòa Vang's rural roads: commune roads linking the village cores along a minimum spanning tree (each link
 * slightly bent, as country roads are), and a few hamlet lanes leaving every village.
 */
export function ruralRoads(land: LandUse, rng: Rng): RoadDef[] {
  const villages = land.zones
    .filter((z) => z.name.startsWith('Khu dân cư xã'))
    .map((z) => ({ name: z.name.replace('Khu dân cư xã ', ''), at: ringCentroid(z.geometry[0][0]) }));
  const roads: RoadDef[] = [];
  const linked = [0];
  let number = 1;
  // Prim's algorithm over the village cores (a handful of points: the quadratic scan is fine).
  while (linked.length < villages.length) {
    let best: [number, number] = [-1, -1];
    for (const i of linked) {
      for (let j = 0; j < villages.length; j++) {
        if (linked.includes(j)) continue;
        if (best[0] < 0 || dist(villages[i].at, villages[j].at) < dist(villages[best[0]].at, villages[best[1]].at)) best = [i, j];
      }
    }
    const [a, b] = [villages[best[0]].at, villages[best[1]].at];
    const bend = offset(lerp(a, b, 0.5), rng.range(0, 360), dist(a, b) * rng.range(0.05, 0.15));
    roads.push({ name: `Đường ĐH${number++}`, cls: 'tertiary', lanes: 2, points: [a, bend, b] });
    linked.push(best[1]);
  }
  for (const v of villages) {
    for (let k = 0; k < 4; k++) {
      const end = offset(v.at, k * 90 + rng.range(-30, 30), rng.range(500, 1300));
      roads.push({ name: '', cls: 'residential', lanes: 1, points: [v.at, end] });
    }
  }
  return roads;
}
