import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import * as shapefile from 'shapefile';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { basicAuth, startTestApp, type TestApp } from '../helpers/test-app.js';
import { actAs, anonymous, fetchAs, getJson, sendJson } from '../helpers/http.js';
import { buildingFeature, cameraFeature, DRAGON_BRIDGE } from '../fixtures/features.js';
import { dbfFieldNames } from '../../server/src/features/export/export.shapefile.js';

let app: TestApp;
let cameraId: string;
let otherCameraId: string;
beforeAll(async () => {
  actAs(basicAuth('admin'));
  app = await startTestApp();
  const created = await sendJson('POST', `${app.url}/ogc/collections/cameras/items`, cameraFeature());
  cameraId = created.body.id;
  const other = await sendJson('POST', `${app.url}/ogc/collections/cameras/items`, cameraFeature({ name: 'Camera 02' }, [108.23, 16.07]));
  otherCameraId = other.body.id;
  const building = await sendJson('POST', `${app.url}/ogc/collections/buildings/items`, buildingFeature());
  expect(building.status).toBe(201);
  actAs(basicAuth('viewer'));
});
afterAll(async () => {
  await app?.close();
});

const exportUrl = (collection: string, query: string) => `${app.url}/api/exports/${collection}?${query}`;

function expectDragonBridge([e, n]: number[]) {
  expect(Math.abs(e - DRAGON_BRIDGE.easting)).toBeLessThan(0.01);
  expect(Math.abs(n - DRAGON_BRIDGE.northing)).toBeLessThan(0.01);
}

describe('export', () => {
  it('the_vn2000_utm_and_tm3_zones_exist_in_spatial_ref_sys', async () => {
    const { rows } = await app.db.knex.raw('SELECT srid FROM spatial_ref_sys WHERE srid IN (3405, 3406, 5899) ORDER BY srid');
    expect(rows.map((r: { srid: number }) => r.srid)).toEqual([3405, 3406, 5899]);
  });

  it('a_vn2000_geojson_export_of_the_dragon_bridge_camera_matches_the_check_point', async () => {
    const res = await fetchAs(exportUrl('cameras', `format=geojson&crs=EPSG:5899&ids=${cameraId}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="cameras-EPSG5899.geojson"');
    const body = await res.json();
    expect(body.crs.properties.name).toBe('urn:ogc:def:crs:EPSG::5899');
    expect(body.features).toHaveLength(1);
    expectDragonBridge(body.features[0].geometry.coordinates);
    expect(body.features[0].properties.name).toBe('Camera Cầu Rồng 01');
  });

  it('a_vn2000_shapefile_zip_has_its_files_a_vn2000_prj_and_reads_back_within_1_cm', async () => {
    const res = await fetchAs(exportUrl('cameras', `format=shapefile&crs=EPSG:5899&ids=${cameraId}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toContain('cameras-EPSG5899.zip');
    const zip = await JSZip.loadAsync(await res.arrayBuffer());
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(['cameras-EPSG5899.cpg', 'cameras-EPSG5899.dbf', 'cameras-EPSG5899.prj', 'cameras-EPSG5899.shp', 'cameras-EPSG5899.shx']);
    expect(await zip.file('cameras-EPSG5899.prj')!.async('string')).toContain('VN-2000');
    expect(await zip.file('cameras-EPSG5899.cpg')!.async('string')).toBe('UTF-8');
    const shp = await zip.file('cameras-EPSG5899.shp')!.async('uint8array');
    const dbf = await zip.file('cameras-EPSG5899.dbf')!.async('uint8array');
    const collection = await shapefile.read(shp, dbf, { encoding: 'utf-8' });
    expect(collection.features).toHaveLength(1);
    const feature = collection.features[0];
    expectDragonBridge((feature.geometry as GeoJSON.Point).coordinates);
    expect(feature.properties).toMatchObject({ id: cameraId, name: 'Camera Cầu Rồng 01', mount_heig: 8, resolution: 1920, resoluti_1: 1080 });
  });

  it('a_building_shapefile_is_a_polygon_layer_in_utm_49n', async () => {
    const res = await fetchAs(exportUrl('buildings', 'format=shapefile&crs=EPSG:3406'));
    expect(res.status).toBe(200);
    const zip = await JSZip.loadAsync(await res.arrayBuffer());
    const shp = await zip.file('buildings-EPSG3406.shp')!.async('uint8array');
    const dbf = await zip.file('buildings-EPSG3406.dbf')!.async('uint8array');
    const collection = await shapefile.read(shp, dbf);
    expect(collection.features).toHaveLength(1);
    expect(collection.features[0].geometry.type).toBe('Polygon');
    expect(await zip.file('buildings-EPSG3406.prj')!.async('string')).toContain('49N');
  });

  it('csv_has_the_header_and_one_row_per_feature', async () => {
    const res = await fetchAs(exportUrl('cameras', 'format=csv&crs=EPSG:5899'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('cameras-EPSG5899.csv');
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0].split(',')).toEqual(expect.arrayContaining(['id', 'name', 'heading_deg', 'x', 'y']));
    expect(lines).toHaveLength(3);
    const geographic = await fetchAs(exportUrl('cameras', `format=csv&ids=${cameraId},${otherCameraId}`));
    const header = (await geographic.text()).replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',');
    expect(header.slice(-2)).toEqual(['lon', 'lat']);
  });

  it('csv_of_polygons_carries_wkt', async () => {
    const text = await (await fetchAs(exportUrl('buildings', 'format=csv&crs=EPSG:5899'))).text();
    expect(text.replace(/^\uFEFF/, '').split(/\r?\n/)[0].endsWith(',wkt')).toBe(true);
    expect(text).toMatch(/POLYGON\(\(/);
  });

  it('kml_is_valid_xml_with_placemarks', async () => {
    const res = await fetchAs(exportUrl('cameras', 'format=kml'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('cameras-CRS84.kml');
    const text = await res.text();
    expect(XMLValidator.validate(text)).toBe(true);
    const placemarks = new XMLParser().parse(text).kml.Document.Placemark;
    expect(placemarks).toHaveLength(2);
  });

  it('kml_refuses_a_projected_crs', async () => {
    const { status, body } = await getJson(exportUrl('cameras', 'format=kml&crs=EPSG:5899'));
    expect(status).toBe(400);
    expect(body.errors.map((e: { field: string }) => e.field)).toContain('query.crs');
  });

  it('an_anonymous_export_is_a_401', async () => {
    const { status } = await getJson(exportUrl('cameras', 'format=geojson'), anonymous);
    expect(status).toBe(401);
  });

  it('bad_parameters_are_400s_naming_the_field', async () => {
    for (const [query, field] of [['format=dxf', 'query.format'], ['crs=EPSG:32648', 'query.crs'], ['ids=not-a-uuid', 'query.ids'], ['bbox=1,2', 'query.bbox']]) {
      const { status, headers, body } = await getJson(exportUrl('cameras', query));
      expect(status).toBe(400);
      expect(headers.get('content-type')).toContain('application/problem+json');
      expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('an_unknown_collection_or_id_is_a_404', async () => {
    expect((await getJson(exportUrl('parking', 'format=geojson'))).status).toBe(404);
    const missing = await getJson(exportUrl('cameras', 'ids=00000000-0000-4000-8000-000000000000'));
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].field).toBe('query.ids');
  });

  it('long_property_names_map_to_unique_dbf_names', () => {
    const names = dbfFieldNames(['resolution_h', 'resolution_v', 'mount_height_m', 'name']);
    expect([...names.values()]).toEqual(['resolution', 'resoluti_1', 'mount_heig', 'name']);
  });
});
