/** Filters, paging and loading of the audit trail's two lists: feature changes and account events. */
import { reactive, ref, shallowRef } from 'vue';
import { listChanges, listEvents, type AccountAction, type AccountEvent, type ChangeOperation, type FeatureChange } from '../api/audit';
import { dayRangeToInstants } from '../lib/format-time';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `text` is empty or a UUID (feature ids are UUIDs; the server refuses anything else). */
export function isFeatureIdFilter(text: string): boolean {
  return text.trim() === '' || UUID.test(text.trim());
}

/** The feature-change list: filter form, current page and its rows. */
export function useFeatureChanges(pageSize = 20) {
  const filter = reactive({
    user: '',
    collection: '' as string,
    operation: '' as ChangeOperation | '',
    featureId: '',
    days: null as [string, string] | null,
  });
  const page = ref(1);
  const total = ref(0);
  const rows = shallowRef<FeatureChange[]>([]);
  const loading = ref(false);
  const error = ref<string>();
  let pending: AbortController | undefined;

  /** Loads page `n` (1-based) with the current filter; a newer load cancels an older one. */
  async function load(n = page.value): Promise<void> {
    if (!isFeatureIdFilter(filter.featureId)) return;
    pending?.abort();
    const mine = (pending = new AbortController());
    page.value = n;
    loading.value = true;
    error.value = undefined;
    try {
      const body = await listChanges({
        user: filter.user.trim() || undefined,
        collection: filter.collection || undefined,
        operation: filter.operation || undefined,
        featureId: filter.featureId.trim() || undefined,
        ...dayRangeToInstants(filter.days),
        limit: pageSize,
        offset: (n - 1) * pageSize,
      }, mine.signal);
      rows.value = body.changes;
      total.value = body.total;
    } catch (e) {
      if (!mine.signal.aborted) error.value = e instanceof Error ? e.message : String(e);
    } finally {
      if (pending === mine) loading.value = false;
    }
  }

  /** Empties the filter and shows the first page. */
  function clear(): Promise<void> {
    Object.assign(filter, { user: '', collection: '', operation: '', featureId: '', days: null });
    return load(1);
  }

  return { filter, page, pageSize, total, rows, loading, error, load, clear };
}

/** The account-event list. The server gives no total, so one row more than a page tells whether a next exists. */
export function useAccountEvents(pageSize = 20) {
  const filter = reactive({ user: '', action: '' as AccountAction | '' });
  const page = ref(1);
  const hasNext = ref(false);
  const rows = shallowRef<AccountEvent[]>([]);
  const loading = ref(false);
  const error = ref<string>();

  async function load(n = page.value): Promise<void> {
    page.value = n;
    loading.value = true;
    error.value = undefined;
    try {
      const events = await listEvents({
        user: filter.user.trim() || undefined,
        action: filter.action || undefined,
        limit: pageSize + 1,
        offset: (n - 1) * pageSize,
      });
      hasNext.value = events.length > pageSize;
      rows.value = events.slice(0, pageSize);
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      loading.value = false;
    }
  }

  function clear(): Promise<void> {
    Object.assign(filter, { user: '', action: '' });
    return load(1);
  }

  return { filter, page, pageSize, hasNext, rows, loading, error, load, clear };
}
