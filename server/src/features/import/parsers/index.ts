import JSZip from 'jszip';
import type { Geometry } from 'geojson';
import { parseGeoJson } from './geojson.js';
import { parseCsv } from './csv.js';
import { parseKml } from './kml.js';
import { parseShapefileZip } from './shapefile.js';
import { badFile, type ParsedFile, type StagedFeature } from './types.js';

export type { ParsedFile, StagedFeature, DetectedCrs, ImportFormat } from './types.js';

const extensionOf = (name: string) => /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6);
/** A bare .shp starts with the file code 9994 (big-endian). */
const isShp = (b: Buffer) => b.length >= 4 && b.readInt32BE(0) === 9994;

/**
 * Reads an uploaded file of any supported format, told apart by its content first (zip signature, JSON, XML)
 * and its name second. Throws a 422 naming the problem for an empty, corrupt or unsupported file.
 */
export async function parseFile(bytes: Buffer, fileName: string): Promise<ParsedFile> {
  if (bytes.length === 0) throw badFile('The file is empty (0 bytes).', 'empty');
  const ext = extensionOf(fileName);
  if (isZip(bytes) || ['zip', 'kmz', 'shz'].includes(ext)) return parseZip(bytes, ext);
  if (isShp(bytes) || ['shp', 'dbf', 'shx'].includes(ext)) {
    throw badFile('A shapefile is several files: upload its .shp, .shx, .dbf and .prj together in one .zip.', 'a bare shapefile part');
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const start = text.trimStart()[0];
  if (text.trim() === '') throw badFile('The file is empty (only white space).', 'empty');
  if (start === '{' || start === '[' || ['geojson', 'json'].includes(ext)) return parseGeoJson(text);
  if (start === '<' || ext === 'kml') return parseKml(text);
  if (['csv', 'txt', 'tsv'].includes(ext) || /[,;\t]/.test(text.slice(0, text.indexOf('\n') >>> 0))) return parseCsv(text);
  throw badFile(`"${fileName}" is not a format the import reads: send GeoJSON, CSV, KML/KMZ or a zipped shapefile.`, 'unsupported format');
}

async function parseZip(bytes: Buffer, ext: string): Promise<ParsedFile> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (err) {
    throw badFile(`The file is not a readable zip archive (corrupt or truncated): ${(err as Error).message}.`, 'corrupt zip');
  }
  const kmlEntry = Object.values(zip.files).find((f) => !f.dir && /\.kml$/i.test(f.name));
  if (kmlEntry && (ext === 'kmz' || !Object.keys(zip.files).some((n) => /\.shp$/i.test(n)))) {
    return parseKml(await kmlEntry.async('string'), 'kmz');
  }
  return parseShapefileZip(zip);
}

/** Geometry families: what one collection can hold (a Polygon and a MultiPolygon are the same family). */
export function familyOf(geometry: Geometry | null): string | undefined {
  if (!geometry) return undefined;
  return geometry.type === 'GeometryCollection' ? 'GeometryCollection' : geometry.type.replace(/^Multi/, '');
}

/** A Multi* geometry of exactly one part as its single geometry (shapefiles and KML often wrap single parts). */
export function singlePart(geometry: Geometry | null): Geometry | null {
  if (!geometry || !geometry.type.startsWith('Multi')) return geometry;
  const coordinates = (geometry as { coordinates: unknown[] }).coordinates;
  if (!Array.isArray(coordinates) || coordinates.length !== 1) return geometry;
  return { type: geometry.type.slice(5), coordinates: coordinates[0] } as Geometry;
}

/**
 * Checks a parsed file holds features of one geometry family and unwraps single-part Multi* geometries.
 * Throws a 422 for a file without features, or one that mixes families (with the count of each).
 */
export function checkFeatures(parsed: ParsedFile): { geometryTypes: Record<string, number> } {
  if (parsed.features.length === 0) throw badFile('The file holds no features.', 'no features');
  const geometryTypes: Record<string, number> = {};
  for (const f of parsed.features) {
    const original = f.geometry?.type;
    f.geometry = singlePart(f.geometry);
    if (original) geometryTypes[original] = (geometryTypes[original] ?? 0) + 1;
  }
  const families = new Map<string, number>();
  for (const f of parsed.features) {
    const family = familyOf(f.geometry);
    if (family) families.set(family, (families.get(family) ?? 0) + 1);
  }
  if (families.size > 1) {
    const list = [...families].map(([k, n]) => `${n} ${k}${n === 1 ? '' : 's'}`).join(', ');
    throw badFile(`The file mixes geometry types (${list}); a layer holds one type. Split the file by geometry type and import each part into its layer.`, 'mixed geometry types');
  }
  return { geometryTypes };
}

/** The attribute columns in order of first appearance, each with up to 3 distinct sample values. */
export function columnsOf(features: StagedFeature[]): Array<{ name: string; samples: unknown[] }> {
  const columns = new Map<string, unknown[]>();
  for (const f of features) {
    const properties = f.properties as Record<string, unknown>;
    // for…in rather than Object.entries: no array per feature, which counts at 100,000 features.
    for (const name in properties) {
      if (!Object.hasOwn(properties, name)) continue;
      const value = properties[name];
      let samples = columns.get(name);
      if (!samples) columns.set(name, (samples = []));
      if (samples.length < 3 && value !== null && value !== undefined && value !== '' && !samples.some((s) => JSON.stringify(s) === JSON.stringify(value))) {
        samples.push(value instanceof Date ? value.toISOString().slice(0, 10) : value);
      }
    }
  }
  return [...columns].map(([name, samples]) => ({ name, samples }));
}

export { parseWktGeometry } from './wkt-geometry.js';
