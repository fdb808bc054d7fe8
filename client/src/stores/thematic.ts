/**
 * App state of the thematic map and the dashboard: which indicator, level, classification, ramp and display mode,
 * the figures from the server, the selected and hovered unit. Classes, colours, counts and ranks are derived here
 * with the pure functions of lib/classification and lib/ramps; the map controller only draws what it is given.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { getCatalogue, getIndicatorFigures, type AdminLevel, type IndicatorFigures, type StatisticsCatalogue, type UnitFigure } from '../api/statistics';
import { classBreaks, classCounts, classOf, manualBreaksProblem, ranks, type ClassificationMethod } from '../lib/classification';
import { NO_DATA_COLOR, rampById, type RampId } from '../lib/ramps';
import type { ThematicMode, ThematicUrlState } from '../lib/url-state';

export interface LegendClass {
  /** Lower limit (included) and upper limit (excluded, except for the last class). */
  lower: number;
  upper: number;
  color: string;
  count: number;
}

export interface HoverInfo {
  code: string;
  /** Position of the pointer in the page (CSS pixels). */
  clientX: number;
  clientY: number;
}

// Figures already fetched, by indicator|level|plan: switching back and forth does not ask the server again.
const CACHE_LIMIT = 40;

export const useThematicStore = defineStore('thematic', () => {
  const catalogue = shallowRef<StatisticsCatalogue | null>(null);
  const catalogueState = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const indicatorId = ref<string | null>(null);
  const level = ref<AdminLevel>('ward');
  const method = ref<ClassificationMethod>('quantile');
  const classes = ref(5);
  const manualBreaks = ref<number[]>([]);
  const ramp = ref<RampId>('viridis');
  const mode = ref<ThematicMode>('choropleth');
  const heatLayer = ref('cameras');
  const selectedCode = ref<string | null>(null);
  const dashboardOpen = ref(false);
  const hover = ref<HoverInfo | null>(null);
  /** Figures of the map's indicator and level, as the active plan (or the baseline) has them. */
  const figures = shallowRef<IndicatorFigures | null>(null);
  const figuresState = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const error = ref<string>();
  /** A unit's bounding box (degrees) the map should bring into view (a bar click in the dashboard); a new object each time. */
  const focusTarget = shallowRef<{ bbox: [number, number, number, number] } | null>(null);
  const cache = new Map<string, Promise<IndicatorFigures>>();

  const indicator = computed(() => catalogue.value?.indicators.find((i) => i.id === indicatorId.value) ?? null);
  const units = computed<UnitFigure[]>(() => figures.value?.units ?? []);
  const values = computed(() => new Map(units.value.map((u) => [u.code, u.value])));
  const effectiveMethod = computed<ClassificationMethod>(() =>
    method.value === 'manual' && manualBreaksProblem(manualBreaks.value) ? 'quantile' : method.value);
  const breaks = computed(() =>
    classBreaks(units.value.map((u) => u.value), { method: effectiveMethod.value, classes: classes.value, manualBreaks: manualBreaks.value }));
  const colors = computed(() => {
    const k = Math.max(0, breaks.value.length - 1);
    return k === 0 ? [] : rampById(ramp.value).colors(Math.max(3, k)).slice(0, k);
  });
  const legend = computed<LegendClass[]>(() => {
    const counts = classCounts(units.value.map((u) => u.value), breaks.value);
    return counts.map((count, i) => ({ lower: breaks.value[i], upper: breaks.value[i + 1], color: colors.value[i], count }));
  });
  const noDataCount = computed(() => units.value.filter((u) => u.value === null).length);
  const rankByCode = computed(() => ranks(values.value));
  const unitByCode = computed(() => new Map(units.value.map((u) => [u.code, u])));
  /** Fill colour of each unit of the map's level. */
  const colorByCode = computed(() => {
    const out = new Map<string, string>();
    for (const u of units.value) {
      const c = classOf(u.value, breaks.value);
      out.set(u.code, c >= 0 ? colors.value[c] : NO_DATA_COLOR);
    }
    return out;
  });

  /** Loads the indicator list (once, unless it failed). */
  async function loadCatalogue(): Promise<void> {
    if (catalogueState.value === 'loading' || catalogueState.value === 'ready') return;
    catalogueState.value = 'loading';
    try {
      catalogue.value = await getCatalogue();
      catalogueState.value = 'ready';
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
      catalogueState.value = 'error';
    }
  }

  /** Figures of one indicator and level on the baseline (plan null) or a plan; cached. */
  function figuresFor(id: string, lvl: string, plan: string | null): Promise<IndicatorFigures> {
    const key = `${id}|${lvl}|${plan ?? ''}`;
    let pending = cache.get(key);
    if (!pending) {
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
      pending = getIndicatorFigures(id, lvl, plan);
      pending.catch(() => cache.delete(key));
      cache.set(key, pending);
    }
    return pending;
  }

  let generation = 0;
  /** Fetches the map's figures for the current indicator, level and plan. */
  async function refresh(plan: string | null): Promise<void> {
    const mine = ++generation;
    if (!indicatorId.value) {
      figures.value = null;
      figuresState.value = 'idle';
      return;
    }
    figuresState.value = 'loading';
    error.value = undefined;
    try {
      const result = await figuresFor(indicatorId.value, level.value, plan);
      if (mine !== generation) return;
      figures.value = result;
      figuresState.value = 'ready';
    } catch (e) {
      if (mine !== generation) return;
      error.value = e instanceof Error ? e.message : String(e);
      figuresState.value = 'error';
    }
  }

  /** Selects a unit (or none); with its bounding box (degrees), the map brings it into view. */
  function select(code: string | null, bbox?: [number, number, number, number]): void {
    selectedCode.value = code;
    if (code && bbox) focusTarget.value = { bbox };
  }

  /** Forgets cached figures (after a plan changed, say). */
  function clearCache(): void {
    cache.clear();
  }

  /** The state the URL carries, or undefined when no thematic map is shown. */
  function urlState(): ThematicUrlState | undefined {
    if (!indicatorId.value) return undefined;
    return {
      indicator: indicatorId.value, level: level.value, method: method.value, classes: classes.value,
      manualBreaks: manualBreaks.value, ramp: ramp.value, mode: mode.value, heatLayer: heatLayer.value,
    };
  }

  /** Applies a state read from a URL. */
  function applyUrlState(s: ThematicUrlState | undefined): void {
    indicatorId.value = s?.indicator ?? null;
    if (!s) return;
    if (s.level) level.value = s.level as AdminLevel;
    method.value = s.method;
    classes.value = s.classes;
    manualBreaks.value = s.manualBreaks ?? [];
    ramp.value = s.ramp;
    mode.value = s.mode;
    if (s.heatLayer) heatLayer.value = s.heatLayer;
  }

  /** Back to no thematic map (on sign-out: the next user starts afresh). */
  function reset(): void {
    generation++;
    indicatorId.value = null;
    figures.value = null;
    figuresState.value = 'idle';
    selectedCode.value = null;
    dashboardOpen.value = false;
    hover.value = null;
    catalogue.value = null;
    catalogueState.value = 'idle';
    cache.clear();
  }

  return {
    catalogue, catalogueState, indicatorId, level, method, classes, manualBreaks, ramp, mode, heatLayer, selectedCode,
    dashboardOpen, hover, figures, figuresState, error, focusTarget, indicator, units, values, effectiveMethod, breaks,
    colors, legend, noDataCount, rankByCode, unitByCode, colorByCode,
    loadCatalogue, figuresFor, refresh, select, clearCache, urlState, applyUrlState, reset,
  };
});
