import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { toXY, type Poly } from './plane.js';

/** The facts the sample city is built from (copied into data/source, provenance in data/README.md). */

const SOURCE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../source');

export interface DistrictFact {
  name: string;
  type: string;
  centroidLon: number;
  centroidLat: number;
  /** Area of the government's district polygon, km². */
  areaKm2: number;
}

export interface WardFact {
  district: string;
  name: string;
  type: string;
  /** Census area, km². */
  areaKm2: number;
  population: number;
  urbanPopulation: number;
}

export interface Facts {
  /** The city's land outline, lon/lat (Natural Earth, one polygon). */
  outlineLonLat: [number, number][][];
  /** The same outline in the local metric plane. */
  outline: Poly;
  districts: DistrictFact[];
  wards: WardFact[];
}

/**
 * Spelling fixes for the census table: its "Hải Châu I I" is the ward officially named "Hải Châu II"
 * (a split Roman numeral in the published table).
 */
export const WARD_NAME_FIXES: Readonly<Record<string, string>> = { 'Hải Châu I I': 'Hải Châu II' };

function readCsv(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(path.join(SOURCE_DIR, file), 'utf8'), { columns: true, skip_empty_lines: true, trim: true });
}

/** Reads the three source files. Hoàng Sa (offshore islands, no wards in the census table) is kept in `districts`. */
export function readFacts(): Facts {
  const geojson = JSON.parse(fs.readFileSync(path.join(SOURCE_DIR, 'danang-outline.naturalearth.geojson'), 'utf8'));
  const geometry = geojson.features[0].geometry;
  if (geometry.type !== 'Polygon') throw new Error(`outline: expected a Polygon, got ${geometry.type}`);
  const outlineLonLat = geometry.coordinates as [number, number][][];
  const districts = readCsv('danang-districts-2024.csv').map((r) => ({
    name: r.district,
    type: r.district_type,
    centroidLon: Number(r.centroid_lon),
    centroidLat: Number(r.centroid_lat),
    areaKm2: Number(r.area_km2),
  }));
  const wards = readCsv('danang-wards-census-2019.csv').map((r) => ({
    district: r.district,
    name: WARD_NAME_FIXES[r.ward] ?? r.ward,
    type: r.ward_type,
    areaKm2: Number(r.area_km2),
    population: Math.round(Number(r.population_2019)),
    urbanPopulation: Math.round(Number(r.urban_population_2019)),
  }));
  const outline = outlineLonLat.map((ring) => ring.map(([lon, lat]) => toXY(lon, lat)));
  return { outlineLonLat, outline, districts, wards };
}
