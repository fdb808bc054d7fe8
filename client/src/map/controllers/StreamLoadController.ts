/**
 * Draws a stream-load result on the map: MAN links coloured by utilisation (overloaded red and thicker, near
 * capacity orange), nodes by their own utilisation, and a tooltip with the load of the link or node under the
 * pointer. One vector layer above the collection layers; `focus` zooms to one link or node and marks it.
 */
import type Map from 'ol/Map';
import Feature from 'ol/Feature';
import Overlay from 'ol/Overlay';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import GeoJSON from 'ol/format/GeoJSON';
import { Circle, Fill, Stroke, Style } from 'ol/style';
import type { FeatureLike } from 'ol/Feature';
import type { EventsKey } from 'ol/events';
import { unByKey } from 'ol/Observable';
import type { FeatureCollection } from 'geojson';
import type { LinkLoad, NodeLoad } from '../../api/architecture';
import { utilisationClass } from '../styles/utilisation';

/** Layer property marking the stream-load layer (tests find it by this). */
export const STREAM_LOAD_LAYER = 'streamLoad';
const Z_INDEX = 450;
const NODE_RADIUS_PX: Record<string, number> = { data_centre: 9, ioc: 8, core: 7, aggregation: 6, access: 4 };

/** Formats a tooltip line; the component passes a translated formatter. */
export type Describe = (kind: 'link' | 'node', properties: LinkLoad | NodeLoad) => string;

function linkStyle(p: LinkLoad, focused: boolean): Style[] {
  const cls = utilisationClass(p.level, p.utilisation_pct);
  const width = p.level === 'over' ? 7 : p.level === 'near' ? 5.5 : 4;
  const dash = p.level === 'out_of_service' ? [6, 6] : undefined;
  return [
    // A dark casing sets overloaded links apart from red road symbols; a cyan one marks the focused link.
    new Style({ stroke: new Stroke({ color: focused ? '#00e5ff' : p.level === 'over' ? '#4a0000' : 'rgba(255,255,255,0.9)', width: width + (focused ? 8 : 3) }), zIndex: 1 }),
    new Style({ stroke: new Stroke({ color: cls.color, width, lineDash: dash }), zIndex: p.level === 'over' ? 4 : p.level === 'near' ? 3 : 2 }),
  ];
}

function nodeStyle(p: NodeLoad, focused: boolean): Style {
  const cls = utilisationClass(p.level, p.utilisation_pct);
  return new Style({
    image: new Circle({
      radius: (NODE_RADIUS_PX[p.kind] ?? 5) + (focused ? 3 : 0),
      fill: new Fill({ color: cls.color }),
      stroke: new Stroke({ color: focused ? '#00e5ff' : '#263238', width: focused ? 3 : 1.5 }),
    }),
    zIndex: 10,
  });
}

export class StreamLoadController {
  private readonly source = new VectorSource();
  private readonly layer: VectorLayer<VectorSource>;
  private readonly tooltip: Overlay;
  private readonly keys: EventsKey[];
  private focusedId: string | null = null;

  constructor(private readonly map: Map, private readonly describe: Describe) {
    this.layer = new VectorLayer({ source: this.source, zIndex: Z_INDEX, style: (f) => this.styleOf(f) });
    this.layer.set(STREAM_LOAD_LAYER, true);
    map.addLayer(this.layer);
    const element = document.createElement('div');
    element.className = 'stream-load-tooltip';
    element.setAttribute('data-testid', 'stream-load-tooltip');
    Object.assign(element.style, {
      background: 'rgba(33,33,33,0.88)', color: '#fff', padding: '4px 8px', borderRadius: '4px', fontSize: '12px',
      whiteSpace: 'pre', pointerEvents: 'none', display: 'none',
    });
    this.tooltip = new Overlay({ element, offset: [12, 0], positioning: 'center-left' });
    map.addOverlay(this.tooltip);
    this.keys = [map.on('pointermove', (e) => this.hover(e.pixel, e.coordinate, e.dragging))];
  }

  /** Shows a result (replacing the previous one); GeoJSON in WGS 84. */
  show(links: FeatureCollection, nodes: FeatureCollection): void {
    const format = new GeoJSON();
    const projection = this.map.getView().getProjection();
    const read = (fc: FeatureCollection, kind: string) => {
      const features = format.readFeatures(fc, { dataProjection: 'EPSG:4326', featureProjection: projection }) as Feature[];
      for (const f of features) f.set('streamLoadKind', kind);
      return features;
    };
    this.source.clear();
    this.source.addFeatures([...read(links, 'link'), ...read(nodes, 'node')]);
    this.focusedId = null;
  }

  /** Zooms to a link or node of the result and marks it. */
  focus(id: string): void {
    const feature = this.source.getFeatureById(id);
    if (!feature) return;
    this.focusedId = id;
    this.layer.changed();
    const extent = feature.getGeometry()!.getExtent();
    this.map.getView().fit(extent, { padding: [120, 120, 120, 380], maxZoom: 15, duration: 300 });
  }

  /** Ids of the shown links at a level (tests and the table read the map through this). */
  linkIdsAt(level: string): string[] {
    return this.source.getFeatures()
      .filter((f) => f.get('streamLoadKind') === 'link' && f.get('level') === level)
      .map((f) => String(f.getId()));
  }

  /** Removes the result from the map. */
  clear(): void {
    this.source.clear();
    this.tooltip.getElement()!.style.display = 'none';
  }

  destroy(): void {
    unByKey(this.keys);
    this.map.removeOverlay(this.tooltip);
    this.map.removeLayer(this.layer);
  }

  private styleOf(feature: FeatureLike): Style | Style[] {
    const focused = feature.getId() === this.focusedId;
    const properties = feature.getProperties();
    return feature.get('streamLoadKind') === 'node' ? nodeStyle(properties as NodeLoad, focused) : linkStyle(properties as LinkLoad, focused);
  }

  private hover(pixel: number[], coordinate: number[], dragging: boolean): void {
    const element = this.tooltip.getElement()!;
    const feature = dragging ? undefined : this.map.forEachFeatureAtPixel(pixel, (f) => f, { hitTolerance: 4, layerFilter: (l) => l === this.layer });
    if (!feature) {
      element.style.display = 'none';
      return;
    }
    const kind = feature.get('streamLoadKind') as 'link' | 'node';
    element.textContent = this.describe(kind, feature.getProperties() as LinkLoad | NodeLoad);
    element.style.display = 'block';
    // Beyond the middle of the map the tooltip opens to the left, so it is not cut off at the edge.
    const right = pixel[0] > (this.map.getSize()?.[0] ?? 0) / 2;
    this.tooltip.setPositioning(right ? 'center-right' : 'center-left');
    this.tooltip.setOffset(right ? [-12, 0] : [12, 0]);
    this.tooltip.setPosition(coordinate);
  }
}
