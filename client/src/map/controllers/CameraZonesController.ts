/**
 * Draws a camera's zones (one polygon per IEC 62676-4 level) and a heading handle the planner drags around the
 * camera; while dragging it reports the heading (degrees clockwise from north) so that the zones can be
 * recomputed. Web Mercator is conformal, so the bearing on the map is the bearing on the ground.
 */
import type Map from 'ol/Map';
import Feature from 'ol/Feature';
import GeoJSON from 'ol/format/GeoJSON';
import { LineString, Point } from 'ol/geom';
import PointerInteraction from 'ol/interaction/Pointer';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import type MapBrowserEvent from 'ol/MapBrowserEvent';
import { fromLonLat, toLonLat } from 'ol/proj';
import { unByKey } from 'ol/Observable';
import type { EventsKey } from 'ol/events';
import type { FeatureCollection } from '../../api/cctv';
import { HANDLE_STYLE, HEADING_LINE_STYLE, zoneStyle } from '../styles/cctv';

/** Distance of the handle from the camera, in screen pixels. */
export const HANDLE_DISTANCE_PX = 70;
const HANDLE_HIT_PX = 12;

export interface ZonesCallbacks {
  /** The heading while the handle is dragged (called on every move; throttle downstream). */
  onHeading(headingDeg: number): void;
  /** The heading where the drag ended. */
  onHeadingEnd(headingDeg: number): void;
}

export class CameraZonesController {
  private readonly zones = new VectorSource();
  private readonly handles = new VectorSource();
  private readonly zonesLayer = new VectorLayer({ source: this.zones, style: zoneStyle, zIndex: 900 });
  private readonly handleLayer = new VectorLayer({ source: this.handles, zIndex: 1100 });
  private readonly handle = new Feature(new Point([0, 0]));
  private readonly line = new Feature(new LineString([[0, 0], [0, 0]]));
  private readonly drag: PointerInteraction;
  private readonly keys: EventsKey[];
  private camera: number[] | null = null;
  private headingDeg = 0;
  private dragging = false;

  constructor(private readonly map: Map, callbacks: ZonesCallbacks) {
    this.handle.setStyle(HANDLE_STYLE);
    this.line.setStyle(HEADING_LINE_STYLE);
    map.addLayer(this.zonesLayer);
    map.addLayer(this.handleLayer);
    this.drag = new PointerInteraction({
      handleDownEvent: (e) => this.startDrag(e),
      handleDragEvent: (e) => callbacks.onHeading(this.dragTo(e)),
      handleUpEvent: (e) => {
        this.dragging = false;
        callbacks.onHeadingEnd(this.dragTo(e));
        return false;
      },
    });
    map.addInteraction(this.drag);
    this.keys = [map.getView().on('change:resolution', () => this.placeHandle())];
  }

  /** Shows a camera (lon/lat degrees) with its heading and zones (CRS84 FeatureCollection), replacing the last. */
  show(lonLat: [number, number], headingDeg: number, zones: FeatureCollection): void {
    this.camera = fromLonLat(lonLat);
    const projection = this.map.getView().getProjection();
    this.zones.clear();
    this.zones.addFeatures(new GeoJSON().readFeatures(zones, { dataProjection: 'EPSG:4326', featureProjection: projection }));
    if (!this.dragging) this.headingDeg = headingDeg;
    if (this.handles.getFeatures().length === 0) this.handles.addFeatures([this.line, this.handle]);
    this.placeHandle();
  }

  /** The zones shown, as GeoJSON in lon/lat (for tests and exports). */
  zonesGeoJson(): FeatureCollection {
    return JSON.parse(new GeoJSON().writeFeatures(this.zones.getFeatures(), { dataProjection: 'EPSG:4326', featureProjection: this.map.getView().getProjection() }));
  }

  /** Where the handle is drawn, as lon/lat degrees, or null when no camera is shown. */
  handleLonLat(): [number, number] | null {
    const geometry = this.handle.getGeometry() as Point;
    return this.camera ? (toLonLat(geometry.getCoordinates()) as [number, number]) : null;
  }

  clear(): void {
    this.camera = null;
    this.zones.clear();
    this.handles.clear();
  }

  destroy(): void {
    unByKey(this.keys);
    this.map.removeInteraction(this.drag);
    this.map.removeLayer(this.zonesLayer);
    this.map.removeLayer(this.handleLayer);
  }

  private placeHandle(): void {
    if (!this.camera) return;
    const r = HANDLE_DISTANCE_PX * (this.map.getView().getResolution() ?? 1);
    const a = (this.headingDeg * Math.PI) / 180;
    const tip = [this.camera[0] + r * Math.sin(a), this.camera[1] + r * Math.cos(a)];
    (this.handle.getGeometry() as Point).setCoordinates(tip);
    (this.line.getGeometry() as LineString).setCoordinates([this.camera, tip]);
  }

  private startDrag(e: MapBrowserEvent): boolean {
    if (!this.camera) return false;
    const at = this.map.getPixelFromCoordinate((this.handle.getGeometry() as Point).getCoordinates());
    if (!at || Math.hypot(at[0] - e.pixel[0], at[1] - e.pixel[1]) > HANDLE_HIT_PX) return false;
    this.dragging = true;
    return true;
  }

  private dragTo(e: MapBrowserEvent): number {
    if (!this.camera) return this.headingDeg;
    const [x, y] = e.coordinate;
    const heading = ((Math.atan2(x - this.camera[0], y - this.camera[1]) * 180) / Math.PI + 360) % 360;
    this.headingDeg = Math.round(heading * 10) / 10 % 360;
    this.placeHandle();
    return this.headingDeg;
  }
}
