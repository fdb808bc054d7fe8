/** The administrator's user list: loading, creating and changing accounts through the users API. */
import { ref, shallowRef } from 'vue';
import * as api from '../api/users';
import type { NewUser, UserAccount, UserChange } from '../api/users';

/** The account list and the operations on it; changes reload the list so versions stay current. */
export function useUserAdmin() {
  const users = shallowRef<UserAccount[]>([]);
  const loading = ref(false);
  const error = ref<string>();

  async function reload(): Promise<void> {
    loading.value = true;
    error.value = undefined;
    try {
      users.value = await api.listUsers();
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      loading.value = false;
    }
  }

  /** Creates an account; rethrows the ApiError (409 taken, 422 invalid) for the form to show. */
  async function create(input: NewUser): Promise<UserAccount> {
    const created = await api.createUser(input);
    await reload();
    return created;
  }

  /**
   * Saves a change at the version the administrator saw. On 412 (someone changed the account meanwhile)
   * the list is reloaded before the error is rethrown, so the next attempt starts from the current version.
   */
  async function update(user: UserAccount, change: UserChange): Promise<UserAccount> {
    try {
      const saved = await api.updateUser(user.id, user.version, change);
      users.value = users.value.map((u) => (u.id === saved.id ? saved : u));
      return saved;
    } catch (e) {
      if ((e as { status?: number }).status === 412) await reload();
      throw e;
    }
  }

  return { users, loading, error, reload, create, update };
}
