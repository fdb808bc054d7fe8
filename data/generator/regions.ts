import { cellCentre, type Lattice } from './lattice.js';
import { balance, buildGraph, joinStrays, regionAreas, type Graph } from './region-graph.js';
import type { Rng } from './random.js';
import { dist, type XY } from './plane.js';

/**
 * Grows regions of prescribed area on a set of lattice cells, in two steps:
 * 1. each cell goes to the region with the smallest "distance to its anchor × (1 + wiggle) + offset" (an
 *    additively weighted Voronoi diagram, whose regions are connected) and the offsets are tuned for a few
 *    rounds: this gets the big picture right fast;
 * 2. boundary cells then move one by one from fuller to hungrier neighbours without ever splitting a region,
 *    which settles the small regions exactly where offsets alone would make them flip between nothing and too much.
 * A region piece cut off from its home anchor (across the bay, behind a river mouth) joins the neighbour it
 * borders most.
 */

export interface RegionSeed {
  key: string;
  /** The first anchor is the region's home; more anchors pull its shape toward them. Metres. */
  anchors: XY[];
  /** Relative wanted land area (only the shares matter). */
  share: number;
}

export interface RegionOptions {
  /** Relative amplitude of the boundary wiggle (0.1 = distances vary by ±10 %). */
  wiggle: number;
  /** Wavelength range of the wiggle, metres. */
  wavelength: [number, number];
  rounds?: number;
}

export interface RegionResult {
  /** Region index per node of `nodes` (same order). */
  labels: Int32Array;
  /** Land area per region, m². */
  areas: number[];
  /** Largest relative area error (0.05 = 5 %). */
  worstAreaError: number;
}

/** Splits `nodes` (lattice cells) into one connected region per seed with land areas ∝ the seeds' shares. */
export function growRegions(lat: Lattice, nodes: Int32Array, seeds: RegionSeed[], rng: Rng, opts: RegionOptions): RegionResult {
  const g = buildGraph(lat, nodes);
  const landTotal = nodes.reduce((s, cell) => s + lat.land[cell], 0);
  const shareSum = seeds.reduce((s, x) => s + x.share, 0);
  const targets = seeds.map((s) => (landTotal * s.share) / shareSum);
  const taken = new Set<number>();
  const homes = seeds.map((s) => nearestLandNode(g, s.anchors[0], taken));
  const isHome = new Uint8Array(nodes.length);
  homes.forEach((h) => (isHome[h] = 1));
  const cost = baseCosts(g, seeds, homes, rng, opts);
  const labels = weightedVoronoi(g, cost, targets, homes, opts.rounds ?? 20);
  balance(g, labels, targets, cost, isHome, 0.01);
  joinStrays(g, labels, homes);
  const areas = regionAreas(g, labels, seeds.length);
  return { labels, areas, worstAreaError: Math.max(...areas.map((a, k) => Math.abs(a - targets[k]) / targets[k])) };
}

/** Step 1: a few rounds of offset tuning; returns the best labelling found. */
function weightedVoronoi(g: Graph, cost: Float64Array, targets: number[], homes: number[], rounds: number): Int32Array {
  const offsets = targets.map(() => 0);
  let best: { labels: Int32Array; error: number } = { labels: new Int32Array(0), error: Infinity };
  for (let round = 0; round < rounds; round++) {
    const labels = assign(cost, offsets, g.nodes.length);
    homes.forEach((h, k) => (labels[h] = k));
    joinStrays(g, labels, homes);
    const areas = regionAreas(g, labels, targets.length);
    const error = Math.max(...areas.map((a, k) => Math.abs(a - targets[k]) / targets[k]));
    if (error < best.error) best = { labels, error };
    const gain = 0.5 * 0.9 ** round;
    offsets.forEach((_, k) => (offsets[k] += gain * offsetStep(areas[k], targets[k])));
  }
  return best.labels;
}

/**
 * Moving a whole boundary out by δ/2 adds about 2·√A·δ of area, so this δ would close the gap in one step if
 * the region had no neighbours pushing back; capped at a third of the region's size. Metres.
 */
function offsetStep(area: number, target: number): number {
  const step = (area - target) / (2 * Math.sqrt(Math.max(area, target)));
  const cap = Math.sqrt(target) / 3;
  return Math.max(-cap, Math.min(cap, step));
}

/** The land node nearest to p that is not yet any region's home (homes must differ). */
function nearestLandNode(g: Graph, p: XY, taken: Set<number>): number {
  let best = -1;
  let bestD = Infinity;
  g.nodes.forEach((cell, n) => {
    if (g.lat.land[cell] < 0.5 * g.lat.spacing ** 2 || taken.has(n)) return;
    const d = dist(cellCentre(g.lat, cell), p);
    if (d < bestD) [best, bestD] = [n, d];
  });
  if (best < 0) throw new Error('growRegions: no land cell');
  taken.add(best);
  return best;
}

/** Distance from each node to each region's nearest anchor, varied by that region's own smooth wiggle, metres. */
function baseCosts(g: Graph, seeds: RegionSeed[], homes: number[], rng: Rng, opts: RegionOptions): Float64Array {
  const n = g.nodes.length;
  const cost = new Float64Array(seeds.length * n);
  seeds.forEach((seed, k) => {
    const anchors = [cellCentre(g.lat, g.nodes[homes[k]]), ...seed.anchors.slice(1)];
    const waves = [0, 1, 2].map(() => {
      const angle = rng.range(0, 2 * Math.PI);
      const length = rng.range(opts.wavelength[0], opts.wavelength[1]);
      return { kx: (2 * Math.PI * Math.cos(angle)) / length, ky: (2 * Math.PI * Math.sin(angle)) / length, phase: rng.range(0, 2 * Math.PI) };
    });
    for (let i = 0; i < n; i++) {
      const p = cellCentre(g.lat, g.nodes[i]);
      const d = Math.min(...anchors.map((a) => dist(a, p)));
      const wiggle = waves.reduce((s, w) => s + Math.sin(w.kx * p[0] + w.ky * p[1] + w.phase), 0) / 3;
      cost[k * n + i] = d * (1 + opts.wiggle * wiggle);
    }
  });
  return cost;
}

function assign(cost: Float64Array, offsets: number[], n: number): Int32Array {
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestC = Infinity;
    for (let k = 0; k < offsets.length; k++) {
      const c = cost[k * n + i] + offsets[k];
      if (c < bestC) [best, bestC] = [k, c];
    }
    labels[i] = best;
  }
  return labels;
}

