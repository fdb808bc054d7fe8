/**
 * The session's writes, part of the editing store: every edit, undo and redo runs as server writes one at a time;
 * a 412 stops it and waits for the user's answer in the conflict dialog (overwrite on purpose with the current
 * ETag, load the other version, or leave it), so no edit is ever lost silently.
 */
import { computed, ref, shallowRef } from 'vue';
import * as api from '../api/editing';
import type { FeatureState, VersionedFeature } from '../api/editing';
import { StaleWriteError, applyStep, stateOf, undoStep, type EditStep, type FeatureRef } from '../lib/editing/steps';
import { UndoStack } from '../lib/editing/undo-stack';
import { askAboutConflict, type ConflictChoice, type ConflictState } from './editing-conflict';

/** What the writes need from the rest of the store. */
export interface WriteHooks {
  say(key: string, tone: 'info' | 'busy' | 'ok' | 'error', params?: Record<string, unknown>): void;
  reportError(e: unknown): void;
  /** The version the editor shows of a feature (the base of a conflict), when it shows that feature. */
  baseFor(ref: FeatureRef): FeatureState | null;
  propertyNames(collectionId: string): string[];
  /** After "load their version": the editor shows it, when it shows that feature. */
  showTheirs(ref: FeatureRef, theirs: VersionedFeature): void;
  /** After every successful write (layers to reload, the editor to refresh). */
  afterWrite(step: EditStep): Promise<void>;
  describe(step: EditStep): string;
}

const CANCELLED = Symbol('cancelled');

/** Creates the write queue and the undo history; call inside the editing store's setup. */
export function createEditWrites(hooks: WriteHooks) {
  const busy = ref(false);
  const conflict = shallowRef<ConflictState | null>(null);
  const counts = ref({ done: 0, undone: 0 });
  const history = new UndoStack<EditStep>();
  const canUndo = computed(() => counts.value.done > 0 && !busy.value);
  const canRedo = computed(() => counts.value.undone > 0 && !busy.value);
  const sync = () => (counts.value = { ...history.size });

  /** After overwriting on purpose, undoing the step restores the other user's version, not the older one. */
  function rebase(step: EditStep, ref: FeatureRef, theirs: FeatureState): void {
    if (step.kind === 'group') step.steps.forEach((s) => rebase(s, ref, theirs));
    else if (step.kind === 'update' && step.ref === ref) step.before = theirs;
  }

  /** Runs a step's writes; on a 412 asks the user, then retries with the new ETag or gives up. */
  async function runWrites(step: EditStep, run: () => Promise<void>, phase: 'apply' | 'undo'): Promise<boolean> {
    busy.value = true;
    hooks.say('editing.status.saving', 'busy');
    try {
      for (;;) {
        try {
          await run();
          return true;
        } catch (e) {
          if (!(e instanceof StaleWriteError)) throw e;
          const names = hooks.propertyNames(e.ref.collectionId);
          const decision = await askAboutConflict(e, hooks.baseFor(e.ref), names, (state) => (conflict.value = state));
          if (decision.choice === 'overwrite' && decision.theirs) {
            e.ref.etag = decision.theirs.etag;
            if (phase === 'apply') rebase(step, e.ref, stateOf(decision.theirs, names));
            continue;
          }
          if (decision.choice === 'reload' && decision.theirs) hooks.showTheirs(e.ref, decision.theirs);
          hooks.say(decision.choice === 'reload' ? 'editing.status.conflictReloaded' : 'editing.status.cancelled', 'info');
          return false;
        }
      }
    } catch (e) {
      hooks.reportError(e);
      return false;
    } finally {
      busy.value = false;
      conflict.value = null;
    }
  }

  /** Applies a new edit and records it for undo; `done` is the status once it is written. */
  async function perform(step: EditStep, done: () => { key: string; params?: Record<string, unknown> }): Promise<boolean> {
    let ok = false;
    try {
      ok = await history.exclusive(() => runWrites(step, () => applyStep(api, step), 'apply'));
    } catch (e) {
      hooks.reportError(e);
    }
    if (!ok) return false;
    history.push(step);
    sync();
    await hooks.afterWrite(step);
    const message = done();
    hooks.say(message.key, 'ok', message.params);
    return true;
  }

  /** Undoes the newest step, or redoes the newest undone one: new versions either way. */
  async function move(direction: 'undo' | 'redo'): Promise<void> {
    const run = direction === 'undo' ? (s: EditStep) => undoStep(api, s) : (s: EditStep) => applyStep(api, s);
    try {
      const step = await history[direction](async (s) => {
        if (!(await runWrites(s, () => run(s), direction === 'undo' ? 'undo' : 'apply'))) throw CANCELLED;
      });
      sync();
      if (!step) return;
      await hooks.afterWrite(step);
      hooks.say(`editing.status.${direction === 'undo' ? 'undone' : 'redone'}`, 'ok', { label: hooks.describe(step) });
    } catch (e) {
      sync();
      if (e !== CANCELLED) hooks.reportError(e);
    }
  }

  function resolveConflict(choice: ConflictChoice): void {
    conflict.value?.resolve(choice);
  }

  function clear(): void {
    history.clear();
    sync();
  }

  return {
    busy, conflict, counts, canUndo, canRedo, perform, resolveConflict, clear,
    undo: () => move('undo'), redo: () => move('redo'),
  };
}
