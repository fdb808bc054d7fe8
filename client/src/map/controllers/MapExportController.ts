/**
 * Renders the map as one image from its own canvases: every layer OpenLayers drew (vector tiles, GeoJSON layers,
 * the WebGL heat map, OSM raster tiles) is copied with its opacity and transform into one canvas, so the export is
 * what the map shows. For print, the map is drawn once at a chosen pixel size over the same ground extent.
 */
import type Map from 'ol/Map';
import { getCenter, type Extent } from 'ol/extent';
import { getPointResolution } from 'ol/proj';

export interface MapImage {
  canvas: HTMLCanvasElement;
  /** Ground metres per image pixel at the map centre. */
  metresPerPixel: number;
  /** View rotation, radians (clockwise from north up); 0 in this app. */
  rotation: number;
}

// Longest wait for tiles when the map is redrawn at print size.
const RENDER_TIMEOUT_MS = 30_000;

export class MapExportController {
  constructor(private readonly map: Map) {}

  /** The map as it is on screen, at the screen's pixel ratio. */
  async current(): Promise<MapImage> {
    return this.afterRender(() => this.map.render());
  }

  /**
   * The map redrawn at `widthPx` × `heightPx` CSS pixels over (at least) the extent now in view, then put back as
   * it was. The screen shows the larger map for the moment it takes to load its tiles.
   */
  async atSize(widthPx: number, heightPx: number): Promise<MapImage> {
    const target = this.map.getTargetElement();
    const view = this.map.getView();
    const size = this.map.getSize();
    if (!target || !size) throw new Error('the map is not on screen');
    const extent: Extent = view.calculateExtent(size);
    const saved = { width: target.style.width, height: target.style.height, resolution: view.getResolution(), center: view.getCenter() };
    try {
      target.style.width = `${widthPx}px`;
      target.style.height = `${heightPx}px`;
      this.map.updateSize();
      view.setCenter(getCenter(extent));
      view.setResolution(Math.max((extent[2] - extent[0]) / widthPx, (extent[3] - extent[1]) / heightPx));
      return await this.afterRender(() => this.map.render());
    } finally {
      target.style.width = saved.width;
      target.style.height = saved.height;
      this.map.updateSize();
      view.setResolution(saved.resolution);
      view.setCenter(saved.center);
    }
  }

  /** Nothing to release: the controller adds no layer and no listener beyond one render. */
  destroy(): void {}

  /** Composes the canvases on the next complete render (WebGL canvases are only readable then). */
  private afterRender(trigger: () => void): Promise<MapImage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the map did not finish drawing')), RENDER_TIMEOUT_MS);
      this.map.once('rendercomplete', () => {
        clearTimeout(timer);
        try {
          resolve(this.compose());
        } catch (e) {
          reject(e);
        }
      });
      trigger();
    });
  }

  private compose(): MapImage {
    const size = this.map.getSize()!;
    const viewport = this.map.getViewport();
    if (!viewport) throw new Error('the map is not on screen');
    const layerCanvases = [...viewport.querySelectorAll<HTMLCanvasElement>('.ol-layers canvas')].filter((c) => c.width > 0);
    // OpenLayers draws at the device's pixel ratio (its default): so does the export.
    const pixelRatio = window.devicePixelRatio || 1;
    const out = document.createElement('canvas');
    out.width = Math.round(size[0] * pixelRatio);
    out.height = Math.round(size[1] * pixelRatio);
    const ctx = out.getContext('2d')!;
    // The map element's own background is the sea where no layer draws.
    ctx.fillStyle = getComputedStyle(this.map.getTargetElement()!).backgroundColor || '#ffffff';
    ctx.fillRect(0, 0, out.width, out.height);
    for (const canvas of layerCanvases) {
      const container = canvas.parentElement as HTMLElement | null;
      const opacity = Number(container?.style.opacity || canvas.style.opacity || 1);
      ctx.globalAlpha = Number.isFinite(opacity) ? opacity : 1;
      // OpenLayers places each canvas with a CSS matrix (canvas pixels to CSS pixels); scale that to output pixels.
      // A canvas without a matrix (WebGL) is only sized by CSS.
      const m = /matrix\(([^)]+)\)/.exec(canvas.style.transform)?.[1].split(',').map(Number) ?? [
        (parseFloat(canvas.style.width) || size[0]) / canvas.width, 0, 0, (parseFloat(canvas.style.height) || size[1]) / canvas.height, 0, 0,
      ];
      ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
      ctx.transform(m[0], m[1], m[2], m[3], m[4], m[5]);
      ctx.drawImage(canvas, 0, 0);
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = 1;
    const view = this.map.getView();
    const resolution = view.getResolution() ?? 1;
    const metresPerCssPixel = getPointResolution(view.getProjection(), resolution, view.getCenter() ?? [0, 0], 'm');
    return { canvas: out, metresPerPixel: metresPerCssPixel / pixelRatio, rotation: view.getRotation() };
  }
}
