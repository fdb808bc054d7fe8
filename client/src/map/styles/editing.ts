/**
 * Cartography of the editing tools: the feature being edited (with its vertices), a new unsaved feature, the
 * camera's field of view, the selection, and the measure sketch. Bright colours that no data layer uses.
 */
import { Circle, Fill, Stroke, Style, Text } from 'ol/style';
import MultiPoint from 'ol/geom/MultiPoint';
import type { Geometry } from 'ol/geom';
import type { FeatureLike } from 'ol/Feature';
import type { StyleFunction } from 'ol/style/Style';

const EDIT_COLOR = '#ff6d00';
const SELECT_COLOR = '#00b8d4';
const FOV_COLOR = 'rgba(41, 98, 255, 0.22)';

/** The vertices of a line or polygon as points (so that the user sees what can be dragged). */
function vertices(feature: FeatureLike): Geometry | undefined {
  const geometry = feature.getGeometry() as Geometry | undefined;
  if (!geometry || geometry.getType() === 'Point') return undefined;
  const flat = (geometry as unknown as { getFlatCoordinates(): number[]; getStride(): number });
  const coords: number[][] = [];
  const data = flat.getFlatCoordinates();
  const stride = flat.getStride();
  for (let i = 0; i < data.length; i += stride) coords.push([data[i], data[i + 1]]);
  return new MultiPoint(coords);
}

const vertexStyle = new Style({
  image: new Circle({ radius: 4, fill: new Fill({ color: '#ffffff' }), stroke: new Stroke({ color: EDIT_COLOR, width: 2 }) }),
  geometry: vertices,
});

/** The feature being edited: orange outline over a light fill, white vertex handles; dashed while unsaved. */
export function editStyle(): StyleFunction {
  const saved = new Style({
    stroke: new Stroke({ color: EDIT_COLOR, width: 3 }),
    fill: new Fill({ color: 'rgba(255, 109, 0, 0.12)' }),
    image: new Circle({ radius: 7, fill: new Fill({ color: EDIT_COLOR }), stroke: new Stroke({ color: '#ffffff', width: 2 }) }),
  });
  const draft = new Style({
    stroke: new Stroke({ color: EDIT_COLOR, width: 3, lineDash: [8, 5] }),
    fill: new Fill({ color: 'rgba(255, 109, 0, 0.12)' }),
    image: new Circle({ radius: 7, fill: new Fill({ color: '#ffffff' }), stroke: new Stroke({ color: EDIT_COLOR, width: 3 }) }),
  });
  const fov = new Style({ fill: new Fill({ color: FOV_COLOR }), stroke: new Stroke({ color: '#2962ff', width: 1.5 }) });
  return (feature) => {
    const role = feature.get('role');
    if (role === 'fov') return fov;
    return [role === 'draft' ? draft : saved, vertexStyle];
  };
}

/** Selected features: a cyan halo. */
export function selectionStyle(): Style {
  return new Style({
    stroke: new Stroke({ color: SELECT_COLOR, width: 4 }),
    fill: new Fill({ color: 'rgba(0, 184, 212, 0.18)' }),
    image: new Circle({ radius: 9, stroke: new Stroke({ color: SELECT_COLOR, width: 3 }), fill: new Fill({ color: 'rgba(0, 184, 212, 0.25)' }) }),
  });
}

/** The measure sketch, with its result as a label at the last point. */
export function measureStyle(label: () => string): StyleFunction {
  const line = new Style({
    stroke: new Stroke({ color: '#263238', width: 2.5, lineDash: [10, 6] }),
    fill: new Fill({ color: 'rgba(38, 50, 56, 0.12)' }),
    image: new Circle({ radius: 4, fill: new Fill({ color: '#263238' }) }),
  });
  return () => [
    line,
    new Style({
      text: new Text({
        text: label(),
        font: '600 13px system-ui, sans-serif',
        fill: new Fill({ color: '#ffffff' }),
        backgroundFill: new Fill({ color: 'rgba(38, 50, 56, 0.85)' }),
        padding: [3, 6, 3, 6],
        offsetY: -16,
        overflow: true,
      }),
    }),
  ];
}
