/**
 * Colours of MAN links and nodes by utilisation (load / capacity), shared by the stream-load map layer and its
 * legend. Overloaded (> 100 %) is red and near capacity (≥ the analysis threshold, 80 % by default) orange, as
 * the server flags them; below the threshold, classes of the utilisation. Plain data: no OpenLayers here.
 */
import type { LoadLevel } from '../../api/architecture';

export interface UtilisationClass {
  /** Legend key (i18n under cctvArchitecture.legend). */
  key: string;
  color: string;
  /** Upper bound in percent for the classes below the threshold. */
  maxPct?: number;
}

export const UTILISATION_CLASSES: readonly UtilisationClass[] = [
  { key: 'idle', color: '#4575b4', maxPct: 25 },
  { key: 'low', color: '#1a9850', maxPct: 50 },
  { key: 'moderate', color: '#d9c62b' },
  { key: 'near', color: '#f46d43' },
  { key: 'over', color: '#d73027' },
  { key: 'unreachable', color: '#8e24aa' },
  { key: 'outOfService', color: '#9e9e9e' },
];

const byKey = Object.fromEntries(UTILISATION_CLASSES.map((c) => [c.key, c]));

/** The legend class of a link or node: its level first, then its utilisation in percent. */
export function utilisationClass(level: LoadLevel, pct: number | null): UtilisationClass {
  if (level === 'over') return byKey.over;
  if (level === 'near') return byKey.near;
  if (level === 'unreachable') return byKey.unreachable;
  if (level === 'out_of_service' || level === 'no_capacity' || pct === null) return byKey.outOfService;
  if (pct < 25) return byKey.idle;
  if (pct < 50) return byKey.low;
  return byKey.moderate;
}
