/**
 * Builds an OpenLayers layer from a collection's registry entry: vector tiles for big layers,
 * bbox-loaded GeoJSON for the others. Every layer it makes carries the `collectionId` property,
 * which the click and test tools use to map a hit back to its collection.
 */
import type BaseLayer from 'ol/layer/Base';
import LayerGroup from 'ol/layer/Group';
import TileLayer from 'ol/layer/Tile';
import VectorLayer from 'ol/layer/Vector';
import VectorTileLayer from 'ol/layer/VectorTile';
import GeoJSON from 'ol/format/GeoJSON';
import MVT from 'ol/format/MVT';
import OSM from 'ol/source/OSM';
import VectorSource from 'ol/source/Vector';
import VectorTileSource from 'ol/source/VectorTile';
import { all as allStrategy, bbox as bboxStrategy } from 'ol/loadingstrategy';
import { transformExtent, type ProjectionLike } from 'ol/proj';
import type { Extent } from 'ol/extent';
import type { StyleLike } from 'ol/style/Style';
import type { CollectionInfo } from '../api/collections';
import { itemsUrl } from '../api/features';
import { request } from '../api/http';
import { geometryKind, labelStyleFor, styleFor, underlayStyleFor } from './styles';

/** Layer property: the id of the collection the layer draws. */
export const COLLECTION_ID = 'collectionId';
/** Layer property: true when features come from vector tiles (their properties are a subset). */
export const FROM_TILES = 'fromTiles';
/** Layer property: true on underlays, which the OSM base map replaces (they would hide it). */
export const UNDERLAY = 'underlay';
/** Layer property: the hit priority of the layer (points over lines over areas over outlines). */
export const HIT_RANK = 'hitRank';

// Tiles deeper than this are over-zoomed from level 16, whose 4096-unit grid is ~0.15 m: plenty for buildings.
const TILE_MAX_ZOOM = 16;
const WORLD_BBOX_DEG = [-180, -90, 180, 90];

/** Draw order and hit priority: areas at the bottom, outlines over them, then lines, then points. */
function rankOf(c: CollectionInfo): number {
  const kind = geometryKind(c.geometryType);
  if (kind === 'point') return 3;
  if (kind === 'line') return 2;
  return isTransparent(c.style.fill) ? 0 : 1;
}

const Z_BY_RANK = [300, 100, 200, 400];

function isTransparent(color: string): boolean {
  return /^rgba\(.*,\s*0(\.0+)?\s*\)$/.test(color.replace(/\s+/g, '')) || color === 'transparent';
}

/** z-index of underlays (the land under everything) and of label layers (above every feature layer). */
const UNDERLAY_Z = 50;
export const LABEL_Z = 500;

export interface LayerOptions {
  /**
   * Called when a tile fails to load. Tiles are fetched by OpenLayers, not by the API wrapper, so an expired
   * session shows up here first (as a 401 the loader cannot tell from other failures).
   */
  onTileError?: () => void;
}

/**
 * The layer for one collection, or a group of it with its underlay and labels when its cartography has
 * them; `order` keeps the registry order within a rank. Child z-indexes are global, so an underlay sinks
 * below and labels rise above every other collection's features.
 */
export function createCollectionLayer(collection: CollectionInfo, order: number, options: LayerOptions = {}): BaseLayer {
  const rank = rankOf(collection);
  const props = { [COLLECTION_ID]: collection.id, [HIT_RANK]: rank };
  const main = collection.render === 'tiles' ? createTileLayer(collection, options) : createFeatureLayer(collection);
  main.setProperties({ ...props, [FROM_TILES]: collection.render === 'tiles' });
  main.setZIndex(Z_BY_RANK[rank] + order);
  const extra: BaseLayer[] = [];
  const underlayStyle = underlayStyleFor(collection);
  if (underlayStyle && main instanceof VectorTileLayer) {
    // Same source, so the tiles are fetched once; no collection id, so clicks ignore the underlay.
    const underlay = new VectorTileLayer({ source: main.getSource() ?? undefined, style: underlayStyle, zIndex: UNDERLAY_Z + order });
    underlay.set(UNDERLAY, true);
    extra.push(underlay);
  }
  const labelStyle = labelStyleFor(collection);
  if (labelStyle) {
    const labels = createLabelLayer(collection, labelStyle);
    labels.setProperties({ ...props, [FROM_TILES]: false });
    labels.setZIndex(LABEL_Z + order);
    extra.push(labels);
  }
  if (extra.length === 0) return main;
  return new LayerGroup({ layers: [main, ...extra], properties: props });
}

function createTileLayer(collection: CollectionInfo, options: LayerOptions): VectorTileLayer {
  const template = (collection.links.tiles ?? `/tiles/{id}/{z}/{x}/{y}.mvt`).replace('{id}', collection.id);
  const source = new VectorTileSource({
    format: new MVT({ idProperty: 'id', layers: [collection.id] }),
    url: template,
    // The server cuts tiles on the standard 256-pixel grid; OpenLayers' default of 512 would ask
    // one level too coarse and miss layers that only exist from their minZoom.
    tileSize: 256,
    minZoom: collection.minZoom,
    maxZoom: TILE_MAX_ZOOM,
  });
  if (options.onTileError) source.on('tileloaderror', options.onTileError);
  return new VectorTileLayer({
    source,
    style: styleFor(collection),
    // Road names repeat in every tile a street crosses; decluttering keeps one where they would collide.
    declutter: true,
    // The source serves level minZoom tiles from view zoom minZoom − 1 on (it rounds up), but that many
    // small tiles is wasteful: show the layer from half a level before.
    minZoom: collection.minZoom > 0 ? collection.minZoom - 0.5 : undefined,
  });
}

function createFeatureLayer(collection: CollectionInfo): VectorLayer {
  const source = geoJsonSource(collection, bboxStrategy, (extent, projection) =>
    clampToWorld(transformExtent(extent, projection, 'EPSG:4326')),
  );
  return new VectorLayer({ source, style: styleFor(collection), minZoom: collection.minZoom > 0 ? collection.minZoom - 0.5 : undefined });
}

function createLabelLayer(collection: CollectionInfo, style: StyleLike): VectorLayer {
  const source = geoJsonSource(collection, allStrategy, () => WORLD_BBOX_DEG);
  return new VectorLayer({ source, style, declutter: true });
}

type BboxOf = (extent: Extent, projection: ProjectionLike) => number[];

/**
 * A vector source that loads GeoJSON items through the API wrapper (so a 401 ends the session in the app);
 * a failed load is forgotten so the next pan retries it.
 */
function geoJsonSource(collection: CollectionInfo, strategy: typeof allStrategy, bboxOf: BboxOf): VectorSource {
  const format = new GeoJSON();
  const source: VectorSource = new VectorSource({
    strategy,
    loader: (extent, _resolution, projection, success, failure) => {
      request<object>('GET', itemsUrl(collection.id, bboxOf(extent, projection)))
        .then((json) => {
          // The limit is 10 000 per request; the sample city stays well under it per view.
          const features = format.readFeatures(json, { dataProjection: 'EPSG:4326', featureProjection: projection });
          source.addFeatures(features);
          success?.(features);
        })
        .catch(() => {
          source.removeLoadedExtent(extent);
          failure?.();
        });
    },
  });
  return source;
}

function clampToWorld(bbox: number[]): number[] {
  return [Math.max(bbox[0], -180), Math.max(bbox[1], -90), Math.min(bbox[2], 180), Math.min(bbox[3], 90)];
}

/** The OpenStreetMap raster base map (hidden by default: the machine may be offline). */
export function createOsmLayer(): TileLayer {
  const layer = new TileLayer({ source: new OSM(), visible: false, zIndex: 0 });
  layer.set('basemap', 'osm');
  return layer;
}
