/**
 * Hooks for end-to-end tests, exposed as `window.__app`. Installed only outside production builds,
 * or in a production build opened with `?test` in the URL (so e2e tests can drive the built client).
 *
 *   __app.map                               the ol/Map
 *   __app.featurePixel(collectionId, id?)   client [x, y] (for page.mouse.click) of a loaded feature, or of
 *                                           the first one in view when no id is given; null when none is in view
 *   __app.loadedFeatureIds(collectionId)    ids of the features loaded/rendered in the view
 *   __app.setView(lon, lat, zoom)           recentres the map (degrees, WGS 84)
 *   __app.pixelOf(lon, lat)                 client [x, y] (for page.mouse) of a WGS 84 position (degrees)
 *   __app.whenRendered()                    resolves after the next complete render (tiles and features loaded)
 *   __app.thematic?.lastDrawn()             the thematic drawing last completed on screen ({ key, atMs }: key starts
 *                                           with `<indicator>|<level>|`, atMs is performance.now() at that render)
 */
import type Map from 'ol/Map';
import { fromLonLat } from 'ol/proj';
import { LayersController } from './controllers/LayersController';

export interface TestHooks {
  map: Map;
  featurePixel(collectionId: string, featureId?: string): [number, number] | null;
  loadedFeatureIds(collectionId: string): string[];
  setView(lonDeg: number, latDeg: number, zoom: number): void;
  pixelOf(lonDeg: number, latDeg: number): [number, number] | null;
  whenRendered(): Promise<void>;
  thematic?: ThematicTestHooks;
}

export interface ThematicTestHooks {
  lastDrawn(): { key: string | null; atMs: number };
}

let thematicHooks: ThematicTestHooks | undefined;

/** Sets (or, with undefined, removes) the thematic map's hooks, read through `__app.thematic`. */
export function setThematicTestHooks(hooks: ThematicTestHooks | undefined): void {
  thematicHooks = hooks;
}

declare global {
  interface Window {
    __app?: TestHooks;
  }
}

/** True when the test hooks may be installed. */
export function testHooksEnabled(): boolean {
  return import.meta.env.MODE !== 'production' || new URLSearchParams(window.location.search).has('test');
}

/** Installs `window.__app`; returns a function that removes it. */
export function installTestHooks(map: Map, layers: LayersController): () => void {
  window.__app = {
    map,
    featurePixel(collectionId, featureId) {
      const features = layers.loadedFeatures(collectionId);
      const candidates = featureId ? features.filter((f) => String(f.getId()) === featureId) : features;
      const size = map.getSize();
      const box = map.getTargetElement()?.getBoundingClientRect();
      if (!size || !box) return null;
      for (const feature of candidates) {
        const anchor = LayersController.anchorOf(feature);
        const pixel = anchor && map.getPixelFromCoordinate(anchor);
        if (!pixel || pixel[0] < 0 || pixel[1] < 0 || pixel[0] > size[0] || pixel[1] > size[1]) continue;
        const client: [number, number] = [box.left + pixel[0], box.top + pixel[1]];
        // Skip features under the panels and controls that float over the map: a click would hit them.
        const top = document.elementFromPoint(client[0], client[1]);
        if (top && map.getViewport()?.contains(top) && !top.closest('.ol-control')) return client;
      }
      return null;
    },
    loadedFeatureIds(collectionId) {
      return layers.loadedFeatures(collectionId).map((f) => String(f.getId()));
    },
    setView(lon, lat, zoom) {
      map.getView().setCenter(fromLonLat([lon, lat]));
      map.getView().setZoom(zoom);
    },
    get thematic() {
      return thematicHooks;
    },
    pixelOf(lon, lat) {
      const pixel = map.getPixelFromCoordinate(fromLonLat([lon, lat], map.getView().getProjection()));
      const box = map.getTargetElement()?.getBoundingClientRect();
      return pixel && box ? [box.left + pixel[0], box.top + pixel[1]] : null;
    },
    whenRendered() {
      return new Promise((resolve) => {
        map.once('rendercomplete', () => resolve());
        map.render();
      });
    },
  };
  return () => {
    if (window.__app?.map === map) delete window.__app;
  };
}
