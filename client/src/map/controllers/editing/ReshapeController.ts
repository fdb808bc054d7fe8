/**
 * Changes the edited feature with the pointer: its vertices (drag a vertex or an edge, Alt+click removes a
 * vertex) or, in `move` mode, the whole feature (translate). Each finished gesture hands the new geometry over.
 */
import type Map from 'ol/Map';
import type Collection from 'ol/Collection';
import type Feature from 'ol/Feature';
import Modify from 'ol/interaction/Modify';
import Translate from 'ol/interaction/Translate';
import type { Geometry } from 'ol/geom';

export type ReshapeMode = 'vertices' | 'move';

export class ReshapeController {
  private readonly interaction: Modify | Translate;

  constructor(
    private readonly map: Map,
    features: Collection<Feature>,
    mode: ReshapeMode,
    callbacks: { onStart?: () => void; onEnd: (geometry: Geometry) => void },
  ) {
    const finished = (feature: Feature | undefined) => {
      const geometry = feature?.getGeometry();
      if (geometry) callbacks.onEnd(geometry.clone());
    };
    if (mode === 'move') {
      const translate = new Translate({ features });
      translate.on('translatestart', () => callbacks.onStart?.());
      translate.on('translateend', (e) => finished(e.features.item(0)));
      this.interaction = translate;
    } else {
      const modify = new Modify({ features, pixelTolerance: 10 });
      modify.on('modifystart', () => callbacks.onStart?.());
      modify.on('modifyend', (e) => finished(e.features.item(0) as Feature));
      this.interaction = modify;
    }
    map.addInteraction(this.interaction);
  }

  destroy(): void {
    this.map.removeInteraction(this.interaction);
  }
}
