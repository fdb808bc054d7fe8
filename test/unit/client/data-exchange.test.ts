import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CollectionInfo } from '../../../client/src/api/collections';
import { importTargets, mayImport } from '../../../client/src/lib/import-targets';
import { setCsrfToken } from '../../../client/src/api/http';
import { uploadImport } from '../../../client/src/api/imports';
import { exportUrl, fetchExport } from '../../../client/src/api/exports';

const layer = (id: string, editRoles: string[], scenarioAware: boolean) => ({ id, editRoles, scenarioAware }) as unknown as CollectionInfo;
const COLLECTIONS = [layer('buildings', ['planner', 'admin'], false), layer('cameras', ['engineer', 'admin'], true)];
const into = (role: Parameters<typeof importTargets>[1], plan: string | null) =>
  Object.fromEntries(importTargets(COLLECTIONS, role, plan).map((t) => [t.collection.id, t.into ?? t.reason]));

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('where an import goes', () => {
  it('a_planner_imports_urban_layers_into_the_baseline_and_infrastructure_only_into_an_open_plan', () => {
    expect(into('planner', null)).toEqual({ buildings: 'baseline', cameras: 'needsPlan' });
    expect(into('planner', 'plan-1')).toEqual({ buildings: 'baseline', cameras: 'plan' });
  });

  it('an_engineer_imports_infrastructure_into_the_open_plan_or_the_baseline_but_no_urban_layer', () => {
    expect(into('engineer', null)).toEqual({ buildings: 'noRight', cameras: 'baseline' });
    expect(into('engineer', 'plan-1')).toEqual({ buildings: 'noRight', cameras: 'plan' });
  });

  it('viewers_and_visitors_import_nothing', () => {
    expect(mayImport(COLLECTIONS, 'viewer')).toBe(false);
    expect(mayImport(COLLECTIONS, undefined)).toBe(false);
    expect(mayImport(COLLECTIONS, 'planner')).toBe(true);
    expect(into('viewer', 'plan-1')).toEqual({ buildings: 'noRight', cameras: 'noRight' });
  });
});

describe('import and export clients', () => {
  it('an_upload_sends_the_file_as_the_body_with_its_name_and_the_csrf_token', async () => {
    setCsrfToken('token-9');
    const sent: Array<{ url: string; init: RequestInit }> = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      sent.push({ url, init });
      return new Response(JSON.stringify({ id: 'x' }), { status: 201, headers: { 'Content-Type': 'application/json' } });
    });
    const file = new File(['{"type":"FeatureCollection","features":[]}'], 'Cầu Rồng.geojson', { type: 'application/geo+json' });
    await uploadImport(file);
    expect(sent[0].url).toBe('/api/imports?name=C%E1%BA%A7u+R%E1%BB%93ng.geojson');
    expect(sent[0].init.body).toBe(file);
    expect((sent[0].init.headers as Record<string, string>)['Content-Type']).toBe('application/geo+json');
    expect((sent[0].init.headers as Record<string, string>)['X-CSRF-Token']).toBe('token-9');
  });

  it('an_export_url_carries_format_crs_bbox_and_ids', () => {
    expect(exportUrl({ collection: 'cameras', format: 'shapefile', crs: 'EPSG:5899', bbox: [108.2, 16.05, 108.25, 16.08] }))
      .toBe('/api/exports/cameras?format=shapefile&crs=EPSG%3A5899&bbox=108.200000%2C16.050000%2C108.250000%2C16.080000');
    expect(exportUrl({ collection: 'cameras', format: 'csv', crs: 'CRS84', ids: ['a', 'b'] })).toBe('/api/exports/cameras?format=csv&crs=CRS84&ids=a%2Cb');
  });

  it('a_download_takes_its_file_name_from_the_server', async () => {
    vi.stubGlobal('fetch', async () => new Response('zip', { status: 200, headers: { 'Content-Disposition': 'attachment; filename="cameras-EPSG5899.zip"' } }));
    const file = await fetchExport({ collection: 'cameras', format: 'shapefile', crs: 'EPSG:5899' });
    expect(file.fileName).toBe('cameras-EPSG5899.zip');
    expect(await file.blob.text()).toBe('zip');
  });
});
