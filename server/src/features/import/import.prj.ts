import { IMPORT_CRS, type ImportCrs } from './import.crs.js';

/**
 * Reads the CRS of a shapefile's .prj: OGC WKT 1 (OGC 01-009), its ESRI dialect, or WKT 2 (ISO 19162), and
 * matches it to one of the import CRSs — by its EPSG authority code when it carries one, else by what the
 * definition says (datum, projection method and parameters, unit), since ESRI-written .prj files name no code.
 */

/** One WKT node: `KEYWORD[arg, arg, …]`; arguments are quoted texts, numbers, bare words or nodes. */
export interface WktNode {
  keyword: string;
  args: Array<string | number | WktNode>;
}

/** Parses WKT text into its node tree; throws an Error saying where it stopped making sense. */
export function parseWkt(text: string): WktNode {
  const tokens = text.match(/"(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_]*|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[[\](),]|\S/g) ?? [];
  let i = 0;
  const node = (): WktNode => {
    const keyword = tokens[i++];
    if (!keyword || !/^[A-Za-z_]/.test(keyword)) throw new Error(`expected a WKT keyword at token ${i}`);
    const open = tokens[i++];
    if (open !== '[' && open !== '(') throw new Error(`expected "[" after ${keyword}`);
    const args: WktNode['args'] = [];
    for (;;) {
      const token = tokens[i];
      if (token === undefined) throw new Error(`unclosed ${keyword}[`);
      if (token.startsWith('"')) {
        args.push(token.slice(1, -1).replace(/""/g, '"'));
        i++;
      } else if (/^[-+.\d]/.test(token)) {
        args.push(Number(token));
        i++;
      } else if (/^[A-Za-z_]/.test(token)) {
        args.push(tokens[i + 1] === '[' || tokens[i + 1] === '(' ? node() : (i++, token));
      } else {
        throw new Error(`unexpected "${token}" in ${keyword}`);
      }
      const next = tokens[i++];
      if (next === ']' || next === ')') return { keyword: keyword.toUpperCase(), args };
      if (next !== ',') throw new Error(`expected "," or "]" in ${keyword}`);
    }
  };
  const root = node();
  if (i < tokens.length) throw new Error('text after the end of the definition');
  return root;
}

const children = (n: WktNode, keyword: string) => n.args.filter((a): a is WktNode => typeof a === 'object' && a.keyword === keyword);
const child = (n: WktNode, ...keywords: string[]) => keywords.map((k) => children(n, k)[0]).find(Boolean);
const nameOf = (n: WktNode | undefined) => (n && typeof n.args[0] === 'string' ? n.args[0] : '');
const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The result of reading a .prj: the CRS it is, or undefined with the name it gave and why it did not match. */
export interface PrjMatch {
  crs?: ImportCrs;
  /** The name the file gives its CRS. */
  name: string;
  /** How it was matched, or why not, in words a user can act on. */
  detail: string;
}

/** EPSG:6960, VN-2000 → WGS 84 (position vector, as PostGIS's spatial_ref_sys holds it). */
const VN2000_TOWGS84 = [-191.90441429, -39.30318279, -111.45032835, 0.00928836, -0.01975479, 0.00427372, 0.252906278];

interface GridParameters {
  method: string;
  centralMeridian: number;
  scaleFactor: number;
  falseEasting: number;
  falseNorthing: number;
  latitudeOfOrigin: number;
}

/** The projected CRSs of the import list, as their defining parameters. */
const GRIDS: ReadonlyArray<{ srid: number; datum: 'vn2000'; grid: Omit<GridParameters, 'method'> }> = [
  { srid: 5899, datum: 'vn2000', grid: { centralMeridian: 107.75, scaleFactor: 0.9999, falseEasting: 500000, falseNorthing: 0, latitudeOfOrigin: 0 } },
  { srid: 3405, datum: 'vn2000', grid: { centralMeridian: 105, scaleFactor: 0.9996, falseEasting: 500000, falseNorthing: 0, latitudeOfOrigin: 0 } },
  { srid: 3406, datum: 'vn2000', grid: { centralMeridian: 111, scaleFactor: 0.9996, falseEasting: 500000, falseNorthing: 0, latitudeOfOrigin: 0 } },
];

/** Matches a .prj text to an import CRS. Never throws: an unreadable .prj is reported as not matched. */
export function matchPrj(text: string): PrjMatch {
  let root: WktNode;
  try {
    root = parseWkt(text.trim());
  } catch (err) {
    return { name: '', detail: `the .prj is not readable WKT (${(err as Error).message})` };
  }
  const name = nameOf(root);
  const byCode = authorityCode(root);
  const known = byCode === undefined ? undefined : byCode === 4326 ? IMPORT_CRS[0] : IMPORT_CRS.find((c) => c.srid === byCode && c.srid !== 4326);
  if (known) return { crs: known, name, detail: `EPSG:${byCode} named in the .prj` };
  const geographic = ['GEOGCS', 'GEOGCRS', 'GEODCRS', 'GEOGRAPHICCRS'].includes(root.keyword);
  const projected = ['PROJCS', 'PROJCRS', 'PROJECTEDCRS'].includes(root.keyword);
  if (!geographic && !projected) return { name, detail: `a ${root.keyword} definition is not a geographic or projected CRS` };
  const base = geographic ? root : child(root, 'GEOGCS', 'BASEGEOGCRS', 'BASEGEODCRS');
  const datum = base ? datumOf(base) : 'other';
  if (geographic) {
    if (datum === 'wgs84') return { crs: IMPORT_CRS[0], name, detail: 'WGS 84 longitude/latitude, from the datum of the .prj' };
    return { name, detail: `the geographic CRS "${name}" is not offered; reproject to WGS 84 or VN-2000 / TM-3 first` };
  }
  if (/pseudo.?mercator|web.?mercator|auxiliary.?sphere/i.test(name + nameOf(child(root, 'PROJECTION', 'CONVERSION')))) {
    return { crs: IMPORT_CRS.find((c) => c.srid === 3857), name, detail: 'Web Mercator, from the projection of the .prj' };
  }
  const grid = gridOf(root);
  if (!grid) return { name, detail: `"${name}" uses a unit other than the metre or an unreadable projection` };
  const match = GRIDS.find((g) => datum === g.datum && squash(grid.method).includes('transversemercator') && sameGrid(g.grid, grid));
  if (!match) {
    return { name, detail: `"${name}" (datum ${datum === 'vn2000' ? 'VN-2000' : datum === 'wgs84' ? 'WGS 84' : 'other'}, central meridian ${grid.centralMeridian}°, scale ${grid.scaleFactor}) is not one of the offered CRSs` };
  }
  const crs = IMPORT_CRS.find((c) => c.srid === match.srid)!;
  return { crs, name, detail: `${crs.title}, from the datum and projection parameters of the .prj${shiftNote(base)}` };
}

function authorityCode(root: WktNode): number | undefined {
  const id = child(root, 'AUTHORITY', 'ID');
  if (!id || typeof id.args[0] !== 'string' || id.args[0].toUpperCase() !== 'EPSG') return undefined;
  const code = Number(id.args[1]);
  return Number.isInteger(code) ? code : undefined;
}

function datumOf(geogcs: WktNode): 'wgs84' | 'vn2000' | 'other' {
  const datum = child(geogcs, 'DATUM', 'GEODETICDATUM', 'TRF');
  const names = squash(`${nameOf(geogcs)} ${nameOf(datum)}`);
  if (/vn2000|vietnam2000/.test(names)) return 'vn2000';
  if (/wgs84|wgs1984/.test(squash(nameOf(datum))) && !datum?.args.some((a) => typeof a === 'object' && a.keyword === 'TOWGS84' && a.args.some((v) => v !== 0))) return 'wgs84';
  return 'other';
}

/** A note when the .prj carries a datum shift other than EPSG:6960: PostGIS's definition is what is used. */
function shiftNote(base: WktNode | undefined): string {
  const datum = base && child(base, 'DATUM');
  const shift = datum && child(datum, 'TOWGS84');
  if (!shift) return '';
  const values = shift.args.map(Number);
  const same = values.length === 7 && values.every((v, k) => Math.abs(v - VN2000_TOWGS84[k]) < 1e-6);
  return same ? '' : '; its datum shift differs from EPSG:6960, which is used instead (PostGIS\'s definition)';
}

function gridOf(root: WktNode): GridParameters | undefined {
  const unit = child(root, 'UNIT', 'LENGTHUNIT');
  if (unit && Math.abs(Number(unit.args[1]) - 1) > 1e-9) return undefined;
  const conversion = child(root, 'CONVERSION');
  const holder = conversion ?? root;
  const method = nameOf(child(holder, 'PROJECTION', 'METHOD'));
  const values = new Map<string, number>();
  for (const p of children(holder, 'PARAMETER')) values.set(squash(nameOf(p)), Number(p.args[1]));
  const get = (...keys: string[]) => keys.map((k) => values.get(k)).find((v) => v !== undefined) ?? 0;
  return {
    method,
    centralMeridian: get('centralmeridian', 'longitudeofnaturalorigin', 'longitudeofcenter'),
    scaleFactor: get('scalefactor', 'scalefactoratnaturalorigin') || 1,
    falseEasting: get('falseeasting'),
    falseNorthing: get('falsenorthing'),
    latitudeOfOrigin: get('latitudeoforigin', 'latitudeofnaturalorigin'),
  };
}

function sameGrid(a: Omit<GridParameters, 'method'>, b: GridParameters): boolean {
  return Math.abs(a.centralMeridian - b.centralMeridian) < 1e-7 && Math.abs(a.scaleFactor - b.scaleFactor) < 1e-9
    && Math.abs(a.falseEasting - b.falseEasting) < 1e-3 && Math.abs(a.falseNorthing - b.falseNorthing) < 1e-3
    && Math.abs(a.latitudeOfOrigin - b.latitudeOfOrigin) < 1e-7;
}
