/**
 * Blind spots of a run: the stretches of road and the parts of public spaces no camera sees at Observation or
 * better, as geometry in metres. Road stretches are runs of neighbouring blind samples, each reaching half a
 * sample spacing either side; public-space parts are runs of blind grid cells along each row (the process
 * dissolves them and clips them to the space in PostGIS).
 */
import { WATCHED, type CoverageAccumulator } from './index.js';
import { subLine, type PublicSpace, type RoadPiece } from './samples.js';

export interface RoadBlindSpot {
  roadId: string;
  roadClass: string;
  wardCode: string | null;
  lengthM: number;
  coords: [number, number][];
}

export interface SpaceBlindSpot {
  spaceId: string;
  name: string;
  wardCode: string | null;
  areaM2: number;
  /** Row runs of blind cells: [minX, minY, maxX, maxY] in metres. */
  rects: [number, number, number, number][];
}

/** Road stretches of run `run` below Observation. */
export function roadBlindSpots(acc: CoverageAccumulator, run: number, pieces: readonly RoadPiece[]): RoadBlindSpot[] {
  const s = acc.samples, best = acc.best[run];
  const out: RoadBlindSpot[] = [];
  pieces.forEach((piece, p) => {
    const first = s.pieceStart[p], end = s.pieceStart[p + 1];
    for (let i = first; i < end; ) {
      if (best[i] >= WATCHED) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < end && best[j + 1] < WATCHED) j++;
      const from = s.along[i] - s.weight[i] / 2, to = s.along[j] + s.weight[j] / 2;
      out.push({ roadId: piece.roadId, roadClass: piece.roadClass, wardCode: piece.wardCode, lengthM: to - from, coords: subLine(piece.coords, from, to) });
      i = j + 1;
    }
  });
  return out;
}

/** Parts of public spaces of run `run` below Observation (spaces fully watched are left out). */
export function spaceBlindSpots(acc: CoverageAccumulator, run: number, spaces: readonly PublicSpace[]): SpaceBlindSpot[] {
  const s = acc.samples, best = acc.best[run];
  const out: SpaceBlindSpot[] = [];
  spaces.forEach((space, k) => {
    const c = s.spaceCellM[k];
    const rects: [number, number, number, number][] = [];
    let areaM2 = 0;
    for (let i = s.spaceStart[k]; i < s.spaceStart[k + 1]; i++) {
      if (best[i] >= WATCHED) continue;
      areaM2 += s.weight[i];
      const last = rects[rects.length - 1];
      const sameRow = last && i > s.spaceStart[k] && s.along[i - 1] === s.along[i] && best[i - 1] < WATCHED && Math.abs(s.x[i] - c / 2 - last[2]) < c / 100;
      if (sameRow) last[2] = s.x[i] + c / 2;
      else rects.push([s.x[i] - c / 2, s.y[i] - c / 2, s.x[i] + c / 2, s.y[i] + c / 2]);
    }
    if (rects.length) out.push({ spaceId: space.id, name: space.name, wardCode: space.wardCode, areaM2, rects });
  });
  return out;
}
