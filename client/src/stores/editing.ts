/**
 * The editor's state: the tool and the layer being edited, the feature in the editor (its full geometry, ETag
 * and attribute form: editing-form.ts) and the session's writes with undo, redo and conflicts (editing-writes.ts).
 * Every change is a server write (lib/editing/steps.ts); plan layers are written into the active plan. No
 * OpenLayers here: the map tools (composables/useEditing.ts) report plain GeoJSON in lon/lat.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import * as api from '../api/editing';
import type { FeatureState, Geometry, VersionedFeature } from '../api/editing';
import { ApiError } from '../api/http';
import { i18n, currentLocale } from '../i18n';
import { canEditIn, scenarioFor } from '../lib/editing/permissions';
import { changedProperties } from '../lib/editing/schema-form';
import { GENERAL_FIELD, GEOMETRY_FIELD, serverFieldMessages } from '../lib/editing/validation';
import { newRef, refsOf, stateOf, type EditStep, type FeatureRef } from '../lib/editing/steps';
import { sameGeometry } from '../lib/editing/conflict';
import { splitGeometry } from '../lib/editing/split';
import { useLayersStore } from './layers';
import { usePlanStore } from './plan';
import { useSessionStore } from './session';
import { useSelectionStore } from './selection';
import { createEditForm, uiTranslator } from './editing-form';
import { createEditWrites } from './editing-writes';

export type EditTool = 'select' | 'edit' | 'move' | 'draw' | 'split' | 'camera' | 'measure';

/** A message of the status line: an i18n key with its parameters. */
export interface StatusMessage {
  key: string;
  params?: Record<string, unknown>;
  tone: 'info' | 'busy' | 'ok' | 'error';
}

/** The feature in the editor: `ref` is null until a new feature is first saved. */
export interface ActiveFeature {
  collectionId: string;
  ref: FeatureRef | null;
  etag: string | null;
  /** The server's state at `etag` (null for a new feature). */
  saved: FeatureState | null;
  /** The geometry shown (a new feature's drawn geometry; else the saved one). */
  geometry: Geometry;
}

export const useEditingStore = defineStore('editing', () => {
  const session = useSessionStore();
  const layers = useLayersStore();
  const plan = usePlanStore();
  const selection = useSelectionStore();

  const tool = ref<EditTool | null>(null);
  const collectionId = ref<string | null>(null);
  const snapping = ref(true);
  const measureMode = ref<'distance' | 'area'>('distance');
  const message = ref<StatusMessage | null>(null);
  const active = shallowRef<ActiveFeature | null>(null);
  /** Every feature this session edited, by plan, collection and id: their steps share one reference. */
  const refs = new Map<string, FeatureRef>();
  const refKey = (scenarioId: string | null, collection: string, featureId: string) => `${scenarioId ?? ''}|${collection}/${featureId}`;
  /** The plan new writes to a collection go into: the active plan for plan layers, else the baseline. */
  const scenarioOf = (collection: string) => scenarioFor(layers.byId(collection)!, plan.activePlanId);
  const writtenListeners = new Set<(collectionId: string) => void>();
  const form = createEditForm((id) => layers.byId(id));

  const editableCollections = computed(() => layers.collections.filter((c) => canEditIn(session.role, c, plan.activePlanId)));
  const collection = computed(() => (collectionId.value ? layers.byId(collectionId.value) : undefined));
  const dirty = computed(() => {
    const a = active.value;
    if (!a) return false;
    return !a.saved || changedProperties(form.fields.value, form.properties.value, a.saved.properties).length > 0;
  });

  function canEdit(id: string): boolean {
    const c = layers.byId(id);
    return c !== undefined && canEditIn(session.role, c, plan.activePlanId);
  }

  function say(key: string, tone: StatusMessage['tone'] = 'info', params?: Record<string, unknown>): void {
    message.value = { key, tone, params };
  }

  const propertyNames = (id: string) => layers.byId(id)?.properties.map((p) => p.name) ?? [];
  const layerTitle = (id: string) => layers.byId(id)?.title[currentLocale()] ?? id;

  function reportError(e: unknown): void {
    // A 422, or a 409 the server names the kind of (a unique value taken): shown at the fields it concerns.
    if (e instanceof ApiError && (e.status === 422 || (e.status === 409 && e.problem?.errors?.some((p) => p.code)))) {
      form.serverProblems.value = e.problem?.errors ?? [];
      const messages = serverFieldMessages(form.serverProblems.value, form.fields.value, uiTranslator());
      // The status line says a problem of the whole feature or of its geometry (a tool may have written it with no
      // form open); problems of attributes show at their fields, and the status line points there.
      const geometry = messages[GEOMETRY_FIELD] === undefined ? undefined : `${i18n.global.t('editing.form.geometry')}: ${messages[GEOMETRY_FIELD]}`;
      const shown = messages[GENERAL_FIELD] ?? geometry;
      if (shown === undefined && Object.keys(messages).length) return say('editing.status.fixErrors', 'error');
      return say('editing.status.error', 'error', { message: shown ?? e.message });
    }
    if (e instanceof ApiError && e.status === 404) return say('editing.status.gone', 'error');
    say('editing.status.error', 'error', { message: e instanceof Error ? e.message : String(e) });
  }

  const writes = createEditWrites({
    say,
    reportError,
    propertyNames,
    baseFor: (r) => (active.value?.ref === r ? active.value.saved : null),
    showTheirs: (r, theirs) => {
      if (active.value?.ref === r) showLoaded(r.collectionId, theirs, r, true);
    },
    afterWrite,
    describe: (step) => {
      const all = refsOf(step);
      return i18n.global.t(`editing.steps.${step.label}`, { layer: all[0] ? layerTitle(all[0].collectionId) : '', count: all.length });
    },
  });

  const savedMessage = () => ({ key: 'editing.status.saved', params: { version: api.versionOfEtag(active.value?.etag) ?? '' } });

  /** The session's reference of a feature, created on its first edit; a new edit is made on the version `etag`. */
  function refFor(collection: string, featureId: string, etag: string): FeatureRef {
    const key = refKey(scenarioOf(collection), collection, featureId);
    let known = refs.get(key);
    if (!known) {
      known = newRef(collection, featureId, etag, scenarioOf(collection));
      refs.set(key, known);
    }
    known.etag = etag;
    return known;
  }

  /** The edited feature's reference, set to the version the user sees: a new edit is made on that one. */
  function onVersionShown(a: ActiveFeature): FeatureRef {
    a.ref!.etag = a.etag!;
    return a.ref!;
  }

  async function afterWrite(step: EditStep): Promise<void> {
    const written = refsOf(step);
    for (const r of written) {
      refs.set(refKey(r.scenarioId, r.collectionId, r.featureId), r);
      writtenListeners.forEach((fn) => fn(r.collectionId));
    }
    // The plan's change list and its overlay on the map follow every write into the plan.
    if (written.some((r) => r.scenarioId)) plan.planChanged();
    const a = active.value;
    if (a?.ref && written.includes(a.ref)) {
      if (a.ref.deleted) close();
      else await reload(a.ref);
    }
  }

  /** Shows a read feature in the editor; the form keeps unsaved input unless `replaceValues`. */
  function showLoaded(id: string, loaded: VersionedFeature, r: FeatureRef | null, replaceValues: boolean): void {
    const saved = stateOf(loaded, propertyNames(id));
    const keepDraft = !replaceValues && dirty.value;
    active.value = { collectionId: id, ref: r, etag: loaded.etag, saved, geometry: saved.geometry };
    if (!keepDraft) form.reset(saved.properties);
  }

  async function reload(r: FeatureRef): Promise<void> {
    showLoaded(r.collectionId, await api.readFeature(r.collectionId, r.featureId), r, false);
  }

  /** True when nothing unsaved would be dropped by opening another feature; else says so. */
  function mayLeave(): boolean {
    if (writes.busy.value) return false;
    if (!dirty.value) return true;
    say('editing.form.unsaved', 'error');
    return false;
  }

  /** Opens a feature for editing: its full geometry, its ETag and the attribute form. */
  async function beginEdit(id: string, featureId: string): Promise<void> {
    if (active.value?.ref?.featureId === featureId || !mayLeave()) return;
    if (!canEdit(id)) return say('editing.status.notEditable', 'error');
    collectionId.value = id;
    say('editing.status.loading', 'busy');
    try {
      const [loaded] = await Promise.all([api.readFeature(id, featureId), form.prepare(id)]);
      showLoaded(id, loaded, refs.get(refKey(scenarioOf(id), id, loaded.id)) ?? refFor(id, loaded.id, loaded.etag), true);
      message.value = null;
    } catch (e) {
      reportError(e);
    }
  }

  /** Opens a feature in the vertex tool (the feature-info panel's "Edit" button). */
  async function editFeature(id: string, featureId: string): Promise<void> {
    if (!canEdit(id)) return say('editing.status.notEditable', 'error');
    setCollection(id);
    tool.value = 'edit';
    await beginEdit(id, featureId);
  }

  /**
   * Starts a new feature with a drawn geometry and preset attribute values (a camera's heading, say); false when
   * unsaved changes must be saved or cancelled first. The editor shows the feature at once (the camera tool goes
   * on aiming it while the form's schema loads, on the first use of a layer).
   */
  function startNew(geometry: Geometry, preset: Record<string, unknown> = {}): boolean {
    const id = collectionId.value;
    if (!id) return false;
    const texts = Object.fromEntries(Object.entries(preset).map(([k, v]) => [k, String(v)]));
    if (active.value && !active.value.ref && active.value.collectionId === id) {
      // An unsaved new feature is moved, its form kept.
      active.value = { ...active.value, geometry };
      form.assign(texts);
      return true;
    }
    if (!mayLeave()) return false;
    active.value = { collectionId: id, ref: null, etag: null, saved: null, geometry };
    message.value = null;
    if (form.loadedFor() === id) {
      form.reset(preset, Object.keys(preset));
      return true;
    }
    form.reset({});
    void form.prepare(id)
      .then(() => {
        if (!active.value || active.value.ref || active.value.collectionId !== id) return;
        const typed = Object.fromEntries(Object.entries(form.values.value).filter(([, v]) => v !== ''));
        form.reset(preset, Object.keys(preset));
        form.assign(typed);
      })
      .catch(reportError);
    return true;
  }

  /** The edited geometry after a gesture: a new version of a saved feature, the new shape of an unsaved one. */
  async function reshape(geometry: Geometry): Promise<void> {
    const a = active.value;
    if (!a) return;
    if (!a.ref || !a.saved) {
      active.value = { ...a, geometry };
      return;
    }
    if (sameGeometry(geometry, a.saved.geometry)) return;
    const after = { geometry, properties: a.saved.properties };
    await writes.perform({ kind: 'update', label: 'geometry', ref: onVersionShown(a), before: a.saved, after }, savedMessage);
  }

  /** The camera tool's heading while dragging; on release a saved camera gets a new version. */
  async function aim(headingDegrees: number, done: boolean): Promise<void> {
    const a = active.value;
    if (!a) return;
    form.assign({ heading_deg: String(headingDegrees) });
    if (!done || !a.ref || !a.saved) return;
    const after = { geometry: a.saved.geometry, properties: { ...a.saved.properties, heading_deg: headingDegrees } };
    await writes.perform({ kind: 'update', label: 'aim', ref: onVersionShown(a), before: a.saved, after }, savedMessage);
  }

  /** Saves the form: creates the new feature, or writes a new version of the edited one. */
  async function save(): Promise<void> {
    const a = active.value;
    if (!a || writes.busy.value) return;
    form.submitted.value = true;
    form.serverProblems.value = [];
    if (Object.keys(form.fieldErrors.value).length) return say('editing.status.fixErrors', 'error');
    const properties = form.properties.value;
    if (!a.ref) {
      const r = newRef(a.collectionId, '', '', scenarioOf(a.collectionId));
      const step: EditStep = { kind: 'create', label: 'create', ref: r, state: { geometry: a.geometry, properties } };
      if (await writes.perform(step, () => ({ key: 'editing.status.created' }))) await reload(r);
      return;
    }
    const after = { geometry: a.saved!.geometry, properties };
    await writes.perform({ kind: 'update', label: 'update', ref: onVersionShown(a), before: a.saved!, after }, savedMessage);
  }

  /** Deletes the selected features this user may delete, or else the edited one; one undo step. */
  async function remove(): Promise<void> {
    const targets = selection.items.filter((s) => canEdit(s.collectionId));
    if (!targets.length && active.value?.ref) targets.push({ collectionId: active.value.collectionId, featureId: active.value.ref.featureId });
    if (!targets.length) return say('editing.status.nothingSelected', 'error');
    try {
      const steps: EditStep[] = [];
      for (const target of targets) {
        const loaded = await api.readFeature(target.collectionId, target.featureId);
        const r = refFor(target.collectionId, loaded.id, loaded.etag);
        steps.push({ kind: 'delete', label: 'delete', ref: r, before: stateOf(loaded, propertyNames(target.collectionId)) });
      }
      const step: EditStep = steps.length === 1 ? steps[0] : { kind: 'group', label: 'deleteMany', steps, applied: 0 };
      if (await writes.perform(step, () => ({ key: 'editing.status.deleted', params: { count: steps.length } }))) selection.remove(targets);
    } catch (e) {
      reportError(e);
    }
  }

  /** Splits the edited line or polygon along a drawn line (lon/lat): it keeps the first piece, the others are new. */
  async function split(splitter: number[][]): Promise<void> {
    const a = active.value;
    if (!a?.ref || !a.saved) return;
    const pieces = splitGeometry(a.saved.geometry, splitter);
    if (!pieces) return say('editing.status.notCut', 'error');
    const scenario = scenarioOf(a.collectionId);
    const steps: EditStep[] = [
      { kind: 'update', label: 'geometry', ref: onVersionShown(a), before: a.saved, after: { geometry: pieces[0], properties: a.saved.properties } },
      ...pieces.slice(1).map((geometry): EditStep => ({
        kind: 'create', label: 'create', ref: newRef(a.collectionId, '', '', scenario), state: { geometry, properties: a.saved!.properties },
      })),
    ];
    await writes.perform({ kind: 'group', label: 'split', steps, applied: 0 }, () => ({ key: 'editing.status.split', params: { count: pieces.length } }));
  }

  /** Closes the editor (an unsaved new feature or unsaved attribute changes are dropped: the user asked). */
  function close(): void {
    active.value = null;
    form.reset({});
  }

  /** Loads the form of a collection ahead of drawing into it, so that a new feature's form opens at once. */
  function prepare(id: string): void {
    if (form.loadedFor() !== id && !active.value) void form.prepare(id).catch(reportError);
  }

  function setTool(next: EditTool | null): void {
    tool.value = tool.value === next ? null : next;
    message.value = null;
  }

  function setCollection(id: string): void {
    if (id === collectionId.value || !mayLeave()) return;
    collectionId.value = id;
    if (active.value && active.value.collectionId !== id) close();
    if (tool.value === 'camera' && id !== 'cameras') tool.value = null;
  }

  /** Called with the collection id after every write, so that the map reloads that layer. */
  function onWritten(listener: (collectionId: string) => void): () => void {
    writtenListeners.add(listener);
    return () => writtenListeners.delete(listener);
  }

  /** Forgets the session (another user signs in). */
  function reset(): void {
    close();
    writes.clear();
    refs.clear();
    tool.value = null;
    collectionId.value = null;
    message.value = null;
    selection.clear();
  }

  watch(() => session.user?.username, reset);
  // Another plan (or the baseline) on the map: a feature open without changes is closed, as it may not be in it,
  // and the last status line, which spoke of the other one, goes.
  watch(() => plan.activePlanId, (planId) => {
    if (active.value && !dirty.value) close();
    message.value = null;
    // Opening a plan: the first layer the plan holds becomes the choice, so that drawing goes into the plan
    // rather than into a baseline layer that merely stayed chosen.
    if (planId && !active.value && collection.value && !scenarioFor(collection.value, planId)) {
      const first = editableCollections.value.find((c) => scenarioFor(c, planId));
      if (first) collectionId.value = first.id;
    }
  });
  // The first layer this user may edit is the default choice.
  watch(editableCollections, (list) => {
    if (!list.some((c) => c.id === collectionId.value)) collectionId.value = list[0]?.id ?? null;
    if (active.value && !list.some((c) => c.id === active.value!.collectionId)) close();
  }, { immediate: true });

  return {
    tool, collectionId, snapping, measureMode, message, active, dirty, editableCollections, collection,
    fields: form.fields, values: form.values, fieldErrors: form.fieldErrors, setValue: form.setValue,
    busy: writes.busy, conflict: writes.conflict, counts: writes.counts, canUndo: writes.canUndo, canRedo: writes.canRedo,
    undo: writes.undo, redo: writes.redo, resolveConflict: writes.resolveConflict,
    canEdit, say, prepare, setTool, setCollection, beginEdit, editFeature, startNew, reshape, aim, save, remove, split, close,
    onWritten, reset,
  };
});
