/**
 * Draws the thematic map: a choropleth of administrative units (from the `admin_units` vector tiles, coloured by
 * unit code), proportional circles at the units' inner points, or a heat map of a point layer. Reports the unit
 * under the pointer and clicked units as plain codes; the classes and colours come from the store.
 */
import type Map from 'ol/Map';
import type MapBrowserEvent from 'ol/MapBrowserEvent';
import Feature, { type FeatureLike } from 'ol/Feature';
import Point from 'ol/geom/Point';
import HeatmapLayer from 'ol/layer/Heatmap';
import VectorLayer from 'ol/layer/Vector';
import VectorTileLayer from 'ol/layer/VectorTile';
import MVT from 'ol/format/MVT';
import VectorSource from 'ol/source/Vector';
import VectorTileSource from 'ol/source/VectorTile';
import { Circle, Fill, Stroke, Style } from 'ol/style';
import { fromLonLat, transformExtent } from 'ol/proj';
import { unByKey } from 'ol/Observable';
import type { EventsKey } from 'ol/events';
import { hexWithAlpha } from '../../lib/ramps';
import type { ThematicMode } from '../../lib/url-state';

/** What to draw; null hides the thematic map. */
export interface ThematicDrawing {
  /** Identifies what is drawn (indicator, level, classes…), for the test hook that times the drawing. */
  key: string;
  mode: ThematicMode;
  level: string;
  colorByCode: ReadonlyMap<string, string>;
  selectedCode: string | null;
  /** Heat-map colours from sparse to dense. */
  heatGradient: string[];
  /** Proportional symbols: one per unit with a value ≥ 0. */
  symbols: { code: string; lonLat: [number, number]; value: number; color: string }[];
}

export interface ThematicCallbacks {
  onHover(code: string | null, clientXY: [number, number]): void;
  onSelect(code: string): void;
}

const CHOROPLETH_Z = 150;
// Above the administrative boundaries (300) and lines, below point layers (400).
const SELECTION_Z = 350;
const HEATMAP_Z = 160;
const SYMBOLS_Z = 450;
const FILL_ALPHA = 0.78;
/** Radius of the largest proportional circle, pixels; circle areas are proportional to the values. */
const MAX_SYMBOL_RADIUS_PX = 26;
/** A point weighs 1 in a heat map of up to this many points, and proportionally less in a larger one. */
const HEAT_WEIGHT_POINTS = 200;
const SELECTED = new Stroke({ color: '#111111', width: 3.2 });
// A white halo under the black line keeps the outline readable over dark classes.
const SELECTED_STYLE = [new Style({ stroke: new Stroke({ color: '#ffffff', width: 6 }) }), new Style({ stroke: SELECTED })];

export class ThematicController {
  private readonly choropleth: VectorTileLayer;
  /** The selected unit's outline, above the boundary layers (same tiles as the choropleth). */
  private readonly selection: VectorTileLayer;
  private readonly symbolSource = new VectorSource();
  private readonly symbols: VectorLayer;
  private readonly heatSource = new VectorSource();
  private readonly heatmap: HeatmapLayer;
  private readonly keys: EventsKey[];
  private drawing: ThematicDrawing | null = null;
  private readonly styleCache = new globalThis.Map<string, Style>();
  private drawnKey: string | null = null;
  private drawnAtMs = 0;

  constructor(
    private readonly map: Map,
    tileUrlTemplate: string,
    callbacks: ThematicCallbacks,
  ) {
    this.choropleth = new VectorTileLayer({
      source: new VectorTileSource({ format: new MVT({ idProperty: 'id' }), url: tileUrlTemplate, tileSize: 256, maxZoom: 16 }),
      style: (f) => this.unitStyle(f),
      zIndex: CHOROPLETH_Z,
      visible: false,
    });
    this.selection = new VectorTileLayer({
      source: this.choropleth.getSource() ?? undefined,
      style: (f) => (this.drawing && String(f.get('code')) === this.drawing.selectedCode ? SELECTED_STYLE : undefined),
      zIndex: SELECTION_Z,
      visible: false,
    });
    this.symbols = new VectorLayer({ source: this.symbolSource, style: (f) => this.symbolStyle(f), zIndex: SYMBOLS_Z, visible: false });
    this.heatmap = new HeatmapLayer({ source: this.heatSource, radius: 10, blur: 16, zIndex: HEATMAP_Z, visible: false });
    for (const layer of this.layers()) map.addLayer(layer);
    this.keys = [
      map.on('pointermove', (e: MapBrowserEvent) => {
        if (e.dragging || !this.drawing) return;
        const code = this.unitAt(e.pixel);
        const event = e.originalEvent as PointerEvent;
        callbacks.onHover(code, [event.clientX, event.clientY]);
      }),
      map.on('singleclick', (e: MapBrowserEvent) => {
        const code = this.drawing ? this.unitAt(e.pixel) : null;
        if (code) callbacks.onSelect(code);
      }),
      map.on('rendercomplete', () => {
        if (this.drawing && this.drawnKey !== this.drawing.key) {
          this.drawnKey = this.drawing.key;
          this.drawnAtMs = performance.now();
        }
      }),
    ];
  }

  /** Draws (or, with null, hides) the thematic map. */
  draw(drawing: ThematicDrawing | null): void {
    this.drawing = drawing;
    this.styleCache.clear();
    this.choropleth.setVisible(drawing !== null);
    this.selection.setVisible(drawing !== null && drawing.selectedCode !== null);
    this.symbols.setVisible(drawing?.mode === 'symbols');
    this.heatmap.setVisible(drawing?.mode === 'heatmap');
    if (drawing?.mode === 'heatmap') this.heatmap.setGradient(drawing.heatGradient);
    this.symbolSource.clear(true);
    if (drawing?.mode === 'symbols') this.symbolSource.addFeatures(this.symbolFeatures(drawing));
    this.choropleth.changed();
    this.selection.changed();
    this.map.render();
  }

  /** Positions of the heat map's points, flat [lon, lat, …] in degrees. */
  setHeatPoints(coordinates: readonly number[]): void {
    const features: Feature[] = [];
    // Lighter points when there are many, so a dense city does not saturate into one colour.
    const weight = Math.min(1, HEAT_WEIGHT_POINTS / Math.max(1, coordinates.length / 2));
    for (let i = 0; i + 1 < coordinates.length; i += 2) {
      features.push(new Feature({ geometry: new Point(fromLonLat([coordinates[i], coordinates[i + 1]])), weight }));
    }
    this.heatSource.clear(true);
    this.heatSource.addFeatures(features);
  }

  /** Brings a unit's bounding box (degrees) into view unless it is already wholly visible. */
  focus(bboxDeg: readonly number[]): void {
    const view = this.map.getView();
    const extent = transformExtent(bboxDeg as number[], 'EPSG:4326', view.getProjection());
    const visible = view.calculateExtent(this.map.getSize());
    const inside = extent[0] >= visible[0] && extent[1] >= visible[1] && extent[2] <= visible[2] && extent[3] <= visible[3];
    if (!inside) view.fit(extent, { padding: [60, 60, 60, 340], duration: 300, maxZoom: 15 });
  }

  /** The key of the last drawing that reached the screen complete (tiles loaded), and when (performance.now()). */
  lastDrawn(): { key: string | null; atMs: number } {
    return { key: this.drawnKey, atMs: this.drawnAtMs };
  }

  /** Removes the layers and listeners. */
  destroy(): void {
    unByKey(this.keys);
    for (const layer of this.layers()) this.map.removeLayer(layer);
  }

  private layers() {
    return [this.choropleth, this.heatmap, this.selection, this.symbols];
  }

  private unitAt(pixel: number[]): string | null {
    const level = this.drawing?.level;
    let code: string | null = null;
    this.map.forEachFeatureAtPixel(pixel, (f, layer) => {
      // Units of another level are drawn only as the selection's outline: not a hover target.
      if (layer === this.symbols || f.get('level') === level) {
        code = String(f.get('code'));
        return true;
      }
      return undefined;
    }, { layerFilter: (l) => l === this.choropleth || l === this.symbols });
    return code;
  }

  private unitStyle(f: FeatureLike): Style | undefined {
    const d = this.drawing;
    if (!d) return undefined;
    const code = String(f.get('code'));
    const ofLevel = f.get('level') === d.level;
    const selected = code === d.selectedCode;
    if (!ofLevel && !selected) return undefined;
    // Symbols and heat maps keep the units as outlines, so the circles and the heat stay readable.
    const fill = ofLevel && d.mode === 'choropleth' ? hexWithAlpha(d.colorByCode.get(code) ?? '#d9d9d9', FILL_ALPHA) : null;
    const key = `${fill}|${selected}|${ofLevel}`;
    let style = this.styleCache.get(key);
    if (!style) {
      style = new Style({
        fill: fill ? new Fill({ color: fill }) : ofLevel ? new Fill({ color: 'rgba(0,0,0,0)' }) : undefined,
        stroke: selected ? undefined : new Stroke({ color: 'rgba(255,255,255,0.9)', width: 0.8 }),
        zIndex: 1,
      });
      this.styleCache.set(key, style);
    }
    return style;
  }

  private symbolFeatures(d: ThematicDrawing): Feature[] {
    const max = Math.max(0, ...d.symbols.map((s) => s.value));
    return d.symbols.map((s) => {
      const feature = new Feature({ geometry: new Point(fromLonLat(s.lonLat)), code: s.code, color: s.color });
      feature.set('radius', max > 0 ? MAX_SYMBOL_RADIUS_PX * Math.sqrt(s.value / max) : 0);
      return feature;
    });
  }

  private symbolStyle(f: FeatureLike): Style {
    const selected = f.get('code') === this.drawing?.selectedCode;
    return new Style({
      image: new Circle({
        radius: Math.max(2, f.get('radius') as number),
        fill: new Fill({ color: hexWithAlpha(f.get('color') as string, 0.85) }),
        stroke: selected ? SELECTED : new Stroke({ color: '#ffffff', width: 1.2 }),
      }),
      // Small circles on top of big ones, so none hides another.
      zIndex: 1000 - (f.get('radius') as number),
    });
  }
}
