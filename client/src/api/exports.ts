/** Client of the export (`/api/exports/{collection}`): a layer, a map extent or a selection as a file. */
import { request, withQuery } from './http';

export const EXPORT_FORMATS = ['geojson', 'csv', 'kml', 'shapefile'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The CRSs the server writes, VN-2000 included (KML is WGS 84 by its standard). */
export const EXPORT_CRS = [
  { code: 'CRS84', title: 'WGS 84 (lon, lat)' },
  { code: 'EPSG:5899', title: 'VN-2000 / TM-3 107°45′ (Đà Nẵng)' },
  { code: 'EPSG:3405', title: 'VN-2000 / UTM 48N' },
  { code: 'EPSG:3406', title: 'VN-2000 / UTM 49N' },
  { code: 'EPSG:3857', title: 'Web Mercator' },
] as const;

export interface ExportRequest {
  collection: string;
  format: ExportFormat;
  crs: string;
  /** lon/lat bounds (CRS84): minLon, minLat, maxLon, maxLat. */
  bbox?: readonly number[];
  /** A selection of feature ids (at most 1,000). */
  ids?: readonly string[];
}

/** The download URL of an export. */
export function exportUrl(r: ExportRequest): string {
  return withQuery(`/api/exports/${encodeURIComponent(r.collection)}`, {
    format: r.format,
    crs: r.crs,
    bbox: r.bbox?.map((v) => v.toFixed(6)).join(','),
    ids: r.ids?.join(','),
  });
}

/** Fetches an export as a file: its contents and the name the server gives it. Throws ApiError on a refusal. */
export async function fetchExport(r: ExportRequest, signal?: AbortSignal): Promise<{ blob: Blob; fileName: string }> {
  const res = await request<Response>('GET', exportUrl(r), { raw: true, signal });
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${r.collection}.${r.format === 'shapefile' ? 'zip' : r.format}`;
  return { blob: await res.blob(), fileName };
}
