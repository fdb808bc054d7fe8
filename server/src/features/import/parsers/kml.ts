import { DOMParser } from '@xmldom/xmldom';
import { kml } from '@tmcw/togeojson';
import type { Geometry, GeometryCollection } from 'geojson';
import { badFile, type ParsedFile, type StagedFeature } from './types.js';

/** togeojson's styling members: they describe how Google Earth draws a placemark, not the feature. */
const STYLE_KEYS = new Set(['styleUrl', 'styleHash', 'styleMapHash', 'stroke', 'stroke-opacity', 'stroke-width', 'fill', 'fill-opacity', 'icon', 'icon-opacity', 'icon-scale', 'icon-color', 'icon-offset', 'icon-offset-units', 'label-color', 'label-opacity', 'label-scale', 'visibility']);

/**
 * Reads KML 2.2 (OGC 07-147r2) with togeojson: each Placemark is a feature, its name, description and
 * ExtendedData are its attributes. KML coordinates are always WGS 84 lon/lat. A MultiGeometry of one kind
 * becomes the matching Multi* geometry.
 */
export function parseKml(text: string, format: 'kml' | 'kmz' = 'kml'): ParsedFile {
  const errors: string[] = [];
  let doc: ReturnType<DOMParser['parseFromString']>;
  try {
    doc = new DOMParser({ onError: (level, message) => { if (level !== 'warning') errors.push(message); } }).parseFromString(text, 'text/xml');
  } catch (err) {
    throw badFile(`The KML is not well-formed XML: ${(err as Error).message}.`, 'malformed XML');
  }
  if (errors.length) throw badFile(`The KML is not well-formed XML: ${errors[0]}.`, 'malformed XML');
  if (doc.documentElement?.localName !== 'kml') {
    throw badFile(`The XML is not KML (its root element is <${doc.documentElement?.localName ?? '?'}>).`, 'not KML');
  }
  const collection = kml(doc);
  const features: StagedFeature[] = collection.features.map((f, k) => {
    const properties: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(f.properties ?? {})) if (!STYLE_KEYS.has(key)) properties[key] = value;
    return { row: k + 1, geometry: flatten(f.geometry), properties };
  });
  return { format, features, crs: { code: 'CRS84', source: 'kml', detail: 'WGS 84 longitude/latitude: KML always is (OGC 07-147r2)' } };
}

/** A GeometryCollection of one kind as its Multi* geometry; any other geometry as it is. */
function flatten(geometry: Geometry | null): Geometry | null {
  if (!geometry || geometry.type !== 'GeometryCollection') return geometry;
  const parts = (geometry as GeometryCollection).geometries;
  const kinds = new Set(parts.map((g) => g.type.replace(/^Multi/, '')));
  if (kinds.size !== 1) return geometry;
  const kind = [...kinds][0] as 'Point' | 'LineString' | 'Polygon';
  const coordinates = parts.flatMap((g) => (g.type.startsWith('Multi') ? (g as { coordinates: unknown[] }).coordinates : [(g as { coordinates: unknown }).coordinates]));
  return { type: `Multi${kind}`, coordinates } as Geometry;
}
