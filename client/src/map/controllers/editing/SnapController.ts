/**
 * Snapping onto every shown collection layer, vector tiles included, and onto the edited feature itself.
 *
 * After the view settles (and after a write), the features of the shown layers in the view are gathered into the
 * Snap interaction: GeoJSON layers' own features, and the rendered features of vector-tile layers converted to
 * geometries, polygons without the edges the tile clipping added. Tile geometry is quantised to the tile grid
 * (about 0.15 m at zoom 16), so a vertex snapped onto a tile feature is then corrected to the exact vertex (or the
 * exact point on the edge) of the full feature, read from the items API.
 */
import type Map from 'ol/Map';
import Collection from 'ol/Collection';
import Feature, { type FeatureLike } from 'ol/Feature';
import MultiLineString from 'ol/geom/MultiLineString';
import Snap from 'ol/interaction/Snap';
import VectorTileLayer from 'ol/layer/VectorTile';
import RenderFeature, { toFeature } from 'ol/render/Feature';
import type { SnapEvent } from 'ol/events/SnapEvent';
import type { Geometry, MultiPolygon, Polygon } from 'ol/geom';
import { unByKey } from 'ol/Observable';
import type { EventsKey } from 'ol/events';
import type { Geometry as GeoJsonGeometry } from '../../../api/editing';
import { clipEdgeTest, nearestVertex, ringsWithoutClipEdges } from '../../../lib/editing/snap-geometry';
import { collectionLayers, featuresInExtent } from '../../collection-layers';
import { readGeometry } from '../../geojson-geometry';

/**
 * Below this zoom nothing is gathered: snapping at district scale is meaningless, and a view there holds tens of
 * thousands of buildings of the full city.
 */
export const SNAP_MIN_ZOOM = 16;
const PIXEL_TOLERANCE = 10;
const MAX_FEATURES = 20000;

interface Snapped {
  vertex: number[];
  feature: Feature;
  onSegment: boolean;
}

export class SnapController {
  private readonly features = new Collection<Feature>();
  private readonly snap = new Snap({ features: this.features, pixelTolerance: PIXEL_TOLERANCE });
  private readonly keys: EventsKey[];
  private readonly snapped = new globalThis.Map<string, Snapped>();
  private readonly fullGeometries = new globalThis.Map<string, Promise<Geometry | undefined>>();
  private pending = true;
  private excluded = '';

  constructor(
    private readonly map: Map,
    private readonly own: Feature,
    private readonly readFull: (collectionId: string, featureId: string) => Promise<GeoJsonGeometry | null>,
  ) {
    this.snap.on('snap', (e: SnapEvent) => {
      // Oldest first out: a long sketch keeps the snaps of its clicks.
      if (this.snapped.size > 5000) this.snapped.delete(this.snapped.keys().next().value!);
      this.snapped.set(e.vertex.join(','), { vertex: e.vertex, feature: e.feature, onSegment: e.segment !== null && e.segment.length > 1 });
    });
    this.keys = [
      map.on('moveend', () => this.invalidate()),
      map.on('rendercomplete', () => {
        if (this.pending && this.snap.getActive()) this.rebuild();
      }),
    ];
    map.addInteraction(this.snap);
  }

  /** Snapping on or off (off while no tool that places vertices is in use: nothing is gathered then). */
  setEnabled(on: boolean): void {
    this.snap.setActive(on);
    if (on && this.pending) this.map.render();
  }

  /** Keeps the Snap interaction after the tools' interactions, as OpenLayers requires. */
  reattach(): void {
    this.map.removeInteraction(this.snap);
    this.map.addInteraction(this.snap);
  }

  /** The layers changed (a write, a layer shown or hidden): gather again after the next render. */
  invalidate(): void {
    this.pending = true;
    if (this.snap.getActive()) this.map.render();
  }

  /** Leaves out the layers' copy of the feature being edited (it would pull a vertex back where it was). */
  exclude(collectionId: string | null, featureId: string | null): void {
    const key = collectionId && featureId ? `${collectionId}/${featureId}` : '';
    if (key !== this.excluded) {
      this.excluded = key;
      this.invalidate();
    }
  }

  /** Forgets the snaps of the last gesture (call when a gesture starts). */
  beginGesture(): void {
    this.snapped.clear();
  }

  /**
   * The geometry with every vertex that was snapped onto a tile feature moved to the exact vertex (or point on
   * the edge) of the full feature. Other vertices are untouched.
   */
  async refine(geometry: Geometry): Promise<Geometry> {
    const result = geometry.clone() as Geometry & { getFlatCoordinates(): number[]; getStride(): number };
    const flat = result.getFlatCoordinates();
    const stride = result.getStride();
    let changed = false;
    for (let i = 0; i < flat.length; i += stride) {
      const hit = this.snapped.get(`${flat[i]},${flat[i + 1]}`);
      if (!hit || !hit.feature.get('fromTiles')) continue;
      const exact = await this.exactPoint(hit);
      if (!exact) continue;
      [flat[i], flat[i + 1]] = exact;
      changed = true;
    }
    if (changed) result.changed();
    this.snapped.clear();
    return result;
  }

  destroy(): void {
    unByKey(this.keys);
    this.map.removeInteraction(this.snap);
    this.features.clear();
  }

  private async exactPoint(hit: Snapped): Promise<number[] | undefined> {
    const key = `${hit.feature.get('collectionId')}/${hit.feature.get('featureId')}`;
    if (!this.fullGeometries.has(key)) {
      const read = this.readFull(hit.feature.get('collectionId'), hit.feature.get('featureId'))
        .then((g) => (g ? readGeometry(g, this.map) : undefined))
        .catch(() => undefined);
      this.fullGeometries.set(key, read);
    }
    const full = await this.fullGeometries.get(key)!;
    if (!full) return undefined;
    // Tile quantisation and simplification move a vertex by well under a pixel at editing zooms; allow a few.
    const tolerance = Math.max(2, 3 * (this.map.getView().getResolution() ?? 1));
    if (!hit.onSegment) {
      const flat = (full as unknown as { getFlatCoordinates(): number[]; getStride(): number });
      const coords: number[][] = [];
      const data = flat.getFlatCoordinates();
      for (let i = 0; i < data.length; i += flat.getStride()) coords.push([data[i], data[i + 1]]);
      const nearest = nearestVertex(coords, hit.vertex);
      if (nearest && nearest.distance <= tolerance) return nearest.vertex;
    }
    const closest = full.getClosestPoint(hit.vertex);
    return Math.hypot(closest[0] - hit.vertex[0], closest[1] - hit.vertex[1]) <= tolerance ? closest : undefined;
  }

  private rebuild(): void {
    this.pending = false;
    const view = this.map.getView();
    const gathered: Feature[] = [this.own];
    if ((view.getZoom() ?? 0) >= SNAP_MIN_ZOOM) {
      const extent = view.calculateExtent(this.map.getSize());
      for (const entry of collectionLayers(this.map)) {
        if (!entry.shown) continue;
        const clipTest = entry.layer instanceof VectorTileLayer ? this.clipTestFor(entry.layer) : undefined;
        for (const feature of featuresInExtent(entry, extent)) {
          if (gathered.length >= MAX_FEATURES) break;
          const snapFeature = this.snapFeature(entry.collectionId, feature, clipTest);
          if (snapFeature) gathered.push(snapFeature);
        }
      }
    }
    this.features.clear();
    this.features.extend(gathered);
  }

  private snapFeature(collectionId: string, feature: FeatureLike, clipTest?: (a: number[], b: number[]) => boolean): Feature | undefined {
    const id = feature.getId();
    if (id !== undefined && `${collectionId}/${id}` === this.excluded) return undefined;
    if (!(feature instanceof RenderFeature)) return feature as Feature;
    let geometry = toFeature(feature).getGeometry() as Geometry | undefined;
    if (!geometry) return undefined;
    const type = geometry.getType();
    if (clipTest && (type === 'Polygon' || type === 'MultiPolygon')) {
      const polygons = type === 'Polygon' ? [geometry as Polygon] : (geometry as MultiPolygon).getPolygons();
      geometry = new MultiLineString(polygons.flatMap((p) => ringsWithoutClipEdges(p.getCoordinates(), clipTest)));
    }
    return new Feature({ geometry, collectionId, featureId: id === undefined ? undefined : String(id), fromTiles: id !== undefined });
  }

  private clipTestFor(layer: VectorTileLayer) {
    const source = layer.getSource();
    const resolution = this.map.getView().getResolution() ?? 1;
    const z = source?.getTileGrid()?.getZForResolution(resolution, source.zDirection) ?? 0;
    return clipEdgeTest(z);
  }
}
