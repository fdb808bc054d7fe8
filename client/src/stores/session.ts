/**
 * Who is signed in, and what that lets them do. The UI hides what the role cannot do (the server refuses it
 * anyway): `isAdmin` for the administration page, `canEdit(collectionId)` for editing tools, which reads the
 * collection registry's `editRoles`, so a new collection needs no client change.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiError, onUnauthorized, setCsrfToken } from '../api/http';
import * as api from '../api/session';
import type { Role, SessionInfo, SessionUser } from '../api/session';
import { useLayersStore } from './layers';
import { useFeatureInfoStore } from './featureInfo';

/** True when `role` is one of the roles the registry lets edit a collection. */
export function roleMayEdit(role: Role | undefined, editRoles: readonly string[] | undefined): boolean {
  return role !== undefined && (editRoles ?? []).includes(role);
}

// After a tile fails to load, the session is checked at most this often (a dead session fails many tiles).
const VERIFY_INTERVAL_MS = 15_000;

export const useSessionStore = defineStore('session', () => {
  const user = ref<SessionUser | null>(null);
  const publicCollections = ref<string[]>([]);
  /** `checking` until the first answer of GET /api/session; `unreachable` when the server did not answer. */
  const status = ref<'checking' | 'ready' | 'unreachable'>('checking');
  const error = ref<string>();
  /** The session ended without the user signing out (expired, closed by an administrator, server restarted). */
  const expired = ref(false);
  /** An anonymous visitor of the open-data map asked for the sign-in page. */
  const signInRequested = ref(false);
  let lastVerify = 0;

  const isSignedIn = computed(() => user.value !== null);
  const role = computed(() => user.value?.role);
  const isAdmin = computed(() => role.value === 'admin');
  /** The sign-in page is shown unless someone is signed in or open-data collections can be browsed anonymously. */
  const showSignIn = computed(() => !user.value && (publicCollections.value.length === 0 || signInRequested.value));

  /** True when the signed-in user's role may write the collection (its registry `editRoles`). */
  function canEdit(collectionId: string): boolean {
    return roleMayEdit(role.value, useLayersStore().byId(collectionId)?.editRoles);
  }

  function apply(info: SessionInfo): void {
    user.value = info.user;
    publicCollections.value = info.publicCollections ?? [];
    setCsrfToken(info.csrfToken);
    status.value = 'ready';
  }

  /** Forgets everything the previous user saw: layers differ by role and by signing in at all. */
  function resetUserState(): void {
    useLayersStore().reset();
    useFeatureInfoStore().close();
  }

  /** Asks the server who is signed in (on start, and to retry when it was unreachable). */
  async function init(): Promise<void> {
    onUnauthorized(() => expire());
    status.value = 'checking';
    error.value = undefined;
    try {
      apply(await api.getSession());
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
      status.value = 'unreachable';
    }
  }

  /** Signs in; throws the server's ApiError (401, 423, 429, 422) for the form to show. */
  async function signIn(username: string, password: string): Promise<void> {
    const info = await api.signIn(username, password);
    resetUserState();
    expired.value = false;
    signInRequested.value = false;
    apply(info);
  }

  /** Signs out and returns to the sign-in page (or the open-data map). */
  async function signOut(): Promise<void> {
    try {
      await api.signOut();
    } catch (e) {
      // The session is gone either way once the cookie is dropped; a network error must not trap the user.
      if (!(e instanceof ApiError)) console.warn('Sign-out request failed', e);
    }
    user.value = null;
    setCsrfToken(null);
    expired.value = false;
    resetUserState();
  }

  /** Called on any unexpected 401: the session is over, so show the sign-in page with a note. */
  function expire(): void {
    if (user.value) expired.value = true;
    user.value = null;
    setCsrfToken(null);
    signInRequested.value = true;
    resetUserState();
  }

  /**
   * Re-reads the session after a map tile failed to load (tile requests bypass the API wrapper):
   * when the server no longer knows the user, the session has expired.
   */
  async function verify(): Promise<void> {
    if (!user.value || Date.now() - lastVerify < VERIFY_INTERVAL_MS) return;
    lastVerify = Date.now();
    try {
      const info = await api.getSession();
      if (!info.user && user.value) expire();
    } catch {
      // The server is unreachable: the tile errors say so already; keep the session.
    }
  }

  /** Leaves the sign-in page for the open-data map (only offered when there are public collections). */
  function browseAnonymously(): void {
    signInRequested.value = false;
  }

  /** Shows the sign-in page from the open-data map. */
  function requestSignIn(): void {
    signInRequested.value = true;
  }

  return {
    user, publicCollections, status, error, expired, signInRequested,
    isSignedIn, role, isAdmin, showSignIn,
    canEdit, init, signIn, signOut, expire, verify, browseAnonymously, requestSignIn,
  };
});
