import type JSZip from 'jszip';
import * as shapefile from 'shapefile';
import { matchPrj } from '../import.prj.js';
import { crsCode } from '../import.crs.js';
import { badFile, type DetectedCrs, type ParsedFile, type StagedFeature } from './types.js';

const baseName = (path: string) => path.replace(/\.[^./]*$/, '');

/**
 * Reads a zipped ESRI Shapefile (ESRI Shapefile Technical Description, 1998): one layer, `.shp` and `.dbf`
 * (attributes) required, `.prj` for the CRS and `.cpg` for the text encoding of the DBF (UTF-8 when absent,
 * as QGIS and GDAL write; the legacy TCVN3/VNI encodings are not read).
 */
export async function parseShapefileZip(zip: JSZip): Promise<ParsedFile> {
  const files = Object.values(zip.files).filter((f) => !f.dir && !f.name.startsWith('__MACOSX/'));
  const shps = files.filter((f) => /\.shp$/i.test(f.name));
  if (shps.length === 0) throw badFile('The zip holds no .shp file: zip a shapefile (.shp, .shx, .dbf and .prj) or upload a KMZ.', 'no .shp in the zip');
  if (shps.length > 1) {
    throw badFile(`The zip holds ${shps.length} shapefiles (${shps.map((f) => f.name).join(', ')}); zip one layer per file.`, 'several layers');
  }
  const base = baseName(shps[0].name).toLowerCase();
  const sibling = (ext: string) => files.find((f) => f.name.toLowerCase() === `${base}.${ext}`);
  const dbf = sibling('dbf');
  if (!dbf) throw badFile(`The zip lacks ${baseName(shps[0].name)}.dbf: a shapefile is .shp + .shx + .dbf (+ .prj); zip them together.`, 'no .dbf');
  const prj = sibling('prj');
  const cpg = sibling('cpg');
  const encoding = cpg ? encodingOf(await cpg.async('string')) : 'utf-8';
  let collection: GeoJSON.FeatureCollection;
  try {
    const [shpBytes, dbfBytes] = await Promise.all([shps[0].async('uint8array'), dbf.async('uint8array')]);
    collection = await shapefile.read(shpBytes, dbfBytes, { encoding });
  } catch (err) {
    throw badFile(`The shapefile could not be read (corrupt or truncated): ${(err as Error).message}.`, 'unreadable shapefile');
  }
  const features: StagedFeature[] = collection.features.map((f, k) => ({ row: k + 1, geometry: f.geometry ?? null, properties: f.properties ?? {} }));
  return { format: 'shapefile', features, crs: prj ? crsOfPrj(await prj.async('string')) : noPrj() };
}

function crsOfPrj(text: string): DetectedCrs {
  const match = matchPrj(text);
  if (match.crs) return { code: crsCode(match.crs), source: 'prj', detail: match.detail };
  return { code: null, source: 'prj', detail: `The .prj describes a CRS that is not offered: ${match.detail}. Choose the CRS its coordinates are in, or reproject the file.` };
}

const noPrj = (): DetectedCrs => ({ code: null, source: 'none', detail: 'The shapefile has no .prj, so its CRS is unknown: choose the CRS its coordinates are in.' });

/** A .cpg names the DBF's code page: "UTF-8", "1252", "ANSI 1258" (Vietnamese Windows)… */
function encodingOf(cpg: string): string {
  const text = cpg.trim();
  const code = /(\d{3,5})/.exec(text)?.[1];
  if (/utf-?8/i.test(text)) return 'utf-8';
  if (code && /^12[5-9]\d$/.test(code)) return `windows-${code}`;
  return 'utf-8';
}
