/**
 * The map's state in the page URL, so that a link opens the same view (pure functions; the composable
 * `useUrlState` connects them to the stores and the map). Parameters, all optional:
 *
 *   tab=thematic                     side-panel tab
 *   layers=roads,cameras             visible collections (absent: every layer visible); `layers=` hides all
 *   osm=1                            the OpenStreetMap base map
 *   view=108.22000,16.06000,13.50    map centre (WGS 84 lon, lat in degrees) and zoom level
 *   plan=<uuid>                      the plan the map shows (absent: the baseline)
 *   ind=cameras_per_km2              thematic indicator (absent: no thematic map)
 *   lvl=ward                         administrative level of the thematic map
 *   cls=jenks  k=5                   classification method (quantile, equal, jenks, manual) and classes (3–9)
 *   brk=10,20,40                     manual interior breaks (with cls=manual)
 *   ramp=viridis                     colour ramp
 *   mode=choropleth                  choropleth, symbols (proportional circles) or heatmap
 *   heat=cameras                     point layer of the heat map
 *   sel=480201                       selected administrative unit (code)
 *   dash=1                           the dashboard is open
 * Anything else in the URL (such as `?test`) is kept as it is.
 */
import { CLASSIFICATION_METHODS, clampClasses, type ClassificationMethod } from './classification';
import { RAMPS, type RampId } from './ramps';

export type ThematicMode = 'choropleth' | 'symbols' | 'heatmap';
export const THEMATIC_MODES: readonly ThematicMode[] = ['choropleth', 'symbols', 'heatmap'];

export interface ThematicUrlState {
  indicator: string;
  level?: string;
  method: ClassificationMethod;
  classes: number;
  manualBreaks?: number[];
  ramp: RampId;
  mode: ThematicMode;
  heatLayer?: string;
}

export interface MapView {
  lon: number;
  lat: number;
  zoom: number;
}

export interface MapUrlState {
  tab?: string;
  /** Visible collection ids; undefined = the default (every layer). */
  layers?: string[];
  osm?: boolean;
  view?: MapView;
  plan?: string;
  thematic?: ThematicUrlState;
  selected?: string;
  dashboard?: boolean;
}

const KEYS = ['tab', 'layers', 'osm', 'view', 'plan', 'ind', 'lvl', 'cls', 'k', 'brk', 'ramp', 'mode', 'heat', 'sel', 'dash'];
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const idOrUndefined = (v: string | null) => (v !== null && ID.test(v) ? v : undefined);

function numbers(text: string | null): number[] | undefined {
  if (!text) return undefined;
  const list = text.split(',').map(Number);
  return list.every(Number.isFinite) ? list : undefined;
}

function parseView(text: string | null): MapView | undefined {
  const v = numbers(text);
  if (!v || v.length !== 3) return undefined;
  const [lon, lat, zoom] = v;
  if (Math.abs(lon) > 180 || Math.abs(lat) > 85 || zoom < 0 || zoom > 24) return undefined;
  return { lon, lat, zoom };
}

function parseThematic(p: URLSearchParams): ThematicUrlState | undefined {
  const indicator = idOrUndefined(p.get('ind'));
  if (!indicator) return undefined;
  const method = CLASSIFICATION_METHODS.find((m) => m === p.get('cls')) ?? 'quantile';
  const mode = THEMATIC_MODES.find((m) => m === p.get('mode')) ?? 'choropleth';
  const ramp = RAMPS.find((r) => r.id === p.get('ramp'))?.id ?? 'viridis';
  const k = Number(p.get('k'));
  return {
    indicator,
    level: idOrUndefined(p.get('lvl')),
    method,
    classes: clampClasses(Number.isFinite(k) && k > 0 ? k : 5),
    manualBreaks: method === 'manual' ? numbers(p.get('brk')) : undefined,
    ramp,
    mode,
    heatLayer: idOrUndefined(p.get('heat')),
  };
}

/** Reads the map state from a URL query string (`location.search`); invalid values are left out. */
export function parseUrlState(search: string): MapUrlState {
  const p = new URLSearchParams(search);
  const layers = p.get('layers');
  const plan = p.get('plan');
  return {
    tab: idOrUndefined(p.get('tab')),
    layers: layers === null ? undefined : layers.split(',').filter((id) => ID.test(id)),
    osm: p.get('osm') === '1' || undefined,
    view: parseView(p.get('view')),
    plan: plan && UUID.test(plan) ? plan.toLowerCase() : undefined,
    thematic: parseThematic(p),
    selected: idOrUndefined(p.get('sel')),
    dashboard: p.get('dash') === '1' || undefined,
  };
}

/** The URL query string for a state, keeping the parameters of `search` that this module does not own. */
export function writeUrlState(search: string, state: MapUrlState): string {
  const p = new URLSearchParams(search);
  for (const key of KEYS) p.delete(key);
  const set = (key: string, value: string | undefined) => {
    if (value !== undefined) p.set(key, value);
  };
  set('tab', state.tab);
  set('layers', state.layers?.join(','));
  set('osm', state.osm ? '1' : undefined);
  if (state.view) set('view', `${state.view.lon.toFixed(5)},${state.view.lat.toFixed(5)},${state.view.zoom.toFixed(2)}`);
  set('plan', state.plan);
  const t = state.thematic;
  if (t) {
    set('ind', t.indicator);
    set('lvl', t.level);
    set('cls', t.method);
    if (t.method === 'manual') set('brk', t.manualBreaks?.join(','));
    else set('k', String(t.classes));
    set('ramp', t.ramp);
    set('mode', t.mode);
    if (t.mode === 'heatmap') set('heat', t.heatLayer);
  }
  set('sel', state.selected);
  set('dash', state.dashboard ? '1' : undefined);
  // URLSearchParams encodes commas; they are safe in a query and keep links readable.
  const text = p.toString().replace(/%2C/g, ',');
  return text ? `?${text}` : '';
}
