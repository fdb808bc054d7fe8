/**
 * Coordinate reference systems the users read and type: WGS 84 and VN-2000 / TM-3 107°45' (EPSG:5899).
 *
 * The datum shift is EPSG:6960 written for proj4, which uses the position-vector convention,
 * so the rotations carry the opposite sign of the published coordinate-frame values
 * (see shared data README; the `epsg-index` package gets this wrong by ~0.64 m).
 */
import proj4 from 'proj4';

export const VN2000_TM3_DANANG = 'EPSG:5899';

/** proj4 definition of EPSG:5899 with the EPSG:6960 datum shift. */
export const VN2000_TM3_DANANG_PROJ4 =
  '+proj=tmerc +lat_0=0 +lon_0=107.75 +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 ' +
  '+towgs84=-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278 ' +
  '+units=m +no_defs';

let registered = false;

/** Registers EPSG:5899 with proj4 (idempotent) and returns the proj4 instance. */
export function registerVn2000(): typeof proj4 {
  if (!registered) {
    proj4.defs(VN2000_TM3_DANANG, VN2000_TM3_DANANG_PROJ4);
    registered = true;
  }
  return proj4;
}

/** WGS 84 [lon, lat] in degrees → VN-2000 TM-3 [easting, northing] in metres. */
export function wgs84ToVn2000(lonLatDeg: readonly [number, number]): [number, number] {
  const [e, n] = registerVn2000()('EPSG:4326', VN2000_TM3_DANANG, [lonLatDeg[0], lonLatDeg[1]]);
  return [e, n];
}

/** VN-2000 TM-3 [easting, northing] in metres → WGS 84 [lon, lat] in degrees. */
export function vn2000ToWgs84(eastNorthM: readonly [number, number]): [number, number] {
  const [lon, lat] = registerVn2000()(VN2000_TM3_DANANG, 'EPSG:4326', [eastNorthM[0], eastNorthM[1]]);
  return [lon, lat];
}

/**
 * WGS 84 as "lat, lon" in decimal degrees with 6 decimals (~0.1 m), the order people say it.
 * A dot is the decimal mark whatever the UI language, so values can be pasted into other tools.
 */
export function formatWgs84(lonLatDeg: readonly [number, number]): string {
  return `${lonLatDeg[1].toFixed(6)}, ${lonLatDeg[0].toFixed(6)}`;
}

/** VN-2000 TM-3 as "E … N …" in metres with 2 decimals. */
export function formatVn2000(eastNorthM: readonly [number, number]): string {
  return `E ${eastNorthM[0].toFixed(2)}  N ${eastNorthM[1].toFixed(2)}`;
}
