/**
 * How a plan's changes are drawn over the baseline: a coloured ring (points) or halo (lines, areas) says what
 * the change does — added green, moved or re-attributed amber, retired red with a cross — and the baseline
 * position of a moved feature is a grey dashed ghost with a dashed line to where the plan puts it.
 * A change that meets a baseline changed since the plan copied it carries a red "!".
 */
import { Circle, Fill, RegularShape, Stroke, Style, Text } from 'ol/style';
import type { FeatureLike } from 'ol/Feature';
import type { StyleFunction } from 'ol/style/Style';
import type { ChangeKind } from '../../lib/plan-changes';

/** Feature properties the overlay sets on its own features. */
export const PLAN_KIND = 'planKind';
export const PLAN_CONFLICT = 'planConflict';
/** On ghost features: 'ghost' (the baseline position) or 'link' (old to new position). */
export const GHOST_ROLE = 'ghostRole';

/** Ring and halo colours of each kind of change (also the change list's tags). */
export const CHANGE_COLORS: Record<ChangeKind, string> = {
  added: '#1e9e4a',
  moved: '#e08600',
  changed: '#e08600',
  retired: '#d03b3b',
};

const RING_RADIUS_PX = 11;

function decoration(kind: ChangeKind, conflict: boolean): Style[] {
  const color = CHANGE_COLORS[kind];
  const styles = [
    new Style({
      image: new Circle({ radius: RING_RADIUS_PX, stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 5 }) }),
      stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 9 }),
      zIndex: -2,
    }),
    new Style({
      image: new Circle({ radius: RING_RADIUS_PX, stroke: new Stroke({ color, width: 2.5 }) }),
      stroke: new Stroke({ color, width: 6, lineDash: kind === 'retired' ? [8, 6] : undefined }),
      fill: new Fill({ color: 'rgba(255,255,255,0.15)' }),
      zIndex: -1,
    }),
  ];
  if (kind === 'retired') {
    styles.push(new Style({
      image: new RegularShape({ points: 4, radius: 9, radius2: 0, angle: Math.PI / 4, stroke: new Stroke({ color, width: 3 }) }),
      zIndex: 3,
    }));
  }
  if (conflict) {
    styles.push(new Style({
      text: new Text({
        text: '!', font: 'bold 15px sans-serif', offsetX: 13, offsetY: -13,
        fill: new Fill({ color: '#ffffff' }), backgroundFill: new Fill({ color: '#d03b3b' }), padding: [0, 4, 0, 4],
      }),
      zIndex: 4,
    }));
  }
  return styles;
}

/**
 * The style of a plan's own features: the layer's usual symbol (`base`) over a ring or halo saying what the
 * change does.
 */
export function planFeatureStyle(base: StyleFunction): StyleFunction {
  const cache = new Map<string, Style[]>();
  return (feature: FeatureLike, resolution: number) => {
    const kind = feature.get(PLAN_KIND) as ChangeKind;
    const conflict = Boolean(feature.get(PLAN_CONFLICT));
    const key = `${kind}|${conflict}`;
    if (!cache.has(key)) cache.set(key, decoration(kind, conflict));
    // The layer's own symbols have no z-index (0): the ring and halo (−2, −1) go under them, marks (3, 4) over.
    const own = base(feature, resolution);
    return [...cache.get(key)!, ...(Array.isArray(own) ? own : own ? [own] : [])];
  };
}

const GHOST_GREY = '#6b7580';

/** The style of ghosts: the baseline position of a moved feature, and the dashed link to its new place. */
export function ghostStyle(): StyleFunction {
  const ghost = new Style({
    image: new Circle({ radius: 6, fill: new Fill({ color: 'rgba(255,255,255,0.6)' }), stroke: new Stroke({ color: GHOST_GREY, width: 2, lineDash: [3, 3] }) }),
    stroke: new Stroke({ color: GHOST_GREY, width: 2.5, lineDash: [6, 5] }),
    fill: new Fill({ color: 'rgba(107,117,128,0.12)' }),
  });
  const link = new Style({ stroke: new Stroke({ color: CHANGE_COLORS.moved, width: 1.8, lineDash: [4, 4] }) });
  return (feature) => (feature.get(GHOST_ROLE) === 'link' ? link : ghost);
}
