/**
 * The import benchmark's input files (issue 4, Performance): a 100,000-point GeoJSON of IoT sensors in WGS 84
 * and a 50,000-polygon zipped shapefile of buildings in VN-2000 / TM-3 (EPSG:5899, with its .prj), spread over
 * central Đà Nẵng from a fixed seed so every run imports the same data.
 */
import fs from 'node:fs';
import path from 'node:path';
import seedrandom from 'seedrandom';
import shpwrite from '@mapbox/shp-write';
import JSZip from 'jszip';

const SENSOR_KINDS = ['air_quality', 'water_level', 'noise', 'public_lighting', 'weather', 'traffic_counter'];
const BUILDING_USES = ['residential', 'shophouse', 'commercial', 'office', 'hotel', 'public'];
/** PostGIS's own WKT of EPSG:5899 (what the export writes as .prj). */
const PRJ_5899 = 'PROJCS["VN-2000 / TM-3 Da Nang zone",GEOGCS["VN-2000",DATUM["Vietnam_2000",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
  + 'TOWGS84[-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278],AUTHORITY["EPSG","6756"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],'
  + 'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4756"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],'
  + 'PARAMETER["central_meridian",107.75],PARAMETER["scale_factor",0.9999],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],'
  + 'UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","5899"]]';

export interface BenchFiles {
  pointsGeoJson: string;
  polygonsZip: string;
}

/** Writes the two files into `dir` and returns their paths. */
export async function writeBenchFiles(dir: string, points = 100_000, polygons = 50_000): Promise<BenchFiles> {
  const random = seedrandom('danang-import-bench');
  const features = Array.from({ length: points }, (_, k) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [+(108.15 + random() * 0.12).toFixed(7), +(16.0 + random() * 0.1).toFixed(7)] },
    properties: { name: `Cảm biến ${k + 1}`, kind: SENSOR_KINDS[k % SENSOR_KINDS.length], status: k % 10 === 0 ? 'planned' : 'existing' },
  }));
  const pointsGeoJson = path.join(dir, 'sensors-100k.geojson');
  fs.writeFileSync(pointsGeoJson, JSON.stringify({ type: 'FeatureCollection', features }));
  // Footprints of 8–25 m on the TM-3 grid around the city centre (E 546,000–558,000, N 1,768,000–1,780,000).
  const rows: Array<Record<string, string | number>> = [];
  const shapes: number[][][][] = [];
  for (let k = 0; k < polygons; k++) {
    const [x, y, w, h] = [546_000 + random() * 12_000, 1_768_000 + random() * 12_000, 8 + random() * 17, 8 + random() * 17];
    shapes.push([[[x, y], [x, y + h], [x + w, y + h], [x + w, y], [x, y]]]);
    const floors = 1 + Math.floor(random() * 12);
    rows.push({ height_m: +(floors * 3.4).toFixed(1), floors, use: BUILDING_USES[k % BUILDING_USES.length] });
  }
  let files: { shp: DataView; shx: DataView; dbf: DataView } | undefined;
  shpwrite.write(rows, 'POLYGON', shapes, (err, written) => {
    if (err) throw err;
    files = written;
  });
  const zip = new JSZip();
  zip.file('buildings-50k.shp', new Uint8Array(files!.shp.buffer));
  zip.file('buildings-50k.shx', new Uint8Array(files!.shx.buffer));
  zip.file('buildings-50k.dbf', new Uint8Array(files!.dbf.buffer));
  zip.file('buildings-50k.prj', PRJ_5899);
  zip.file('buildings-50k.cpg', 'UTF-8');
  const polygonsZip = path.join(dir, 'buildings-50k.zip');
  fs.writeFileSync(polygonsZip, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return { pointsGeoJson, polygonsZip };
}
