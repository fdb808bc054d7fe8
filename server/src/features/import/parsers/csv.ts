import { parse } from 'csv-parse/sync';
import type { Geometry } from 'geojson';
import { parseWktGeometry } from './wkt-geometry.js';
import { badFile, type DetectedCrs, type ParsedFile, type StagedFeature } from './types.js';

/** Column names that hold a position, compared without case, accents, spaces or punctuation. */
const LON = ['lon', 'lng', 'long', 'longitude', 'kinhdo'];
const LAT = ['lat', 'latitude', 'vido'];
const X = ['x', 'easting', 'east', 'toadox', 'xvn2000'];
const Y = ['y', 'northing', 'north', 'toadoy', 'yvn2000'];
const WKT = ['wkt', 'geometry', 'geom', 'the_geom'];

/** Lower case, Vietnamese diacritics and đ removed, only letters and digits kept. */
export function normaliseName(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The delimiter of the header line: the most frequent of comma, semicolon (Excel in a comma-decimal locale) and tab. */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

/**
 * Reads a CSV whose positions are in lon/lat or X/Y columns (points), or in a WKT column (any geometry, as this
 * tool's export writes lines and areas). Lon/lat columns are WGS 84; X/Y and WKT columns need the CRS chosen.
 */
export function parseCsv(text: string): ParsedFile {
  const delimiter = delimiterOf(text);
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { bom: true, delimiter, skip_empty_lines: true, relax_column_count: true, info: true, trim: true }) as unknown as typeof records;
  } catch (err) {
    throw badFile(`The CSV could not be read: ${(err as Error).message}.`, 'malformed CSV');
  }
  if (records.length === 0) throw badFile('The file is empty: it has no header line and no rows.', 'empty');
  const header = records[0].record;
  const names = header.map(normaliseName);
  const find = (candidates: string[]) => names.findIndex((n) => candidates.includes(n));
  const [lon, lat, x, y, wkt] = [find(LON), find(LAT), find(X), find(Y), find(WKT)];
  const layout = lon >= 0 && lat >= 0 ? { kind: 'lonlat' as const, cols: [lon, lat] }
    : x >= 0 && y >= 0 ? { kind: 'xy' as const, cols: [x, y] }
      : wkt >= 0 ? { kind: 'wkt' as const, cols: [wkt] } : undefined;
  if (!layout) {
    throw badFile(`The CSV has no position columns: name them lon and lat (WGS 84), X and Y (projected), or wkt. Its columns: ${header.join(', ')}.`, 'no lon/lat, X/Y or wkt columns');
  }
  const commaDecimals = delimiter === ';';
  const features = records.slice(1).map(({ record, info }) => {
    const properties: Record<string, unknown> = {};
    header.forEach((name, k) => {
      if (!layout.cols.includes(k)) properties[name] = record[k] === undefined || record[k] === '' ? null : record[k];
    });
    const staged: StagedFeature = { row: info.lines, geometry: null, properties };
    try {
      staged.geometry = geometryOf(layout.kind, layout.cols.map((k) => record[k] ?? ''), commaDecimals);
    } catch (err) {
      staged.geometryProblem = (err as Error).message;
    }
    return staged;
  });
  return { format: 'csv', features, crs: crsOf(layout.kind, header, layout.cols), coordinateColumns: layout.cols.map((k) => header[k]) };
}

function geometryOf(kind: 'lonlat' | 'xy' | 'wkt', cells: string[], commaDecimals: boolean): Geometry {
  if (kind === 'wkt') {
    try {
      return parseWktGeometry(cells[0]);
    } catch (err) {
      throw new Error(`the wkt column is ${cells[0] === '' ? 'empty' : `not readable (${(err as Error).message})`}`);
    }
  }
  const numbers = cells.map((c) => (commaDecimals ? c.replace(',', '.') : c)).map((c) => (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(c) ? Number(c) : NaN));
  const bad = numbers.findIndex((n) => !Number.isFinite(n));
  if (bad >= 0) {
    const axis = kind === 'lonlat' ? ['lon', 'lat'][bad] : ['X', 'Y'][bad];
    throw new Error(`${axis} "${cells[bad]}" is not a number`);
  }
  return { type: 'Point', coordinates: numbers };
}

function crsOf(kind: 'lonlat' | 'xy' | 'wkt', header: string[], cols: number[]): DetectedCrs {
  const names = cols.map((k) => header[k]).join('/');
  if (kind === 'lonlat') return { code: 'CRS84', source: 'columns', detail: `WGS 84 longitude/latitude, from the ${names} columns` };
  return { code: null, source: 'none', detail: `The ${names} column${cols.length > 1 ? 's do' : ' does'} not say which CRS ${cols.length > 1 ? 'they are' : 'it is'} in: choose it.` };
}
