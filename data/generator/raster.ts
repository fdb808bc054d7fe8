import { bbox, type MultiPoly, type XY } from './plane.js';

/**
 * A byte grid over the city (default 10 m cells) answering "what is here?" in O(1): the land-use class, and
 * whether the spot is taken by a road corridor, a public space or a tower. Polygons are burnt in by scanline
 * (a cell belongs to a polygon when its centre does); corridors conservatively (every cell that may touch).
 */
export class Raster {
  readonly nx: number;
  readonly ny: number;
  readonly data: Uint8Array;

  constructor(
    readonly x0: number,
    readonly y0: number,
    x1: number,
    y1: number,
    readonly cell = 10,
  ) {
    this.nx = Math.ceil((x1 - x0) / cell);
    this.ny = Math.ceil((y1 - y0) / cell);
    this.data = new Uint8Array(this.nx * this.ny);
  }

  /** A raster covering the polygon's bounding box plus `pad` metres. */
  static around(mp: MultiPoly, pad: number, cell = 10): Raster {
    const pts = mp.flatMap((p) => p.flatMap((r) => r));
    const [x0, y0, x1, y1] = bbox(pts);
    return new Raster(x0 - pad, y0 - pad, x1 + pad, y1 + pad, cell);
  }

  /** Value at p (0 outside the grid). */
  get(p: XY): number {
    const i = Math.floor((p[0] - this.x0) / this.cell);
    const j = Math.floor((p[1] - this.y0) / this.cell);
    return i < 0 || j < 0 || i >= this.nx || j >= this.ny ? 0 : this.data[j * this.nx + i];
  }

  /** Sets every cell whose centre lies inside the multipolygon (even-odd over all rings). */
  fillPolygon(mp: MultiPoly, value: number): void {
    const edges = mp.flatMap((p) => p.flatMap((r) => r.slice(1).map((q, k): [XY, XY] => [r[k], q])));
    const [, ymin, , ymax] = bbox(edges.flat());
    const j0 = Math.max(0, Math.floor((ymin - this.y0) / this.cell));
    const j1 = Math.min(this.ny - 1, Math.ceil((ymax - this.y0) / this.cell));
    for (let j = j0; j <= j1; j++) {
      const y = this.y0 + (j + 0.5) * this.cell;
      const xs: number[] = [];
      for (const [a, b] of edges) {
        if (a[1] > y !== b[1] > y) xs.push(a[0] + ((y - a[1]) * (b[0] - a[0])) / (b[1] - a[1]));
      }
      xs.sort((p, q) => p - q);
      for (let k = 0; k + 1 < xs.length; k += 2) {
        const i0 = Math.max(0, Math.ceil((xs[k] - this.x0) / this.cell - 0.5));
        const i1 = Math.min(this.nx - 1, Math.floor((xs[k + 1] - this.x0) / this.cell - 0.5));
        this.data.fill(value, j * this.nx + i0, i0 <= i1 ? j * this.nx + i1 + 1 : j * this.nx + i0);
      }
    }
  }

  /** Sets every cell within `halfWidth` metres (plus half a cell diagonal) of segment ab. */
  fillCorridor(a: XY, b: XY, halfWidth: number, value: number): void {
    const reach = halfWidth + this.cell * 0.7072;
    const i0 = Math.max(0, Math.floor((Math.min(a[0], b[0]) - reach - this.x0) / this.cell));
    const i1 = Math.min(this.nx - 1, Math.floor((Math.max(a[0], b[0]) + reach - this.x0) / this.cell));
    const j0 = Math.max(0, Math.floor((Math.min(a[1], b[1]) - reach - this.y0) / this.cell));
    const j1 = Math.min(this.ny - 1, Math.floor((Math.max(a[1], b[1]) + reach - this.y0) / this.cell));
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len2 = dx * dx + dy * dy || 1;
    for (let j = j0; j <= j1; j++) {
      const y = this.y0 + (j + 0.5) * this.cell;
      for (let i = i0; i <= i1; i++) {
        const x = this.x0 + (i + 0.5) * this.cell;
        const t = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / len2));
        if (Math.hypot(x - a[0] - t * dx, y - a[1] - t * dy) <= reach) this.data[j * this.nx + i] = value;
      }
    }
  }
}
