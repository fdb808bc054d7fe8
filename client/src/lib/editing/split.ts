/**
 * Splitting a line or a polygon along a drawn line, in the coordinates the features are stored in (lon/lat
 * degrees, straight segments between them, as PostGIS treats geometry(…, 4326)).
 *
 * Lines: turf's lineSplit. Polygons: the rings and the cutting line are noded against each other here, with every
 * crossing computed once and shared by both sides (polygonize joins edges by exact coordinates), then turf's
 * polygonize builds the faces, and the faces inside the original polygon are the pieces.
 */
import { booleanPointInPolygon, featureCollection, length, lineSplit, lineString, pointOnFeature, polygon, polygonize } from '@turf/turf';

export type Position = number[];
export type LineCoords = Position[];
export type PolygonCoords = Position[][];

// Pieces shorter than this (degrees of length) come from a cut through a vertex and are dropped.
const MIN_PIECE_KM = 1e-6;

/** The parts of a line cut by `splitter`; a single part when they do not cross. */
export function splitLine(line: LineCoords, splitter: LineCoords): LineCoords[] {
  const parts = lineSplit(lineString(line), lineString(splitter)).features.map((f) => f.geometry.coordinates);
  const kept = parts.filter((p) => p.length >= 2 && length(lineString(p)) > MIN_PIECE_KM);
  return kept.length ? kept : [line];
}

/** Where segment p1→p2 crosses q1→q2: the fractions along each and the point, or undefined when they do not. */
function crossing(p1: Position, p2: Position, q1: Position, q2: Position): { t: number; u: number; point: Position } | undefined {
  const r = [p2[0] - p1[0], p2[1] - p1[1]];
  const s = [q2[0] - q1[0], q2[1] - q1[1]];
  const denom = r[0] * s[1] - r[1] * s[0];
  if (denom === 0) return undefined; // parallel or collinear: no single crossing point
  const qp = [q1[0] - p1[0], q1[1] - p1[1]];
  const t = (qp[0] * s[1] - qp[1] * s[0]) / denom;
  const u = (qp[0] * r[1] - qp[1] * r[0]) / denom;
  if (t < 0 || t > 1 || u < 0 || u > 1) return undefined;
  // At an end, use the vertex itself, so that the node is exactly an existing coordinate.
  const point = t === 0 ? p1 : t === 1 ? p2 : u === 0 ? q1 : u === 1 ? q2 : [p1[0] + t * r[0], p1[1] + t * r[1]];
  return { t, u, point };
}

type Cuts = { at: number; point: Position }[][];

/** Splits each segment of `coords` at its cuts: the two-point edges of the noded line. */
function nodedEdges(coords: LineCoords, cuts: Cuts): LineCoords[] {
  const edges: LineCoords[] = [];
  for (let i = 0; i < coords.length - 1; i++) {
    const points = [coords[i], ...cuts[i].sort((a, b) => a.at - b.at).map((c) => c.point), coords[i + 1]];
    for (let k = 0; k < points.length - 1; k++) {
      const [a, b] = [points[k], points[k + 1]];
      if (a[0] !== b[0] || a[1] !== b[1]) edges.push([a, b]);
    }
  }
  return edges;
}

/** The pieces of one polygon (outer ring and holes) cut by `splitter`; the polygon itself when it is not cut in two. */
export function splitPolygon(rings: PolygonCoords, splitter: LineCoords): PolygonCoords[] {
  const ringCuts: Cuts[] = rings.map((ring) => ring.slice(1).map(() => []));
  const splitterCuts: Cuts = splitter.slice(1).map(() => []);
  rings.forEach((ring, r) => {
    for (let i = 0; i < ring.length - 1; i++) {
      for (let j = 0; j < splitter.length - 1; j++) {
        const hit = crossing(ring[i], ring[i + 1], splitter[j], splitter[j + 1]);
        if (!hit) continue;
        ringCuts[r][i].push({ at: hit.t, point: hit.point });
        splitterCuts[j].push({ at: hit.u, point: hit.point });
      }
    }
  });
  const original = polygon(rings);
  const inside = (edge: LineCoords) =>
    booleanPointInPolygon([(edge[0][0] + edge[1][0]) / 2, (edge[0][1] + edge[1][1]) / 2], original, { ignoreBoundary: true });
  const edges = [
    ...rings.flatMap((ring, r) => nodedEdges(ring, ringCuts[r])),
    ...nodedEdges(splitter, splitterCuts).filter(inside),
  ];
  const faces = polygonize(featureCollection(edges.map((e) => lineString(e)))).features
    .filter((face) => booleanPointInPolygon(pointOnFeature(face), original, { ignoreBoundary: true }))
    .map((face) => face.geometry.coordinates);
  return faces.length >= 2 ? faces : [rings];
}

/**
 * Splits a line or polygonal geometry along `splitter`, or returns null when nothing is cut. The first geometry
 * is what the split feature keeps: the first piece, together with the members of a MultiPolygon the line missed
 * (a ward's islands stay with the ward); each other piece becomes a feature of its own.
 */
export function splitGeometry(geometry: { type: string; coordinates: unknown }, splitter: LineCoords): { type: string; coordinates: unknown }[] | null {
  if (geometry.type === 'LineString') {
    const parts = splitLine(geometry.coordinates as LineCoords, splitter);
    return parts.length > 1 ? parts.map((c) => ({ type: 'LineString', coordinates: c })) : null;
  }
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') return null;
  const members = geometry.type === 'MultiPolygon' ? (geometry.coordinates as PolygonCoords[]) : [geometry.coordinates as PolygonCoords];
  const pieces = members.map((m) => splitPolygon(m, splitter));
  const cut = pieces.filter((p) => p.length > 1);
  if (cut.length === 0) return null;
  const kept = [...pieces.filter((p) => p.length === 1).map((p) => p[0]), cut[0][0]];
  const others = [...cut[0].slice(1), ...cut.slice(1).flat()];
  return [
    kept.length === 1 ? { type: 'Polygon', coordinates: kept[0] } : { type: 'MultiPolygon', coordinates: kept },
    ...others.map((c) => ({ type: 'Polygon', coordinates: c })),
  ];
}
