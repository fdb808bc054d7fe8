/**
 * Shows a plan on the map. Tiles and the infrastructure layers draw the baseline; this draws the plan's own
 * features over them (added, moved or re-attributed, retired: see styles/plan.ts), the baseline position of
 * what the plan moves as a ghost, and hides the baseline features the plan stands in for by wrapping the style
 * of every layer of those collections (a feature whose id is hidden gets no style, so it is neither drawn nor
 * hit by a click). The plan's features carry their collection id, so clicking one opens its attributes.
 */
import type Map from 'ol/Map';
import Feature from 'ol/Feature';
import type { FeatureLike } from 'ol/Feature';
import type BaseLayer from 'ol/layer/Base';
import BaseVectorLayer from 'ol/layer/BaseVector';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import GeoJSON from 'ol/format/GeoJSON';
import { LineString, Point } from 'ol/geom';
import { getCenter } from 'ol/extent';
import { transformExtent } from 'ol/proj';
import type Projection from 'ol/proj/Projection';
import { unByKey } from 'ol/Observable';
import type { EventsKey } from 'ol/events';
import { toFunction, type StyleFunction, type StyleLike } from 'ol/style/Style';
import type { CollectionInfo } from '../../api/collections';
import type { PlanChange } from '../../api/scenarios';
import { changeExtentDeg, changeKind, replacedBaselineIds, type ChangeKind } from '../../lib/plan-changes';
import { COLLECTION_ID, FROM_TILES, HIT_RANK } from '../layer-factory';
import { CLIENT_DRAWN } from '../refresh-layers';
import { geometryKind, styleFor } from '../styles';
import { GHOST_ROLE, PLAN_CONFLICT, PLAN_KIND, ghostStyle, planFeatureStyle } from '../styles/plan';

const GHOST_Z = 940;
const PLAN_Z = 950;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- vector and vector-tile layers alike
type AnyVectorLayer = BaseVectorLayer<any, any, any>;

/** What the overlay shows, as plain data (for tests and the UI). */
export interface OverlaySnapshot {
  byKind: Record<ChangeKind, string[]>;
  ghosts: string[];
  hidden: string[];
}

export class PlanOverlayController {
  private readonly format = new GeoJSON();
  private readonly ghosts = new VectorSource();
  private readonly ghostLayer = new VectorLayer({ source: this.ghosts, style: ghostStyle(), zIndex: GHOST_Z });
  private readonly planLayers = new globalThis.Map<string, VectorLayer>();
  /** Baseline ids hidden per collection. */
  private hidden = new globalThis.Map<string, Set<string>>();
  /** Layers whose style this controller wrapped, with their own style to put back. */
  private readonly wrapped = new globalThis.Map<AnyVectorLayer, StyleLike | null | undefined>();
  private readonly keys: EventsKey[];

  constructor(
    private readonly map: Map,
    private readonly collections: readonly CollectionInfo[],
  ) {
    this.ghostLayer.set(CLIENT_DRAWN, true);
    map.addLayer(this.ghostLayer);
    // Layers come and go (sign-in, a reloaded registry): wrap the newcomers too.
    this.keys = [map.getLayers().on('add', () => this.wrapLayers()), map.getLayers().on('remove', () => this.wrapLayers())];
    this.wrapLayers();
  }

  /** Draws a plan's changes over the baseline and hides the baseline features they replace. */
  show(changes: readonly PlanChange[]): void {
    this.clear();
    this.hidden = replacedBaselineIds(changes);
    const projection = this.map.getView().getProjection();
    for (const change of changes) {
      const feature = this.readFeature(change.geometry, projection);
      feature.setId(change.id);
      feature.setProperties({ ...change.properties, [PLAN_KIND]: changeKind(change), [PLAN_CONFLICT]: change.conflict });
      this.layerFor(change.collection)?.getSource()?.addFeature(feature);
      if (change.moved && change.baseline_geometry) this.addGhost(change, feature, projection);
    }
    this.wrapLayers();
    this.refreshWrapped();
  }

  /** Back to the baseline: removes the plan's features and ghosts and shows every baseline feature again. */
  clear(): void {
    this.ghosts.clear();
    for (const layer of this.planLayers.values()) this.map.removeLayer(layer);
    this.planLayers.clear();
    this.hidden = new globalThis.Map();
    this.refreshWrapped();
  }

  /** Zooms the map to a change: where the plan puts it and, if moved, where it was (no closer than `maxZoom`). */
  zoomTo(change: PlanChange, maxZoom = 18): void {
    const extentDeg = changeExtentDeg(change);
    if (!extentDeg) return;
    const view = this.map.getView();
    const extent = transformExtent(extentDeg, 'EPSG:4326', view.getProjection());
    // The side panel covers the left 320 px, the feature info the right.
    view.fit(extent, { maxZoom, padding: [90, 380, 60, 340], duration: 250 });
  }

  /** What is drawn and hidden now. */
  snapshot(): OverlaySnapshot {
    const byKind: Record<ChangeKind, string[]> = { added: [], moved: [], changed: [], retired: [] };
    for (const layer of this.planLayers.values()) {
      for (const f of layer.getSource()?.getFeatures() ?? []) byKind[f.get(PLAN_KIND) as ChangeKind].push(String(f.getId()));
    }
    const ghosts = this.ghosts.getFeatures().filter((f) => f.get(GHOST_ROLE) === 'ghost').map((f) => String(f.getId()));
    return { byKind, ghosts, hidden: [...this.hidden.values()].flatMap((s) => [...s]) };
  }

  /** The map coordinate of a plan feature (for tests that click it), or undefined. */
  coordinateOf(planFeatureId: string): number[] | undefined {
    for (const layer of this.planLayers.values()) {
      const geometry = layer.getSource()?.getFeatureById(planFeatureId)?.getGeometry();
      if (geometry) return geometry instanceof Point ? geometry.getCoordinates() : getCenter(geometry.getExtent());
    }
    return undefined;
  }

  /** Removes the overlay and puts every wrapped layer's own style back. */
  destroy(): void {
    unByKey(this.keys);
    this.clear();
    this.map.removeLayer(this.ghostLayer);
    for (const [layer, style] of this.wrapped) layer.setStyle(style);
    this.wrapped.clear();
  }

  private readFeature(geometry: PlanChange['geometry'], projection: Projection): Feature {
    const geom = this.format.readGeometry(geometry, { dataProjection: 'EPSG:4326', featureProjection: projection });
    return new Feature(geom ?? undefined);
  }

  private addGhost(change: PlanChange, planned: Feature, projection: Projection): void {
    const ghost = this.readFeature(change.baseline_geometry!, projection);
    ghost.setId(change.replaces_id!);
    ghost.set(GHOST_ROLE, 'ghost');
    this.ghosts.addFeature(ghost);
    const from = ghost.getGeometry();
    const to = planned.getGeometry();
    if (from instanceof Point && to instanceof Point) {
      const link = new Feature(new LineString([from.getCoordinates(), to.getCoordinates()]));
      link.set(GHOST_ROLE, 'link');
      this.ghosts.addFeature(link);
    }
  }

  /** The overlay layer of a collection's plan features, made on first use; undefined for an unknown collection. */
  private layerFor(collectionId: string): VectorLayer | undefined {
    const existing = this.planLayers.get(collectionId);
    if (existing) return existing;
    const collection = this.collections.find((c) => c.id === collectionId);
    if (!collection) return undefined;
    const kind = geometryKind(collection.geometryType);
    const layer = new VectorLayer({
      source: new VectorSource(),
      style: planFeatureStyle(toFunction(styleFor(collection) as StyleFunction)),
      zIndex: PLAN_Z,
      properties: { [COLLECTION_ID]: collectionId, [HIT_RANK]: kind === 'point' ? 3 : kind === 'line' ? 2 : 1, [FROM_TILES]: false, [CLIENT_DRAWN]: true },
    });
    this.planLayers.set(collectionId, layer);
    this.map.addLayer(layer);
    return layer;
  }

  /** Wraps the style of every collection layer not wrapped yet, and forgets layers that left the map. */
  private wrapLayers(): void {
    const present = new Set<BaseLayer>(this.map.getAllLayers());
    for (const layer of this.wrapped.keys()) if (!present.has(layer)) this.wrapped.delete(layer);
    for (const layer of present) {
      if (!(layer instanceof BaseVectorLayer) || layer.get(CLIENT_DRAWN) || this.wrapped.has(layer)) continue;
      const collectionId = layer.get(COLLECTION_ID) as string | undefined;
      if (!collectionId || !this.collections.find((c) => c.id === collectionId)?.scenarioAware) continue;
      const vector = layer as AnyVectorLayer;
      const own = vector.getStyle() as StyleLike | null | undefined;
      if (!own) continue;
      const draw = toFunction(own as StyleFunction);
      this.wrapped.set(vector, own);
      vector.setStyle((feature: FeatureLike, resolution: number) =>
        this.hidden.get(collectionId)?.has(String(feature.getId())) ? undefined : draw(feature, resolution));
    }
  }

  /** Redraws the wrapped layers after the hidden set changed. */
  private refreshWrapped(): void {
    for (const layer of this.wrapped.keys()) layer.changed();
  }
}
