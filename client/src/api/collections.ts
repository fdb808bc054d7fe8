/** Client for the collection registry (`GET /api/collections`): the data the layer tree is built from. */
import { getJson } from './http';

export type LayerGroup = 'urban' | 'cctv' | 'network' | 'radio';
export type GeometryType = 'Point' | 'LineString' | 'Polygon' | 'MultiPolygon';

export interface Bilingual {
  vi: string;
  en: string;
}

export interface PropertyInfo {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'uuid' | 'array';
  title: Bilingual;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: readonly string[];
  maxLength?: number;
  required?: boolean;
  items?: Record<string, unknown>;
}

export interface LayerStyleSpec {
  fill: string;
  stroke: string;
  /** Point symbol radius in pixels. */
  radius?: number;
}

export interface CollectionInfo {
  id: string;
  group: LayerGroup;
  title: Bilingual;
  description: Bilingual;
  geometryType: GeometryType;
  render: 'tiles' | 'features';
  minZoom: number;
  style: LayerStyleSpec;
  editRoles: string[];
  scenarioAware?: boolean;
  /** Groups of properties of which at least one must be given in full (a camera's field of view, or its lens). */
  requireOneOf?: string[][];
  properties: PropertyInfo[];
  links: { items: string; tiles?: string; tilejson?: string };
}

/** The groups in the order the layer panel shows them. */
export const LAYER_GROUPS: readonly LayerGroup[] = ['urban', 'cctv', 'network', 'radio'];

/** Lists every published collection, in the registry's order. */
export async function listCollections(signal?: AbortSignal): Promise<CollectionInfo[]> {
  const body = await getJson<{ collections: CollectionInfo[] }>('/api/collections', signal);
  return body.collections;
}
