import { describe, expect, it } from 'vitest';
import { UndoStack } from '../../../client/src/lib/editing/undo-stack';
import { StaleWriteError, applyStep, newRef, undoStep, type EditApi, type EditStep } from '../../../client/src/lib/editing/steps';
import type { FeatureState, VersionedFeature } from '../../../client/src/api/editing';

/**
 * An in-memory model of the items and history API: versions bump on every write, If-Match is checked (412), a
 * deleted feature can be reverted under its id, a plan write to a baseline feature makes a copy with a new id.
 */
class MemoryServer implements EditApi {
  readonly rows = new Map<string, { state: FeatureState; version: number; scenarioId: string | null }>();
  readonly history: { id: string; version: number; op: string; state: FeatureState }[] = [];
  private next = 1;

  private fail412(): never {
    throw Object.assign(new Error('stale'), { status: 412 });
  }

  private check(id: string, ifMatch: string) {
    const row = this.rows.get(id);
    if (!row) throw Object.assign(new Error('gone'), { status: 404 });
    if (ifMatch !== `"v${row.version}"`) this.fail412();
    return row;
  }

  async readFeature(_c: string, id: string): Promise<VersionedFeature> {
    const row = this.rows.get(id);
    if (!row) throw Object.assign(new Error('gone'), { status: 404 });
    return { id, etag: `"v${row.version}"`, feature: { type: 'Feature', id, ...structuredClone(row.state) } };
  }

  async createFeature(_c: string, state: FeatureState, scenarioId?: string | null) {
    const id = `f${this.next++}`;
    this.rows.set(id, { state: structuredClone(state), version: 1, scenarioId: scenarioId ?? null });
    this.history.push({ id, version: 1, op: 'insert', state });
    return { id, etag: '"v1"' };
  }

  async replaceFeature(c: string, id: string, state: FeatureState, ifMatch: string, scenarioId?: string | null) {
    let row = this.check(id, ifMatch);
    let target = id;
    if (scenarioId && row.scenarioId === null) {
      const copy = await this.createFeature(c, row.state, scenarioId);
      target = copy.id;
      row = this.rows.get(target)!;
    }
    row.state = structuredClone(state);
    row.version++;
    this.history.push({ id: target, version: row.version, op: 'update', state });
    return this.readFeature(c, target);
  }

  async deleteFeature(c: string, id: string, ifMatch: string, scenarioId?: string | null) {
    const row = this.check(id, ifMatch);
    if (scenarioId && row.scenarioId === null) {
      const copy = await this.createFeature(c, { ...row.state, properties: { ...row.state.properties, status: 'decommissioned' } }, scenarioId);
      return { retiredAs: copy.id };
    }
    this.rows.delete(id);
    this.history.push({ id, version: row.version, op: 'delete', state: row.state });
    return {};
  }

  async revertFeature(_c: string, id: string, version: number) {
    const old = this.history.find((h) => h.id === id && h.version === version && h.op !== 'delete');
    if (!old) throw Object.assign(new Error('no such version'), { status: 422 });
    if (this.rows.has(id)) this.fail412();
    const last = Math.max(...this.history.filter((h) => h.id === id).map((h) => h.version));
    this.rows.set(id, { state: structuredClone(old.state), version: last + 1, scenarioId: null });
    this.history.push({ id, version: last + 1, op: 'insert', state: old.state });
    return { etag: `"v${last + 1}"` };
  }

  /** Another user's write, straight to the store. */
  otherUserEdits(id: string, properties: Record<string, unknown>) {
    const row = this.rows.get(id)!;
    row.state = { ...row.state, properties: { ...row.state.properties, ...properties } };
    row.version++;
    this.history.push({ id, version: row.version, op: 'update', state: row.state });
  }
}

const at = (lon: number, lat: number, name: string): FeatureState => ({
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { name },
});

async function perform(stack: UndoStack<EditStep>, api: EditApi, step: EditStep) {
  await applyStep(api, step);
  stack.push(step);
}

describe('undo stack', () => {
  it('a_new_edit_after_an_undo_drops_the_redo_history', async () => {
    const stack = new UndoStack<string>();
    stack.push('a');
    stack.push('b');
    await stack.undo(async () => {});
    expect(stack.canRedo).toBe(true);
    stack.push('c');
    expect(stack.canRedo).toBe(false);
    expect(stack.nextUndo).toBe('c');
  });

  it('a_failed_undo_keeps_the_step_where_it_was', async () => {
    const stack = new UndoStack<string>();
    stack.push('a');
    await expect(stack.undo(async () => { throw new Error('refused'); })).rejects.toThrow('refused');
    expect(stack.size).toEqual({ done: 1, undone: 0 });
    expect(stack.canUndo).toBe(true);
  });

  it('only_one_step_runs_at_a_time', async () => {
    const stack = new UndoStack<string>();
    stack.push('a');
    stack.push('b');
    let release!: () => void;
    const first = stack.undo(() => new Promise<void>((r) => { release = r; }));
    expect(stack.canUndo).toBe(false);
    expect(await stack.undo(async () => {})).toBeUndefined();
    release();
    expect(await first).toBe('b');
    expect(stack.size).toEqual({ done: 1, undone: 1 });
  });
});

describe('edit steps are server writes', () => {
  it('undoing_an_update_writes_a_new_version_with_the_old_state_and_redo_another', async () => {
    const api = new MemoryServer();
    const { id, etag } = await api.createFeature('cameras', at(108.2, 16.05, 'A'));
    const ref = newRef('cameras', id, etag, null);
    const stack = new UndoStack<EditStep>();
    await perform(stack, api, { kind: 'update', label: 'rename', ref, before: at(108.2, 16.05, 'A'), after: at(108.2, 16.05, 'B') });
    expect(api.rows.get(id)!.version).toBe(2);
    await stack.undo((s) => undoStep(api, s));
    expect(api.rows.get(id)).toMatchObject({ version: 3, state: { properties: { name: 'A' } } });
    await stack.redo((s) => applyStep(api, s));
    expect(api.rows.get(id)).toMatchObject({ version: 4, state: { properties: { name: 'B' } } });
    expect(api.history.map((h) => h.version)).toEqual([1, 2, 3, 4]);
  });

  it('undoing_a_create_deletes_and_redo_brings_back_the_same_id_through_the_history', async () => {
    const api = new MemoryServer();
    const ref = newRef('cameras', '', '', null);
    const stack = new UndoStack<EditStep>();
    await perform(stack, api, { kind: 'create', label: 'new', ref, state: at(108.21, 16.06, 'new camera') });
    const id = ref.featureId;
    expect(api.rows.has(id)).toBe(true);
    await stack.undo((s) => undoStep(api, s));
    expect(api.rows.has(id)).toBe(false);
    expect(ref.deleted).toBe(true);
    await stack.redo((s) => applyStep(api, s));
    expect(ref.featureId).toBe(id);
    expect(api.rows.get(id)!.state.properties.name).toBe('new camera');
    // Undo again needs the version the redo wrote: the ref followed it.
    await stack.undo((s) => undoStep(api, s));
    expect(api.rows.has(id)).toBe(false);
  });

  it('undoing_a_delete_reverts_the_feature_under_its_id', async () => {
    const api = new MemoryServer();
    const { id, etag } = await api.createFeature('roads', at(108.2, 16.0, 'Bạch Đằng'));
    const ref = newRef('roads', id, etag, null);
    const stack = new UndoStack<EditStep>();
    await perform(stack, api, { kind: 'delete', label: 'delete', ref, before: at(108.2, 16.0, 'Bạch Đằng') });
    expect(api.rows.has(id)).toBe(false);
    await stack.undo((s) => undoStep(api, s));
    expect(api.rows.get(id)!.state.properties.name).toBe('Bạch Đằng');
    await stack.redo((s) => applyStep(api, s));
    expect(api.rows.has(id)).toBe(false);
  });

  it('an_undo_over_someone_elses_change_is_refused_as_stale_and_left_in_place', async () => {
    const api = new MemoryServer();
    const { id, etag } = await api.createFeature('cameras', at(108.2, 16.05, 'A'));
    const ref = newRef('cameras', id, etag, null);
    const stack = new UndoStack<EditStep>();
    await perform(stack, api, { kind: 'update', label: 'rename', ref, before: at(108.2, 16.05, 'A'), after: at(108.2, 16.05, 'B') });
    api.otherUserEdits(id, { name: 'C' });
    const failure = stack.undo((s) => undoStep(api, s));
    await expect(failure).rejects.toBeInstanceOf(StaleWriteError);
    await failure.catch((e: StaleWriteError) => expect(e.mine?.properties.name).toBe('A'));
    expect(api.rows.get(id)!.state.properties.name).toBe('C');
    expect(stack.canUndo).toBe(true);
    // Overwriting on purpose: the same undo with the current ETag.
    ref.etag = (await api.readFeature('cameras', id)).etag;
    await stack.undo((s) => undoStep(api, s));
    expect(api.rows.get(id)!.state.properties.name).toBe('A');
  });

  it('in_a_plan_an_edit_follows_the_plans_copy_and_an_undone_delete_returns_as_a_plan_feature', async () => {
    const api = new MemoryServer();
    const base = await api.createFeature('cameras', at(108.2, 16.05, 'baseline'));
    const ref = newRef('cameras', base.id, base.etag, 'plan-1');
    const stack = new UndoStack<EditStep>();
    await perform(stack, api, { kind: 'update', label: 'move', ref, before: at(108.2, 16.05, 'baseline'), after: at(108.3, 16.05, 'baseline') });
    expect(ref.featureId).not.toBe(base.id);
    expect(api.rows.get(base.id)!.version).toBe(1);
    const copyId = ref.featureId;
    await perform(stack, api, { kind: 'delete', label: 'delete', ref, before: at(108.3, 16.05, 'baseline') });
    expect(api.rows.has(copyId)).toBe(false);
    await stack.undo((s) => undoStep(api, s));
    expect(api.rows.get(ref.featureId)).toMatchObject({ scenarioId: 'plan-1', state: { geometry: { coordinates: [108.3, 16.05] } } });
    // The earlier move is undone on the feature's new id.
    await stack.undo((s) => undoStep(api, s));
    expect(api.rows.get(ref.featureId)!.state.geometry.coordinates).toEqual([108.2, 16.05]);
  });

  it('retiring_a_baseline_feature_in_a_plan_is_undone_by_dropping_the_plans_copy', async () => {
    const api = new MemoryServer();
    const base = await api.createFeature('cameras', at(108.2, 16.05, 'baseline'));
    const ref = newRef('cameras', base.id, base.etag, 'plan-1');
    const step: EditStep = { kind: 'delete', label: 'retire', ref, before: at(108.2, 16.05, 'baseline') };
    await applyStep(api, step);
    expect(step.kind === 'delete' && step.retiredAs).toBeTruthy();
    expect(api.rows.size).toBe(2);
    await undoStep(api, step);
    expect([...api.rows.keys()]).toEqual([base.id]);
  });

  it('a_group_half_undone_continues_where_it_stopped', async () => {
    const api = new MemoryServer();
    const a = await api.createFeature('roads', at(108.2, 16.0, 'a'));
    const refA = newRef('roads', a.id, a.etag, null);
    const refB = newRef('roads', '', '', null);
    const group: EditStep = {
      kind: 'group', label: 'split', applied: 0, steps: [
        { kind: 'update', label: 'u', ref: refA, before: at(108.2, 16.0, 'a'), after: at(108.2, 16.0, 'a1') },
        { kind: 'create', label: 'c', ref: refB, state: at(108.21, 16.0, 'a2') },
      ],
    };
    await applyStep(api, group);
    expect(api.rows.size).toBe(2);
    api.otherUserEdits(a.id, { name: 'other' });
    await expect(undoStep(api, group)).rejects.toBeInstanceOf(StaleWriteError);
    expect(group.kind === 'group' && group.applied).toBe(1);
    expect(api.rows.has(refB.featureId)).toBe(false);
    refA.etag = (await api.readFeature('roads', a.id)).etag;
    await undoStep(api, group);
    expect(api.rows.get(a.id)!.state.properties.name).toBe('a');
  });
});
