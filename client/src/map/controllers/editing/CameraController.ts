/**
 * The camera placement tool. Press on the map and drag: the camera is placed where the press was and aimed
 * along the drag (heading clockwise from north). Press on the selected camera and drag: it is re-aimed. A click
 * on another camera selects that camera. The field-of-view sector follows the heading while dragging (the edit
 * layer draws it from the store, which this tool keeps informed at every move).
 */
import type Map from 'ol/Map';
import type MapBrowserEvent from 'ol/MapBrowserEvent';
import PointerInteraction from 'ol/interaction/Pointer';
import { fromLonLat, toLonLat } from 'ol/proj';
import { headingDeg } from '../../../lib/editing/fov';
import { featureIdAt } from './PickController';

/** Pixels around the selected camera where a press re-aims it rather than placing a new one. */
const GRAB_TOLERANCE_PX = 14;
/** A drag shorter than this (pixels) is a click: it does not change the heading. */
const MIN_AIM_PX = 6;

export interface CameraCallbacks {
  /** Position (lon/lat) of the selected camera, if there is one. */
  selected(): number[] | null;
  /** A click on another camera of the layer. */
  onPick(featureId: string): void;
  /** A new camera at lon/lat (before it is aimed). */
  onPlace(lonLat: number[]): void;
  /** The heading while dragging (degrees); `done` on release. */
  onAim(headingDegrees: number, done: boolean): void;
}

export class CameraController {
  private readonly interaction: PointerInteraction;

  constructor(
    private readonly map: Map,
    collectionId: string,
    callbacks: CameraCallbacks,
  ) {
    const projection = map.getView().getProjection();
    let origin: number[] | null = null;
    let startPixel: number[] = [];
    let aimed = false;
    // The aim follows the pointer itself: snapping places the camera, it does not bend the heading.
    const rawPixel = (e: MapBrowserEvent) => map.getEventPixel(e.originalEvent);
    const headingTo = (e: MapBrowserEvent) => headingDeg(origin!, toLonLat(map.getCoordinateFromPixel(rawPixel(e)), projection));
    this.interaction = new PointerInteraction({
      handleDownEvent: (e) => {
        const selected = callbacks.selected();
        const selectedPixel = selected ? map.getPixelFromCoordinate(fromLonLat(selected, projection)) : null;
        startPixel = rawPixel(e);
        aimed = false;
        if (selectedPixel && Math.hypot(selectedPixel[0] - e.pixel[0], selectedPixel[1] - e.pixel[1]) <= GRAB_TOLERANCE_PX) {
          origin = selected;
          return true;
        }
        const other = featureIdAt(map, e.pixel, collectionId);
        if (other) {
          callbacks.onPick(other);
          return false;
        }
        origin = toLonLat(e.coordinate, projection);
        callbacks.onPlace(origin);
        return true;
      },
      handleDragEvent: (e) => {
        const pixel = rawPixel(e);
        if (!origin || Math.hypot(pixel[0] - startPixel[0], pixel[1] - startPixel[1]) < MIN_AIM_PX) return;
        aimed = true;
        callbacks.onAim(headingTo(e), false);
      },
      handleUpEvent: (e) => {
        if (origin && aimed) callbacks.onAim(headingTo(e), true);
        origin = null;
        return false;
      },
    });
    map.addInteraction(this.interaction);
  }

  destroy(): void {
    this.map.removeInteraction(this.interaction);
  }
}
