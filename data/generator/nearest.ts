import RBush from 'rbush';
import { dist, type XY } from './plane.js';

/** Nearest-neighbour lookups over a fixed set of points (rbush, searched in growing boxes). */
export class PointIndex<T> {
  private readonly tree = new RBush<{ minX: number; minY: number; maxX: number; maxY: number; item: T; at: XY }>();

  constructor(items: readonly T[], at: (item: T) => XY) {
    this.tree.load(items.map((item) => {
      const p = at(item);
      return { minX: p[0], minY: p[1], maxX: p[0], maxY: p[1], item, at: p };
    }));
  }

  /** The item nearest to p (ties: the first loaded), or null when empty. Searches up to `maxM` metres. */
  nearest(p: XY, maxM = 100_000): T | null {
    for (let r = 250; r <= maxM * 2; r *= 2) {
      const hits = this.tree.search({ minX: p[0] - r, minY: p[1] - r, maxX: p[0] + r, maxY: p[1] + r });
      // Only a hit within r is sure to be the nearest overall (the box also holds corners farther than r).
      const inside = hits.filter((h) => dist(h.at, p) <= r);
      if (inside.length > 0) return inside.reduce((best, h) => (dist(h.at, p) < dist(best.at, p) ? h : best)).item;
    }
    return null;
  }
}
