/**
 * The editor's state: the tool and the collection being edited, the feature being edited (full geometry, ETag,
 * the attribute form), the session's undo history, and a conflict waiting for the user's decision. Every change
 * is a server write (lib/editing/steps.ts); writes go into the active plan for plan layers. No OpenLayers here:
 * the map tools (composables/useEditing.ts) report plain GeoJSON.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import * as api from '../api/editing';
import type { FeatureState, Geometry, PublishedSchema, VersionedFeature } from '../api/editing';
import { ApiError } from '../api/http';
import { i18n, currentLocale } from '../i18n';
import { canEditIn, scenarioFor } from '../lib/editing/permissions';
import { changedProperties, formFields, formValuesOf, propertiesFromForm, type FormField, type FormValues } from '../lib/editing/schema-form';
import { GENERAL_FIELD, serverFieldMessages, validateProperties, type Validator } from '../lib/editing/validation';
import { applyStep, newRef, refsOf, undoStep, StaleWriteError, type EditStep, type FeatureRef } from '../lib/editing/steps';
import { UndoStack } from '../lib/editing/undo-stack';
import { sameGeometry } from '../lib/editing/conflict';
import { splitGeometry } from '../lib/editing/split';
import { useLayersStore } from './layers';
import { usePlanStore } from './plan';
import { useSessionStore } from './session';
import { useSelectionStore } from './selection';
import { askAboutConflict, type ConflictState } from './editing-conflict';

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
  updatedBy?: string;
}

const t = (key: string, params: Record<string, unknown> = {}) => i18n.global.t(key, params);
const CANCELLED = Symbol('cancelled');

/** A read feature as the state a write sends back: its geometry and its registry properties (`names`). */
function stateOf(loaded: VersionedFeature, names: readonly string[]): FeatureState {
  const props = loaded.feature.properties ?? {};
  return { geometry: loaded.feature.geometry as Geometry, properties: Object.fromEntries(names.map((n) => [n, props[n] ?? null])) };
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
  const busy = ref(false);
  const active = shallowRef<ActiveFeature | null>(null);
  const fields = shallowRef<FormField[]>([]);
  const values = ref<FormValues>({});
  const touched = ref<Set<string>>(new Set());
  const submitted = ref(false);
  const serverErrors = ref<Record<string, string>>({});
  const validator = shallowRef<Validator | null>(null);
  const conflict = shallowRef<ConflictState | null>(null);
  const counts = ref({ done: 0, undone: 0 });
  const history = new UndoStack<EditStep>();
  const refs = new Map<string, FeatureRef>();
  const schemas = new Map<string, Promise<PublishedSchema>>();
  const writtenListeners = new Set<(collectionId: string) => void>();
  /** The collection whose form fields and validator are loaded. */
  let formCollection: string | null = null;

  const editableCollections = computed(() => layers.collections.filter((c) => canEditIn(session.role, c, plan.activePlanId)));
  const collection = computed(() => (collectionId.value ? layers.byId(collectionId.value) : undefined));
  const properties = computed(() => propertiesFromForm(fields.value, values.value));
  const dirty = computed(() => {
    const a = active.value;
    if (!a) return false;
    if (!a.saved) return true;
    return changedProperties(fields.value, properties.value, a.saved.properties).length > 0;
  });
  /** The schema's complaints, shown once a field was touched or a save was tried. */
  const fieldErrors = computed(() => {
    void i18n.global.locale.value; // messages follow the UI language
    const tr = { locale: currentLocale(), t };
    const client = validator.value ? validateProperties(validator.value, fields.value, properties.value, tr) : {};
    const shown: Record<string, string> = { ...serverErrors.value };
    for (const [name, text] of Object.entries(client)) if (submitted.value || touched.value.has(name)) shown[name] = text;
    return shown;
  });
  const canUndo = computed(() => counts.value.done > 0 && !busy.value);
  const canRedo = computed(() => counts.value.undone > 0 && !busy.value);

  function canEdit(id: string): boolean {
    const c = layers.byId(id);
    return c !== undefined && canEditIn(session.role, c, plan.activePlanId);
  }

  function say(key: string, tone: StatusMessage['tone'] = 'info', params?: Record<string, unknown>): void {
    message.value = { key, tone, params };
  }

  function propertyNames(id: string): string[] {
    return layers.byId(id)?.properties.map((p) => p.name) ?? [];
  }

  function savedMessage(): StatusMessage {
    return { key: 'editing.status.saved', tone: 'ok', params: { version: api.versionOfEtag(active.value?.etag) ?? '' } };
  }

  function layerTitle(id: string): string {
    const c = layers.byId(id);
    return c ? c.title[currentLocale()] : id;
  }

  /** The step's description for the status line, in the UI language. */
  function describe(step: EditStep): string {
    const first = refsOf(step)[0];
    return t(`editing.steps.${step.label}`, { layer: first ? layerTitle(first.collectionId) : '', count: refsOf(step).length });
  }

  function refFor(collection: string, featureId: string, etag: string): FeatureRef {
    const key = `${collection}/${featureId}`;
    let known = refs.get(key);
    if (!known) {
      const c = layers.byId(collection)!;
      known = newRef(collection, featureId, etag, scenarioFor(c, plan.activePlanId));
      refs.set(key, known);
    }
    // A new edit is made on the version the user sees.
    known.etag = etag;
    return known;
  }

  function reportError(e: unknown): void {
    if (e instanceof ApiError && e.status === 422) {
      serverErrors.value = serverFieldMessages(e.problem?.errors, fields.value);
      const general = serverErrors.value[GENERAL_FIELD];
      say('editing.status.error', 'error', { message: general ?? e.message });
      return;
    }
    if (e instanceof ApiError && e.status === 404) return say('editing.status.gone', 'error');
    say('editing.status.error', 'error', { message: e instanceof Error ? e.message : String(e) });
  }

  /** Runs writes; on a 412 asks the user, then overwrites with the new ETag or gives up (reloading theirs). */
  async function runWrites(step: EditStep, run: () => Promise<void>, phase: 'apply' | 'undo'): Promise<boolean> {
    busy.value = true;
    say('editing.status.saving', 'busy');
    try {
      for (;;) {
        try {
          await run();
          return true;
        } catch (e) {
          if (!(e instanceof StaleWriteError)) throw e;
          const base = active.value?.ref === e.ref ? active.value.saved : null;
          const names = propertyNames(e.ref.collectionId);
          const decision = await askAboutConflict(e, base, names, (state) => (conflict.value = state));
          if (decision.choice === 'overwrite' && decision.theirs) {
            e.ref.etag = decision.theirs.etag;
            if (phase === 'apply') rebase(step, e.ref, stateOf(decision.theirs, names));
            continue;
          }
          if (decision.choice === 'reload' && decision.theirs && active.value?.ref === e.ref) showLoaded(e.ref.collectionId, decision.theirs, e.ref, true);
          say(decision.choice === 'reload' ? 'editing.status.conflictReloaded' : 'editing.status.cancelled', 'info');
          return false;
        }
      }
    } catch (e) {
      reportError(e);
      return false;
    } finally {
      busy.value = false;
      conflict.value = null;
    }
  }

  /** After overwriting on purpose, undoing the step restores the other user's version, not the older one. */
  function rebase(step: EditStep, ref: FeatureRef, theirs: FeatureState): void {
    if (step.kind === 'group') step.steps.forEach((s) => rebase(s, ref, theirs));
    else if (step.kind === 'update' && step.ref === ref) step.before = theirs;
  }

  function syncCounts(): void {
    counts.value = { ...history.size };
  }

  async function afterWrite(step: EditStep): Promise<void> {
    syncCounts();
    const touchedRefs = refsOf(step);
    for (const r of touchedRefs) {
      refs.set(`${r.collectionId}/${r.featureId}`, r);
      writtenListeners.forEach((fn) => fn(r.collectionId));
    }
    const a = active.value;
    if (a?.ref && touchedRefs.includes(a.ref)) {
      if (a.ref.deleted) close();
      else await reload(a.ref);
    }
  }

  async function perform(step: EditStep, done: () => StatusMessage): Promise<boolean> {
    const ok = await history.exclusive(() => runWrites(step, () => applyStep(api, step), 'apply')).catch((e) => (reportError(e), false));
    if (!ok) return false;
    history.push(step);
    await afterWrite(step);
    message.value = done();
    return true;
  }

  async function move(direction: 'undo' | 'redo'): Promise<void> {
    const run = direction === 'undo' ? (s: EditStep) => undoStep(api, s) : (s: EditStep) => applyStep(api, s);
    try {
      const step = await history[direction](async (s) => {
        if (!(await runWrites(s, () => run(s), direction === 'undo' ? 'undo' : 'apply'))) throw CANCELLED;
      });
      if (!step) return;
      await afterWrite(step);
      say(`editing.status.${direction === 'undo' ? 'undone' : 'redone'}`, 'ok', { label: describe(step) });
    } catch (e) {
      if (e !== CANCELLED) reportError(e);
    } finally {
      syncCounts();
    }
  }

  /** Loads the form's schema and the collection's compiled validator (once per collection). */
  async function prepareForm(id: string): Promise<void> {
    const c = layers.byId(id);
    if (!c) throw new Error(`Unknown collection ${id}`);
    if (!schemas.has(id)) schemas.set(id, api.readSchema(id));
    const { loaders } = await import('virtual:feature-validators');
    const [schema, module] = await Promise.all([schemas.get(id)!, loaders[id]()]);
    fields.value = formFields(schema, c);
    validator.value = module.default;
    formCollection = id;
  }

  function resetForm(props: Record<string, unknown>, touchedNames: string[] = []): void {
    values.value = formValuesOf(fields.value, props);
    touched.value = new Set(touchedNames);
    submitted.value = false;
    serverErrors.value = {};
  }

  function showLoaded(id: string, loaded: VersionedFeature, ref: FeatureRef | null, replaceValues: boolean): void {
    const saved = stateOf(loaded, propertyNames(id));
    const keepDraft = !replaceValues && dirty.value;
    active.value = { collectionId: id, ref, etag: loaded.etag, saved, geometry: saved.geometry, updatedBy: loaded.feature.properties?.updated_by as string | undefined };
    if (!keepDraft) resetForm(saved.properties);
  }

  async function reload(r: FeatureRef): Promise<void> {
    showLoaded(r.collectionId, await api.readFeature(r.collectionId, r.featureId), r, false);
  }

  /** True when nothing unsaved would be dropped by opening another feature; else says so. */
  function mayLeave(): boolean {
    if (!dirty.value || busy.value) return !busy.value;
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
      const [loaded] = await Promise.all([api.readFeature(id, featureId), prepareForm(id)]);
      const known = refs.get(`${id}/${loaded.id}`);
      showLoaded(id, loaded, known ?? refFor(id, loaded.id, loaded.etag), true);
      message.value = null;
    } catch (e) {
      reportError(e);
    }
  }

  /**
   * Starts a new feature with a drawn geometry and preset attribute values (a camera's heading, say); false when
   * unsaved changes must be saved or cancelled first. The editor shows the feature at once (the camera tool keeps
   * aiming it while the form's schema loads, on the first use of a layer).
   */
  function startNew(geometry: Geometry, preset: Record<string, unknown> = {}): boolean {
    const id = collectionId.value;
    if (!id) return false;
    if (active.value && !active.value.ref && active.value.collectionId === id) {
      // An unsaved new feature is moved, its form kept.
      active.value = { ...active.value, geometry };
      values.value = { ...values.value, ...Object.fromEntries(Object.entries(preset).map(([k, v]) => [k, String(v)])) };
      return true;
    }
    if (!mayLeave()) return false;
    active.value = { collectionId: id, ref: null, etag: null, saved: null, geometry };
    message.value = null;
    if (formCollection === id) {
      resetForm(preset, Object.keys(preset));
      return true;
    }
    resetForm({});
    void prepareForm(id)
      .then(() => {
        if (!active.value || active.value.ref || active.value.collectionId !== id) return;
        const typed = { ...values.value };
        resetForm(preset, Object.keys(preset));
        values.value = { ...values.value, ...Object.fromEntries(Object.entries(typed).filter(([, v]) => v !== '')) };
      })
      .catch(reportError);
    return true;
  }

  /** The edited geometry after a gesture: a new version for a saved feature, the draft's shape otherwise. */
  async function reshape(geometry: Geometry, label: 'geometry' | 'aim' = 'geometry'): Promise<void> {
    const a = active.value;
    if (!a) return;
    if (!a.ref || !a.saved) {
      active.value = { ...a, geometry };
      return;
    }
    if (sameGeometry(geometry, a.saved.geometry)) return;
    const ref = onVersionShown(a);
    await perform({ kind: 'update', label, ref, before: a.saved, after: { geometry, properties: a.saved.properties } }, savedMessage);
  }

  /** The edited feature's reference, set to the version the user sees: a new edit is made on that one. */
  function onVersionShown(a: ActiveFeature): FeatureRef {
    a.ref!.etag = a.etag!;
    return a.ref!;
  }

  /** The camera tool's heading while dragging; on release a saved camera gets a new version. */
  async function aim(headingDegrees: number, done: boolean): Promise<void> {
    const a = active.value;
    if (!a) return;
    values.value = { ...values.value, heading_deg: String(headingDegrees) };
    touched.value.add('heading_deg');
    if (!done || !a.ref || !a.saved) return;
    const after = { geometry: a.saved.geometry, properties: { ...a.saved.properties, heading_deg: headingDegrees } };
    await perform({ kind: 'update', label: 'aim', ref: onVersionShown(a), before: a.saved, after }, savedMessage);
  }

  /** Saves the form: creates the new feature, or writes a new version of the edited one. */
  async function save(): Promise<void> {
    const a = active.value;
    if (!a || busy.value) return;
    submitted.value = true;
    serverErrors.value = {};
    if (Object.keys(fieldErrors.value).length) return say('editing.status.fixErrors', 'error');
    const props = properties.value;
    if (!a.ref) {
      const c = layers.byId(a.collectionId)!;
      const ref = newRef(a.collectionId, '', '', scenarioFor(c, plan.activePlanId));
      const step: EditStep = { kind: 'create', label: 'create', ref, state: { geometry: a.geometry, properties: props } };
      if (await perform(step, () => ({ key: 'editing.status.created', tone: 'ok' }))) {
        active.value = { ...a, ref };
        await reload(ref);
      }
      return;
    }
    await perform({ kind: 'update', label: 'update', ref: onVersionShown(a), before: a.saved!, after: { geometry: a.saved!.geometry, properties: props } },
      savedMessage);
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
        const ref = refFor(target.collectionId, loaded.id, loaded.etag);
        steps.push({ kind: 'delete', label: 'delete', ref, before: stateOf(loaded, propertyNames(target.collectionId)) });
      }
      const step: EditStep = steps.length === 1 ? steps[0] : { kind: 'group', label: 'deleteMany', steps, applied: 0 };
      if (await perform(step, () => ({ key: 'editing.status.deleted', tone: 'ok', params: { count: steps.length } }))) selection.remove(targets);
    } catch (e) {
      reportError(e);
    }
  }

  /** Splits the edited line or polygon along a drawn line (lon/lat): the feature keeps one piece, the others are new. */
  async function split(splitter: number[][]): Promise<void> {
    const a = active.value;
    if (!a?.ref || !a.saved) return;
    const pieces = splitGeometry(a.saved.geometry, splitter);
    if (!pieces) return say('editing.status.notCut', 'error');
    const c = layers.byId(a.collectionId)!;
    const ref = onVersionShown(a);
    const steps: EditStep[] = [
      { kind: 'update', label: 'geometry', ref, before: a.saved, after: { geometry: pieces[0], properties: a.saved.properties } },
      ...pieces.slice(1).map((geometry): EditStep => ({
        kind: 'create', label: 'create', ref: newRef(a.collectionId, '', '', scenarioFor(c, plan.activePlanId)), state: { geometry, properties: a.saved!.properties },
      })),
    ];
    await perform({ kind: 'group', label: 'split', steps, applied: 0 }, () => ({ key: 'editing.status.split', tone: 'ok', params: { count: pieces.length } }));
  }

  /** Closes the editor (an unsaved new feature or unsaved attribute changes are dropped: the user asked). */
  function close(): void {
    active.value = null;
    resetForm({});
  }

  /** Loads the form of a collection ahead of drawing into it, so a new feature's form opens at once. */
  function prepare(id: string): void {
    if (formCollection !== id && !active.value) void prepareForm(id).catch(reportError);
  }

  /** Opens a feature in the vertex tool (the feature-info panel's "Edit" button). */
  async function editFeature(id: string, featureId: string): Promise<void> {
    if (!canEdit(id)) return say('editing.status.notEditable', 'error');
    setCollection(id);
    tool.value = 'edit';
    await beginEdit(id, featureId);
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

  function setValue(name: string, value: string): void {
    values.value = { ...values.value, [name]: value };
    touched.value.add(name);
    if (serverErrors.value[name]) {
      const { [name]: _gone, ...rest } = serverErrors.value;
      serverErrors.value = rest;
    }
  }

  /** Called with the collection id after every write, so the map reloads that layer. */
  function onWritten(listener: (collectionId: string) => void): () => void {
    writtenListeners.add(listener);
    return () => writtenListeners.delete(listener);
  }

  function resolveConflict(choice: 'overwrite' | 'reload' | 'cancel'): void {
    conflict.value?.resolve(choice);
  }

  /** Forgets the session (another user signs in). */
  function reset(): void {
    close();
    history.clear();
    refs.clear();
    syncCounts();
    tool.value = null;
    collectionId.value = null;
    message.value = null;
    selection.clear();
  }

  watch(() => session.user?.username, reset);
  // Another plan (or the baseline) on the map: a feature open without changes is closed, as it may not be in it.
  watch(() => plan.activePlanId, () => {
    if (active.value && !dirty.value) close();
  });
  // The first collection this user may edit is the default choice.
  watch(editableCollections, (list) => {
    if (!list.some((c) => c.id === collectionId.value)) collectionId.value = list[0]?.id ?? null;
  }, { immediate: true });

  return {
    tool, collectionId, snapping, measureMode, message, busy, active, fields, values, fieldErrors, conflict, dirty,
    editableCollections, collection, canUndo, canRedo, counts,
    canEdit, say, prepare, setTool, setCollection, setValue, beginEdit, editFeature, startNew, reshape, aim, save, remove, split, close,
    undo: () => move('undo'), redo: () => move('redo'), onWritten, resolveConflict, reset,
  };
});
