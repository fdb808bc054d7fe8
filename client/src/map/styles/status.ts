/**
 * Infrastructure assets with a lifecycle status. Cameras are coloured by status (the question managers
 * ask of them); other assets keep their layer colour and show the status by form: planned = hollow
 * and dashed, faulty = red ring, decommissioned = grey.
 */
import { Fill, RegularShape, Stroke, Style } from 'ol/style';
import type { StyleFunction } from 'ol/style/Style';
import type { FeatureLike } from 'ol/Feature';
import type { LayerStyleSpec } from '../../api/collections';
import { cachedStyle, circleStyle } from './common';
import { STATUS_COLORS } from './palette';
import { pointScale, zoomForResolution } from './zoom';

const HEADING_MIN_ZOOM = 15;

/** Style function for `cameras`: status colour, plus a heading arrow when zoomed in. */
export function cameraStyle(spec: LayerStyleSpec): StyleFunction {
  const radius = spec.radius ?? 4;
  return cachedStyle(
    (f, res) => {
      const zoom = zoomForResolution(res);
      const heading = Number(f.get('heading_deg'));
      const showHeading = zoom >= HEADING_MIN_ZOOM && Number.isFinite(heading);
      // Headings to the nearest 5° are indistinguishable on screen and keep the cache small.
      return `${String(f.get('status'))}|${showHeading ? Math.round(heading / 5) * 5 : ''}|${pointScale(zoom)}`;
    },
    (key) => {
      const [status, heading, scale] = key.split('|');
      const color = STATUS_COLORS[status] ?? spec.fill;
      const r = Math.max(2, (radius + 0.5) * Number(scale));
      const dot =
        status === 'planned'
          ? circleStyle('#ffffff', color, r, Number(scale) < 1 ? 1.5 : 2, [3, 2])
          : circleStyle(color, spec.stroke, r, Number(scale) < 1 ? 1 : 1.5);
      if (heading === '') return dot;
      return [headingArrow(color, Number(heading), radius), dot];
    },
  );
}

/** A small triangle just outside the symbol, pointing along the heading (degrees clockwise from north). */
function headingArrow(color: string, headingDeg: number, symbolRadiusPx: number): Style {
  const rad = (headingDeg * Math.PI) / 180;
  const offset = symbolRadiusPx + 6;
  return new Style({
    image: new RegularShape({
      points: 3,
      radius: 6,
      rotation: rad,
      // Displacement is in screen pixels with y up; the rotation does not apply to it.
      displacement: [Math.sin(rad) * offset, Math.cos(rad) * offset],
      fill: new Fill({ color }),
      stroke: new Stroke({ color: '#ffffff', width: 1 }),
    }),
  });
}

/** Style function for other status-bearing point layers (MAN nodes, Wi-Fi, BTS, gateways, sensors). */
export function statusPointStyle(spec: LayerStyleSpec): StyleFunction {
  return cachedStyle(
    (f, res) => `${String(f.get('status'))}|${pointScale(zoomForResolution(res))}`,
    (key) => {
      const [status, scale] = key.split('|');
      const k = Number(scale);
      const radius = Math.max(2, (spec.radius ?? 5) * k);
      if (status === 'planned') return circleStyle('#ffffff', spec.fill, radius, 2 * k, [3, 2]);
      if (status === 'faulty') return circleStyle(spec.fill, STATUS_COLORS.faulty, radius + k, 2.5 * k);
      if (status === 'decommissioned') return circleStyle(STATUS_COLORS.decommissioned, spec.stroke, radius, k);
      return circleStyle(spec.fill, spec.stroke, radius, 1.5 * k);
    },
  );
}

/** Style function for status-bearing lines (MAN links): width grows with capacity (Gbit/s). */
export function statusLineStyle(spec: LayerStyleSpec): StyleFunction {
  return cachedStyle(
    (f: FeatureLike) => {
      const capacity = Number(f.get('capacity_gbps'));
      const width = Number.isFinite(capacity) && capacity > 0 ? Math.min(6, 1.5 + Math.log10(capacity)) : 2;
      return `${String(f.get('status'))}|${width.toFixed(1)}`;
    },
    (key) => {
      const [status, width] = key.split('|');
      const w = Number(width);
      const halo = new Style({ stroke: new Stroke({ color: 'rgba(255,255,255,0.8)', width: w + 2 }), zIndex: 0 });
      const color =
        status === 'faulty' ? STATUS_COLORS.faulty : status === 'decommissioned' ? STATUS_COLORS.decommissioned : spec.stroke;
      const dash = status === 'planned' || status === 'decommissioned' ? [8, 6] : undefined;
      return [halo, new Style({ stroke: new Stroke({ color, width: w, lineDash: dash }), zIndex: 1 })];
    },
  );
}
