/**
 * The import wizard's state and steps: upload → CRS → column mapping → preview (report and map) → commit.
 * Components render it; the map preview goes through useImportPreview; after a commit the changed layer reloads.
 */
import { computed, ref, shallowRef } from 'vue';
import { ApiError } from '../api/http';
import * as api from '../api/imports';
import type { ColumnMapping, CommitResult, PreviewReport, UploadSummary } from '../api/imports';
import { importTargets } from '../lib/import-targets';
import { useLayersStore } from '../stores/layers';
import { usePlanStore } from '../stores/plan';
import { useSessionStore } from '../stores/session';
import { useImportPreview } from './useImportPreview';

export type WizardStep = 'file' | 'crs' | 'mapping' | 'preview' | 'done';
export const WIZARD_STEPS: readonly WizardStep[] = ['file', 'crs', 'mapping', 'preview', 'done'];

export function useImportWizard() {
  const layers = useLayersStore();
  const plan = usePlanStore();
  const session = useSessionStore();
  const preview = useImportPreview();

  const step = ref<WizardStep>('file');
  const busy = ref(false);
  const error = ref<string>();
  const collectionId = ref<string>();
  const summary = shallowRef<UploadSummary>();
  const crs = ref<string>();
  const mapping = ref<ColumnMapping>({});
  const repair = ref(false);
  const report = shallowRef<PreviewReport>();
  const drawn = ref(0);
  const result = shallowRef<CommitResult>();

  const targets = computed(() => importTargets(layers.collections, session.role, plan.activePlanId));
  const target = computed(() => targets.value.find((t) => t.collection.id === collectionId.value));
  /** The plan the import goes into, when the target is an infrastructure layer and a plan is open. */
  const scenario = computed(() => (target.value?.into === 'plan' ? plan.activePlanId ?? undefined : undefined));
  const choices = () => ({ collection: collectionId.value!, crs: crs.value, mapping: mapping.value, repair: repair.value, scenario: scenario.value });

  /** Runs a server step, keeping its error message for the user. */
  async function attempt<T>(work: () => Promise<T>): Promise<T | undefined> {
    busy.value = true;
    error.value = undefined;
    try {
      return await work();
    } catch (e) {
      error.value = e instanceof ApiError || e instanceof Error ? e.message : String(e);
      return undefined;
    } finally {
      busy.value = false;
    }
  }

  /** Uploads the chosen file (replacing any earlier one) and reads what it holds. */
  async function upload(file: File): Promise<void> {
    const previous = summary.value?.id;
    summary.value = undefined;
    report.value = undefined;
    preview.clear();
    const uploaded = await attempt(() => api.uploadImport(file));
    if (!uploaded) return;
    if (previous) void api.discardImport(previous).catch(() => undefined);
    summary.value = uploaded;
    crs.value = uploaded.crs.code ?? undefined;
  }

  /** From the file to the CRS step. */
  function toCrs(): void {
    if (summary.value && target.value?.into) step.value = 'crs';
  }

  /** From the CRS to the mapping, with the server's suggested mapping for the chosen layer. */
  async function toMapping(): Promise<void> {
    mapping.value = {};
    const answer = await attempt(() => api.previewImport(summary.value!.id, { ...choices(), mapping: undefined }));
    if (!answer) return;
    mapping.value = { ...answer.mapping };
    step.value = 'mapping';
  }

  /** Validates with the current choices and draws the preview. */
  async function runPreview(): Promise<void> {
    const answer = await attempt(() => api.previewImport(summary.value!.id, choices()));
    if (!answer) return;
    report.value = answer;
    drawn.value = preview.show(answer.preview);
    step.value = 'preview';
  }

  /** Writes everything (or nothing); then reloads the layer and shows where the features went. */
  async function commit(): Promise<void> {
    const done = await attempt(() => api.commitImport(summary.value!.id, choices()));
    if (!done) return;
    result.value = done;
    preview.clear();
    layers.refresh(done.collection);
    if (done.extent) preview.fitLonLat(done.extent);
    step.value = 'done';
  }

  /** Goes back one step (the map preview stays until a new one replaces it). */
  function back(): void {
    const at = WIZARD_STEPS.indexOf(step.value);
    if (at > 0) step.value = WIZARD_STEPS[at - 1];
  }

  /** Starts again with another file. */
  function restart(): void {
    step.value = 'file';
    summary.value = undefined;
    report.value = undefined;
    result.value = undefined;
    repair.value = false;
    error.value = undefined;
    preview.clear();
  }

  /** Forgets the staged file on the server (the wizard closes before a commit). */
  function dispose(): void {
    if (summary.value && !result.value) void api.discardImport(summary.value.id).catch(() => undefined);
    preview.clear();
  }

  return {
    step, busy, error, collectionId, summary, crs, mapping, repair, report, drawn, result, targets, target, scenario,
    upload, toCrs, toMapping, runPreview, commit, back, restart, dispose, focus: preview.focus,
  };
}
