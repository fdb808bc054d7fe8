/** Connects the import wizard to the map: one ImportPreviewController for as long as the wizard lives. */
import { onBeforeUnmount, watch } from 'vue';
import type { PreviewCollection } from '../api/imports';
import { ImportPreviewController } from '../map/controllers/ImportPreviewController';
import { useMap } from './useMap';

/**
 * What the side panel (left, 310 px with its margin) and the wizard (right, 660 px wide, 60 px from the edge)
 * cover of the map, so that a preview is fitted into the part the user sees.
 */
const COVERED: [number, number, number, number] = [60, 760, 60, 330];

export function useImportPreview() {
  const { map } = useMap();
  let controller: ImportPreviewController | undefined;
  const stop = watch(map, (m) => {
    controller?.destroy();
    controller = m ? new ImportPreviewController(m, COVERED) : undefined;
  }, { immediate: true });
  onBeforeUnmount(() => {
    stop();
    controller?.destroy();
    controller = undefined;
  });
  return {
    /** Draws the preview; returns how many features are on the map. */
    show: (collection: PreviewCollection) => controller?.show(collection) ?? 0,
    focus: (row: number) => controller?.focus(row),
    fitLonLat: (extent: [number, number, number, number]) => controller?.fitLonLat(extent),
    clear: () => controller?.clear(),
  };
}
