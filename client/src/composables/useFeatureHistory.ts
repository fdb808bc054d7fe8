/**
 * The history panel's state and actions: a feature's versions, the one selected and what it is compared with,
 * the geometry diff on the map (a HistoryController) and the revert, with its If-Match conflict (412).
 */
import { computed, onBeforeUnmount, ref, shallowRef, watch, type Ref } from 'vue';
import { getHistory, revertFeature, type FeatureVersion } from '../api/history';
import { ApiError } from '../api/http';
import { HistoryController } from '../map/controllers/HistoryController';
import { refreshCollections } from '../map/refresh-layers';
import { canRevertTo, compareVersions, currentVersion } from '../lib/history-diff';
import type { HistoryTarget } from '../stores/history';
import { useLayersStore } from '../stores/layers';
import { useMap } from './useMap';

export type RevertOutcome = { kind: 'done'; to: number; version: number } | { kind: 'stale'; seen: number } | { kind: 'failed'; message: string };

export function useFeatureHistory(target: Ref<HistoryTarget | null>) {
  const { map } = useMap();
  const layers = useLayersStore();
  const versions = shallowRef<FeatureVersion[]>([]);
  const loading = ref(false);
  const error = ref<string>();
  /** Index into `versions` (oldest first) of the version shown. */
  const selected = ref(-1);
  const against = ref<'previous' | 'current'>('previous');
  const reverting = ref(false);
  const outcome = ref<RevertOutcome>();
  let controller: HistoryController | undefined;
  let request: AbortController | undefined;

  const propertyNames = computed(() => layers.byId(target.value?.collectionId ?? '')?.properties.map((p) => p.name) ?? []);
  const comparison = computed(() =>
    selected.value >= 0 && versions.value[selected.value]
      ? compareVersions(versions.value, selected.value, against.value, propertyNames.value)
      : null);
  const revertable = computed(() => selected.value >= 0 && canRevertTo(versions.value, selected.value, propertyNames.value));

  /** (Re)loads the versions and selects the newest; keeps the revert's outcome unless `forget`. */
  async function load(forget = true): Promise<void> {
    request?.abort();
    const t = target.value;
    if (forget) outcome.value = undefined;
    error.value = undefined;
    if (!t) {
      versions.value = [];
      return;
    }
    const mine = (request = new AbortController());
    loading.value = true;
    try {
      const list = await getHistory(t.collectionId, t.featureId, mine.signal);
      if (mine.signal.aborted) return;
      versions.value = list;
      selected.value = list.length - 1;
    } catch (e) {
      if (!mine.signal.aborted) error.value = e instanceof Error ? e.message : String(e);
    } finally {
      if (request === mine) loading.value = false;
    }
  }

  /** Reverts to the selected version, naming the version the user saw in If-Match. */
  async function revert(): Promise<RevertOutcome | undefined> {
    const t = target.value;
    const seen = currentVersion(versions.value);
    const goal = versions.value[selected.value];
    if (!t || seen === null || !goal || reverting.value) return undefined;
    reverting.value = true;
    try {
      const version = await revertFeature(t.collectionId, t.featureId, goal.version, seen);
      outcome.value = { kind: 'done', to: goal.version, version };
      if (map.value) refreshCollections(map.value, [t.collectionId]);
      await load(false);
    } catch (e) {
      outcome.value = e instanceof ApiError && e.status === 412
        ? { kind: 'stale', seen }
        : { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
    } finally {
      reverting.value = false;
    }
    return outcome.value;
  }

  watch(
    map,
    (m, _old, onCleanup) => {
      if (!m) return;
      const c = (controller = new HistoryController(m));
      onCleanup(() => {
        c.destroy();
        if (controller === c) controller = undefined;
      });
    },
    { immediate: true },
  );
  watch(() => target.value && `${target.value.collectionId}/${target.value.featureId}`, () => void load(), { immediate: true });
  // Zoom to the feature when a version is picked, not when only the comparison changes.
  watch([comparison, selected], ([c], [, oldSelected]) => {
    if (!c) return controller?.clear();
    controller?.show(c.before?.geometry ?? null, c.after.geometry, selected.value !== oldSelected);
  });
  onBeforeUnmount(() => request?.abort());

  return { versions, loading, error, selected, against, comparison, revertable, reverting, outcome, load, revert, drawn: () => controller?.drawn() };
}
