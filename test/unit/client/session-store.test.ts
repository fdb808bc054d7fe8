import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { roleMayEdit, useSessionStore } from '../../../client/src/stores/session';
import { useLayersStore } from '../../../client/src/stores/layers';
import type { CollectionInfo } from '../../../client/src/api/collections';
import type { Role } from '../../../client/src/api/session';

/** A registry entry with just what canEdit reads. */
const collection = (id: string, editRoles: string[]): CollectionInfo => ({
  id,
  group: 'urban',
  title: { vi: id, en: id },
  description: { vi: '', en: '' },
  geometryType: 'Point',
  render: 'features',
  minZoom: 0,
  style: { fill: '#000', stroke: '#fff' },
  editRoles,
  properties: [],
  links: { items: `/ogc/collections/${id}/items` },
});

function signedInAs(role: Role | null) {
  const session = useSessionStore();
  session.user = role ? { id: 'u1', username: role, displayName: role, role } : null;
  return session;
}

describe('session store: what the signed-in role may do', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    useLayersStore().collections = [
      collection('roads', ['planner', 'admin']),
      collection('cameras', ['engineer', 'admin']),
      collection('admin_units', []),
    ];
  });

  it('a_planner_may_edit_urban_layers_but_not_cameras', () => {
    const session = signedInAs('planner');
    expect(session.canEdit('roads')).toBe(true);
    expect(session.canEdit('cameras')).toBe(false);
  });

  it('an_engineer_may_edit_cameras_but_not_roads', () => {
    const session = signedInAs('engineer');
    expect(session.canEdit('cameras')).toBe(true);
    expect(session.canEdit('roads')).toBe(false);
  });

  it('a_viewer_may_edit_nothing', () => {
    const session = signedInAs('viewer');
    for (const id of ['roads', 'cameras', 'admin_units']) expect(session.canEdit(id), id).toBe(false);
  });

  it('nobody_may_edit_a_collection_whose_registry_names_no_role', () => {
    expect(signedInAs('admin').canEdit('admin_units')).toBe(false);
  });

  it('anonymous_visitors_may_edit_nothing', () => {
    const session = signedInAs(null);
    expect(session.canEdit('roads')).toBe(false);
    expect(session.isAdmin).toBe(false);
  });

  it('an_unknown_collection_is_not_editable', () => {
    expect(signedInAs('admin').canEdit('no_such_layer')).toBe(false);
  });

  it('the_edit_right_follows_the_registry_when_the_layer_list_changes', () => {
    const session = signedInAs('planner');
    expect(session.canEdit('cameras')).toBe(false);
    useLayersStore().collections = [collection('cameras', ['planner'])];
    expect(session.canEdit('cameras')).toBe(true);
  });

  it('only_administrators_get_the_administration_entry', () => {
    expect(signedInAs('admin').isAdmin).toBe(true);
    for (const role of ['viewer', 'planner', 'engineer'] as const) expect(signedInAs(role).isAdmin, role).toBe(false);
  });

  it('role_may_edit_is_false_without_a_role_or_roles', () => {
    expect(roleMayEdit(undefined, ['admin'])).toBe(false);
    expect(roleMayEdit('admin', undefined)).toBe(false);
    expect(roleMayEdit('planner', ['planner'])).toBe(true);
  });
});

describe('session store: which page the app shows', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('without_public_collections_an_anonymous_visitor_gets_the_sign_in_page', () => {
    const session = useSessionStore();
    expect(session.showSignIn).toBe(true);
  });

  it('with_public_collections_an_anonymous_visitor_gets_the_map_and_may_ask_to_sign_in', () => {
    const session = useSessionStore();
    session.publicCollections = ['admin_units'];
    expect(session.showSignIn).toBe(false);
    session.requestSignIn();
    expect(session.showSignIn).toBe(true);
    session.browseAnonymously();
    expect(session.showSignIn).toBe(false);
  });

  it('a_signed_in_user_gets_the_map', () => {
    expect(signedInAs('viewer').showSignIn).toBe(false);
  });
});
