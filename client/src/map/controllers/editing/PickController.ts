/**
 * A click on a feature of one collection names it, so the store can load it for editing (vertex, move and split
 * tools, the camera tool on an existing camera). Only the collection being edited is considered.
 */
import type Map from 'ol/Map';
import type MapBrowserEvent from 'ol/MapBrowserEvent';
import { unByKey } from 'ol/Observable';
import type { EventsKey } from 'ol/events';
import { COLLECTION_ID } from '../../layer-factory';

const HIT_TOLERANCE_PX = 5;

/** The id of the top-most feature of `collectionId` at a pixel, if any. */
export function featureIdAt(map: Map, pixel: number[], collectionId: string): string | undefined {
  let found: string | undefined;
  map.forEachFeatureAtPixel(
    pixel,
    (feature) => {
      const id = feature.getId();
      if (id === undefined) return undefined;
      found = String(id);
      return true;
    },
    { hitTolerance: HIT_TOLERANCE_PX, layerFilter: (l) => l.get(COLLECTION_ID) === collectionId },
  );
  return found;
}

export class PickController {
  private readonly key: EventsKey;

  constructor(
    private readonly map: Map,
    collectionId: () => string | null,
    onPick: (featureId: string) => void,
  ) {
    this.key = map.on('singleclick', (e: MapBrowserEvent) => {
      const id = collectionId();
      const featureId = id ? featureIdAt(map, e.pixel, id) : undefined;
      if (featureId) onPick(featureId);
    });
  }

  destroy(): void {
    unByKey(this.key);
  }
}
