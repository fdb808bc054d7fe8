/**
 * Connects the editing tools on the map to the editing and selection stores: one tool controller at a time
 * (rebuilt when the tool, the layer or the edited feature changes), the edit layer, the selection highlight and
 * snapping, the camera's field-of-view preview, layer refreshes after writes, and the keyboard shortcuts.
 */
import { watch, watchEffect } from 'vue';
import type Map from 'ol/Map';
import type { Geometry } from 'ol/geom';
import { readFeature } from '../api/editing';
import { currentLocale } from '../i18n';
import { cameraSector } from '../lib/editing/fov';
import { formatArea, formatLength } from '../lib/editing/measure-format';
import { refreshCollection } from '../map/collection-layers';
import { writeGeometry } from '../map/geojson-geometry';
import { CameraController } from '../map/controllers/editing/CameraController';
import { DrawController, type DrawType } from '../map/controllers/editing/DrawController';
import { EditLayerController } from '../map/controllers/editing/EditLayerController';
import { MeasureController, type Measurement } from '../map/controllers/editing/MeasureController';
import { PickController } from '../map/controllers/editing/PickController';
import { ReshapeController } from '../map/controllers/editing/ReshapeController';
import { SelectionController } from '../map/controllers/editing/SelectionController';
import { SnapController } from '../map/controllers/editing/SnapController';
import { useEditingStore } from '../stores/editing';
import { useFeatureInfoStore } from '../stores/featureInfo';
import { useLayersStore } from '../stores/layers';
import { useSelectionStore } from '../stores/selection';
import { useMap } from './useMap';

/** The tools that place vertices, for which snapping is gathered. */
const SNAPPING_TOOLS: readonly (string | null)[] = ['edit', 'move', 'draw', 'split', 'camera', 'measure'];

interface ToolController {
  destroy(): void;
  abort?(): void;
}

/** The text of a measurement in the UI language. */
export function measurementText(m: Measurement): string {
  return m.mode === 'area' ? formatArea(m.value, currentLocale()) : formatLength(m.value, currentLocale());
}

function drawTypeOf(geometryType: string): DrawType {
  if (geometryType === 'Point') return 'Point';
  return geometryType === 'LineString' ? 'LineString' : 'Polygon';
}

/** Installs the editing tools on the map while the calling component lives. */
export function useEditingSync(): void {
  const { map } = useMap();
  watch(map, (m, _old, onCleanup) => {
    if (m) onCleanup(installEditing(m));
  }, { immediate: true });
}

function installEditing(m: Map): () => void {
  const store = useEditingStore();
  const selection = useSelectionStore();
  const info = useFeatureInfoStore();
  const layersStore = useLayersStore();
  const editLayer = new EditLayerController(m);
  const snap = new SnapController(m, editLayer.feature, async (c, id) => (await readFeature(c, id)).feature.geometry);
  const selectionTool = new SelectionController(m, () => store.collectionId, (items, mode) => {
    if (mode === 'replace') selection.set(items);
    else if (mode === 'add') selection.add(items);
    else items.forEach((item) => selection.toggle(item));
    store.say('editing.status.selected', 'info', { count: selection.count });
  });
  let tool: ToolController[] = [];

  /** A finished gesture's geometry in lon/lat, with snapped vertices made exact. */
  const finished = async (geometry: Geometry) => writeGeometry(await snap.refine(geometry), m);
  const pick = () => new PickController(m, () => store.collectionId, (id) => void store.beginEdit(store.collectionId!, id));

  function build(): ToolController[] {
    const collection = store.collection;
    selectionTool.setInteractive(store.tool === 'select');
    switch (store.tool) {
      case 'edit':
      case 'move':
        return [pick(), new ReshapeController(m, editLayer.editable, store.tool === 'move' ? 'move' : 'vertices', {
          onStart: () => snap.beginGesture(),
          onEnd: async (g) => store.reshape(await finished(g)),
        })];
      case 'draw':
        if (!collection) return [];
        store.prepare(collection.id);
        return [new DrawController(m, drawTypeOf(collection.geometryType), async (g) => {
          if (store.startNew(await finished(g))) store.setTool('edit');
        })];
      case 'split':
        if (!store.active?.ref) return [pick()];
        return [new DrawController(m, 'LineString', async (g) => {
          const line = await finished(g);
          await store.split(line.coordinates as number[][]);
        })];
      case 'camera':
        store.prepare('cameras');
        return [new CameraController(m, 'cameras', {
          selected: () => (store.active?.geometry.type === 'Point' ? (store.active.geometry.coordinates as number[]) : null),
          onPick: (id) => void store.beginEdit('cameras', id),
          onPlace: (lonLat) => store.startNew({ type: 'Point', coordinates: lonLat }, { heading_deg: 0 }),
          onAim: (heading, done) => void store.aim(heading, done),
        })];
      case 'measure':
        return [new MeasureController(m, store.measureMode, measurementText, (value) => store.say(
          value.mode === 'area' ? 'editing.status.measureArea' : 'editing.status.measureLength', 'info', { value: measurementText(value) },
        ))];
      default:
        return [];
    }
  }

  const stops = [
    watch(
      // A string, so that the tool is rebuilt only when one of these really changes (not mid-gesture).
      () => `${store.tool}|${store.collectionId}|${store.measureMode}|${Boolean(store.active?.ref)}`,
      () => {
        tool.forEach((c) => c.destroy());
        tool = build();
        // Snap must come after the interactions whose pointer it moves.
        snap.reattach();
        if (store.tool) info.close();
      },
      { immediate: true },
    ),
    // While a tool is on or a feature is open in the form, map clicks belong to the editor, not to the info panel.
    watchEffect(() => {
      info.suspended = store.tool !== null || store.active !== null;
    }),
    watch(() => store.snapping && SNAPPING_TOOLS.includes(store.tool), (on) => snap.setEnabled(on), { immediate: true }),
    watch(() => selection.items, (items) => selectionTool.show(items)),
    watch(() => store.active, (a) => {
      editLayer.show(a?.geometry ?? null, Boolean(a && !a.ref));
      snap.exclude(a?.collectionId ?? null, a?.ref?.featureId ?? null);
    }, { immediate: true }),
    // The camera's field of view follows its position and the form's heading and optics as they change.
    watchEffect(() => {
      const a = store.active;
      const point = a?.collectionId === 'cameras' && a.geometry.type === 'Point' ? (a.geometry.coordinates as number[]) : null;
      editLayer.showSector(point ? cameraSector(point, store.values) ?? null : null);
    }),
    // Shown or hidden layers change what there is to snap to.
    watch(() => layersStore.settings, () => {
      snap.invalidate();
      m.render();
    }, { deep: true }),
    store.onWritten((collectionId) => {
      refreshCollection(m, collectionId);
      snap.invalidate();
    }),
  ];

  const onKey = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement | null;
    if (target?.closest('input, textarea, select, [contenteditable=true]')) return;
    const key = e.key.toLowerCase();
    if ((e.ctrlKey || e.metaKey) && (key === 'z' || key === 'y')) {
      e.preventDefault();
      if (key === 'y' || e.shiftKey) void store.redo();
      else void store.undo();
    } else if (key === 'escape') {
      tool.forEach((c) => c.abort?.());
    }
  };
  window.addEventListener('keydown', onKey);

  return () => {
    window.removeEventListener('keydown', onKey);
    stops.forEach((stop) => stop());
    tool.forEach((c) => c.destroy());
    info.suspended = false;
    selectionTool.destroy();
    snap.destroy();
    editLayer.destroy();
  };
}
