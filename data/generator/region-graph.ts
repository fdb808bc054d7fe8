import type { Lattice } from './lattice.js';

/**
 * The cell graph the regions grow on, and the topology-preserving moves that balance their areas.
 * Regions are 4-connected sets of cells; a cell may change region only if that keeps both regions connected.
 */

export interface Graph {
  lat: Lattice;
  nodes: Int32Array;
  /** The 8 neighbouring node indices of each node (−1: none), node n at 8n … 8n+7, in ring order E, NE, N, NW, W, SW, S, SE. */
  ring: Int32Array;
}

const RING: [number, number][] = [[1, 0], [1, 1], [0, 1], [-1, 1], [-1, 0], [-1, -1], [0, -1], [1, -1]];

export function buildGraph(lat: Lattice, nodes: Int32Array): Graph {
  const nodeOf = new Int32Array(lat.nx * lat.ny).fill(-1);
  nodes.forEach((cell, n) => (nodeOf[cell] = n));
  const ring = new Int32Array(nodes.length * 8).fill(-1);
  nodes.forEach((cell, n) => {
    const i = cell % lat.nx;
    const j = Math.floor(cell / lat.nx);
    RING.forEach(([di, dj], d) => {
      const a = i + di;
      const b = j + dj;
      if (a >= 0 && b >= 0 && a < lat.nx && b < lat.ny) ring[8 * n + d] = nodeOf[b * lat.nx + a];
    });
  });
  return { lat, nodes, ring };
}

/**
 * True when n can leave region `label` without splitting it: its same-region edge neighbours form a single
 * run around it (the 4-connectivity "simple point" test of digital topology).
 */
export function isSimple(g: Graph, labels: Int32Array, n: number, label: number): boolean {
  const same = Array.from({ length: 8 }, (_, d) => g.ring[8 * n + d] >= 0 && labels[g.ring[8 * n + d]] === label);
  const gap = same.indexOf(false);
  if (gap < 0) return false;
  let runs = 0;
  let runHasEdge = false;
  // Walk the ring once, starting just after a gap so that no run wraps around.
  for (let step = 1; step <= 8; step++) {
    const d = (gap + step) % 8;
    if (same[d]) {
      if (d % 2 === 0) runHasEdge = true;
    } else {
      if (runHasEdge) runs++;
      runHasEdge = false;
    }
  }
  return runs <= 1;
}

/** Land area per region, m². */
export function regionAreas(g: Graph, labels: Int32Array, regions: number): number[] {
  const areas = new Array<number>(regions).fill(0);
  labels.forEach((k, n) => (areas[k] += g.lat.land[g.nodes[n]]));
  return areas;
}

/**
 * Moves boundary cells from fuller regions (area / target) to hungrier neighbours, cheapest first (by the extra
 * anchor distance), never past equality and never splitting a region. Each move lowers Σ area²/target, so the
 * process settles; it stops at `tolerance` or when no move helps.
 */
export function balance(g: Graph, labels: Int32Array, targets: number[], cost: Float64Array, isHome: Uint8Array, tolerance: number): void {
  const n = g.nodes.length;
  const areas = regionAreas(g, labels, targets.length);
  const ratio = (k: number) => areas[k] / targets[k];
  for (let round = 0; round < 400; round++) {
    if (Math.max(...areas.map((a, k) => Math.abs(a / targets[k] - 1))) < tolerance) return;
    const moves: { node: number; to: number; score: number }[] = [];
    for (let v = 0; v < n; v++) {
      if (isHome[v]) continue;
      const from = labels[v];
      for (let d = 0; d < 8; d += 2) {
        const m = g.ring[8 * v + d];
        if (m < 0 || labels[m] === from || ratio(labels[m]) >= ratio(from)) continue;
        moves.push({ node: v, to: labels[m], score: cost[labels[m] * n + v] - cost[from * n + v] });
      }
    }
    moves.sort((a, b) => a.score - b.score || a.node - b.node || a.to - b.to);
    // Cells in a notch of the receiving region (two or more sides on it) go first: regions grow compact
    // instead of sending out one-cell tentacles; single-side moves only when nothing else helps.
    if (applyMoves(g, labels, moves, areas, targets, 2) === 0 && applyMoves(g, labels, moves, areas, targets, 1) === 0) return;
  }
}

function applyMoves(
  g: Graph, labels: Int32Array, moves: { node: number; to: number }[], areas: number[], targets: number[], minSides: number,
): number {
  let moved = 0;
  for (const { node, to } of moves) {
    const from = labels[node];
    const a = g.lat.land[g.nodes[node]];
    if (from === to || (areas[from] - a) / targets[from] < (areas[to] + a) / targets[to]) continue;
    if (sides(g, labels, node, to) < minSides || !isSimple(g, labels, node, from)) continue;
    labels[node] = to;
    areas[from] -= a;
    areas[to] += a;
    moved++;
  }
  return moved;
}

/** How many of a cell's 4 edge neighbours are in region `label`. */
function sides(g: Graph, labels: Int32Array, v: number, label: number): number {
  let count = 0;
  for (let d = 0; d < 8; d += 2) {
    const m = g.ring[8 * v + d];
    if (m >= 0 && labels[m] === label) count++;
  }
  return count;
}

/** Relabels every connected piece that does not hold its region's home to the neighbour it borders most. */
export function joinStrays(g: Graph, labels: Int32Array, homes: number[]): void {
  for (let pass = 0; pass < 6; pass++) {
    const comp = new Int32Array(labels.length).fill(-1);
    let moved = false;
    let next = 0;
    for (let start = 0; start < labels.length; start++) {
      if (comp[start] >= 0) continue;
      const id = next++;
      const members = flood(g, labels, comp, start, id);
      if (comp[homes[labels[start]]] !== id) moved = relabelStray(g, labels, members) || moved;
    }
    if (!moved) return;
  }
}

function flood(g: Graph, labels: Int32Array, comp: Int32Array, start: number, id: number): number[] {
  const members = [start];
  comp[start] = id;
  for (let q = 0; q < members.length; q++) {
    for (let d = 0; d < 8; d += 2) {
      const m = g.ring[8 * members[q] + d];
      if (m >= 0 && comp[m] < 0 && labels[m] === labels[start]) {
        comp[m] = id;
        members.push(m);
      }
    }
  }
  return members;
}

function relabelStray(g: Graph, labels: Int32Array, members: number[]): boolean {
  const own = labels[members[0]];
  const border = new Map<number, number>();
  for (const v of members) {
    for (let d = 0; d < 8; d += 2) {
      const m = g.ring[8 * v + d];
      if (m >= 0 && labels[m] !== own) border.set(labels[m], (border.get(labels[m]) ?? 0) + 1);
    }
  }
  if (border.size === 0) return false;
  const [target] = [...border.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
  for (const v of members) labels[v] = target;
  return true;
}
