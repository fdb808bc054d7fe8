import type { Geometry } from 'geojson';

/**
 * Reads an OGC Simple Features WKT geometry (ISO 19125-1 §7): POINT, LINESTRING, POLYGON and their MULTI forms,
 * with an optional Z/M (dropped) — the `wkt` column this tool's own CSV export writes for lines and areas.
 * Throws an Error saying what is wrong.
 */
export function parseWktGeometry(text: string): Geometry {
  const match = /^\s*(MULTIPOLYGON|MULTILINESTRING|MULTIPOINT|POLYGON|LINESTRING|POINT)\s*(?:Z|M|ZM)?\s*(\(.*\))\s*$/is.exec(text);
  if (!match) throw new Error('not a WKT POINT, LINESTRING, POLYGON or MULTI… geometry');
  const type = match[1].toUpperCase();
  let i = 0;
  const body = match[2];
  const skip = () => {
    while (body[i] === ' ' || body[i] === '\t' || body[i] === '\n' || body[i] === '\r') i++;
  };
  const expect = (ch: string) => {
    skip();
    if (body[i] !== ch) throw new Error(`expected "${ch}" at character ${i + 1} of the coordinates`);
    i++;
  };
  const position = (): number[] => {
    skip();
    const m = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?:\s+[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?){1,3}/.exec(body.slice(i));
    if (!m) throw new Error(`expected a position at character ${i + 1} of the coordinates`);
    i += m[0].length;
    return m[0].trim().split(/\s+/).slice(0, 2).map(Number);
  };
  /** A parenthesised list of `item`s; MULTIPOINT also allows its points without their own parentheses. */
  const list = <T>(item: () => T): T[] => {
    expect('(');
    const out = [item()];
    for (skip(); body[i] === ','; skip()) {
      i++;
      out.push(item());
    }
    expect(')');
    return out;
  };
  const positions = () => list(position);
  const rings = () => list(positions);
  const point = () => {
    skip();
    return body[i] === '(' ? list(position)[0] : position();
  };
  let geometry: Geometry;
  switch (type) {
    case 'POINT': geometry = { type: 'Point', coordinates: list(position)[0] }; break;
    case 'LINESTRING': geometry = { type: 'LineString', coordinates: positions() }; break;
    case 'POLYGON': geometry = { type: 'Polygon', coordinates: rings() }; break;
    case 'MULTIPOINT': geometry = { type: 'MultiPoint', coordinates: list(point) }; break;
    case 'MULTILINESTRING': geometry = { type: 'MultiLineString', coordinates: rings() }; break;
    default: geometry = { type: 'MultiPolygon', coordinates: list(rings) };
  }
  skip();
  if (i !== body.length) throw new Error(`unexpected text after the geometry at character ${i + 1}`);
  return geometry;
}
