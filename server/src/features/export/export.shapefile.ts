import shpwrite from '@mapbox/shp-write';
import JSZip from 'jszip';
import type { CollectionSpec } from '../collections/registry.js';
import { cellValue } from './export.formats.js';
import type { ExportRow } from './export.repository.js';

/**
 * DBF (dBase III) field names hold at most 10 ASCII characters. Property names map deterministically, in
 * registry order, with `id` first:
 *  - a name of 10 characters or fewer is kept as is;
 *  - a longer name is cut to its first 10 characters;
 *  - when that cut is already taken, it is cut to 8 characters plus `_n`, with n = 1, 2, … the first free.
 * So for cameras: mount_height_m → mount_heig, sensor_width_mm → sensor_wid, focal_length_mm → focal_leng,
 * resolution_h → resolution, resolution_v → resoluti_1, retention_days → retention_, man_node_id → man_node_i.
 * The same collection always gives the same names, so a re-import can map them back.
 */
export function dbfFieldNames(names: readonly string[]): Map<string, string> {
  const mapping = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of names) {
    let short = name.slice(0, 10);
    for (let n = 1; taken.has(short); n += 1) short = `${name.slice(0, 8)}_${n}`;
    taken.add(short);
    mapping.set(name, short);
  }
  return mapping;
}

/** Most bytes a DBF character field holds. */
const DBF_TEXT_BYTES = 254;

/**
 * The `dbf` writer under shp-write stores each JavaScript char code as one byte, which mangles Vietnamese.
 * Giving it the UTF-8 bytes as a "binary string" (one char per byte) writes real UTF-8, which the .cpg declares.
 * Cut on a character boundary so that a long text never ends in half a character.
 */
function dbfText(text: string): string {
  let bytes = Buffer.from(text, 'utf8');
  if (bytes.length > DBF_TEXT_BYTES) {
    let end = DBF_TEXT_BYTES;
    while (end > 0 && (bytes[end] & 0xc0) === 0x80) end -= 1; // back off continuation bytes
    bytes = bytes.subarray(0, end);
  }
  return bytes.toString('latin1');
}

const SHAPE_TYPE = { Point: 'POINT', LineString: 'POLYLINE', Polygon: 'POLYGON', MultiPolygon: 'POLYGON' } as const;

/** Coordinates in the nesting shp-write expects for one record: a point, or a list of parts (lines / rings). */
function shapeCoordinates(geometry: ExportRow['geometry']): unknown {
  return geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
}

/**
 * A zipped ESRI Shapefile: `<base>.shp/.shx/.dbf` written by shp-write, `<base>.prj` (the CRS's WKT from
 * PostGIS) and `<base>.cpg` saying the DBF text is UTF-8.
 */
export async function toShapefileZip(spec: CollectionSpec, rows: ExportRow[], prj: string, base: string): Promise<Buffer> {
  const names = ['id', ...spec.properties.map((p) => p.name)];
  const fields = dbfFieldNames(names);
  const records = rows.map((r) => {
    const record: Record<string, string | number | boolean | null> = {};
    for (const name of names) {
      const value = cellValue(name === 'id' ? r.id : r.properties[name]);
      record[fields.get(name)!] = typeof value === 'string' ? dbfText(value) : value;
    }
    return record;
  });
  let files: { shp: DataView; shx: DataView; dbf: DataView } | undefined;
  shpwrite.write(records, SHAPE_TYPE[spec.geometryType], rows.map((r) => shapeCoordinates(r.geometry) as object), (err, written) => {
    if (err) throw err;
    files = written;
  });
  if (!files) throw new Error('shp-write returned no files');
  const zip = new JSZip();
  zip.file(`${base}.shp`, new Uint8Array(files.shp.buffer));
  zip.file(`${base}.shx`, new Uint8Array(files.shx.buffer));
  zip.file(`${base}.dbf`, new Uint8Array(files.dbf.buffer));
  zip.file(`${base}.prj`, prj);
  zip.file(`${base}.cpg`, 'UTF-8');
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
