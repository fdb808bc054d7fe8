import { describe, expect, it } from 'vitest';
import { ImportStore } from '../../../../server/src/features/import/import.store.js';
import { ProblemError } from '../../../../server/src/lib/errors.js';

const item = (bytes: number) => ({ fileName: 'f', bytes, parsed: { format: 'geojson' as const, features: [], crs: { code: 'CRS84', source: 'rfc7946' as const, detail: '' } }, geometryTypes: {}, columns: [] });

describe('staged imports in memory', () => {
  it('expire_after_the_ttl_since_their_last_use', () => {
    let now = 0;
    const store = new ImportStore({ ttlMs: 1000, perUser: 2, maxTotalBytes: 100, now: () => now });
    const a = store.put('u', item(1));
    now = 900;
    store.get(a.id, 'u');
    now = 1800;
    expect(store.get(a.id, 'u').id).toBe(a.id);
    now = 2801;
    expect(() => store.get(a.id, 'u')).toThrow(/committed, discarded or expired/);
  });

  it('a_user_keeps_at_most_the_cap_the_oldest_goes_first', () => {
    let now = 0;
    const store = new ImportStore({ ttlMs: 1000, perUser: 2, maxTotalBytes: 100, now: () => now });
    const first = store.put('u', item(1));
    now = 1;
    const second = store.put('u', item(1));
    now = 2;
    store.put('u', item(1));
    expect(() => store.get(first.id, 'u')).toThrow(ProblemError);
    expect(store.get(second.id, 'u').id).toBe(second.id);
    expect(() => store.get(second.id, 'someone else')).toThrow(ProblemError);
  });

  it('past_the_total_size_a_new_upload_is_refused_with_503', () => {
    const store = new ImportStore({ ttlMs: 1000, perUser: 5, maxTotalBytes: 100 });
    store.put('a', item(60));
    const err = (() => { try { store.put('b', item(50)); } catch (e) { return e as ProblemError; } })();
    expect(err?.status).toBe(503);
    expect(err?.headers['Retry-After']).toBe('120');
  });
});
