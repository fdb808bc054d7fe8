import type { Geometry } from 'geojson';
import { invalidInput } from '../../../lib/errors.js';

/** The file formats the import reads. */
export type ImportFormat = 'geojson' | 'csv' | 'kml' | 'kmz' | 'shapefile';

/** One feature read from a file, before mapping: its place in the file, its geometry and its raw attributes. */
export interface StagedFeature {
  /** CSV: the line in the file (the header is line 1); other formats: the feature's position, 1 = first. */
  row: number;
  geometry: Geometry | null;
  properties: Record<string, unknown>;
  /** Why the geometry could not be read (a CSV coordinate that is not a number, say). */
  geometryProblem?: string;
}

/** The CRS a file declares, or why none could be read. */
export interface DetectedCrs {
  /** `CRS84` or `EPSG:<n>` of the import list; null when the user must choose. */
  code: string | null;
  /** Where it came from: a .prj, the GeoJSON `crs` member, RFC 7946 (GeoJSON without one), KML's fixed WGS 84, lon/lat columns. */
  source: 'prj' | 'geojson' | 'rfc7946' | 'kml' | 'columns' | 'none';
  /** What was read, or what the user must do, in words. */
  detail: string;
}

/** A parsed upload. */
export interface ParsedFile {
  format: ImportFormat;
  features: StagedFeature[];
  crs: DetectedCrs;
  /** Columns that hold the position (CSV), shown but not mapped to properties. */
  coordinateColumns?: string[];
}

/** A 422 about the uploaded file itself. */
export const badFile = (detail: string, message = detail) => invalidInput(detail, [{ field: 'file', message }]);
