/**
 * The import (issue 4): every format, CRS detection, the column mapping, the validation report, the repair of
 * self-intersecting polygons, all-or-nothing commits, bad input and rights, on the engine the suite runs on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import * as shapefile from 'shapefile';
import { basicAuth, startTestApp, type TestApp } from '../helpers/test-app.js';
import { actAs, fetchAs, getJson, sendJson } from '../helpers/http.js';
import { rawUpload, step, upload } from '../helpers/imports.js';
import { DRAGON_BRIDGE, cameraFeature } from '../fixtures/features.js';
import { ESRI_PRJ_5899, PRJ_WGS84_UTM49N, bowTie, kmlText, kmzOf, shapefileZip, square } from '../fixtures/import/files.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  // Administrators write every layer; the rights tests below sign in as each role.
  actAs(basicAuth('admin'));
});
afterAll(async () => {
  await app?.close();
});

const count = async (table: string, where = 'true', bindings: string[] = []) =>
  (await app.db.knex.raw(`SELECT count(*)::integer AS n FROM ${table} WHERE ${where}`, bindings)).rows[0].n as number;
/** A table's constraints and indexes, each with its definition: what a bulk load must give back unchanged. */
const keysAndIndexes = async (table: string): Promise<Array<{ name: string; definition: string }>> => (await app.db.knex.raw(
  `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = ?::regclass
   UNION ALL SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ? ORDER BY 1, 2`, [table, table])).rows;

/** Camera attributes as a file would carry them (the names are the registry's, so the mapping finds them). */
const cameraRow = (name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({ ...cameraFeature({ name }).properties, ...overrides });
const geojsonOf = (features: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ type: 'FeatureCollection', ...extra, features });
const point = (lon: number, lat: number, properties: Record<string, unknown>) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties });

describe('formats and CRS detection', () => {
  it('a_geojson_of_cameras_is_staged_previewed_and_committed_with_the_suggested_mapping', async () => {
    const file = geojsonOf([point(108.2271, 16.0611, cameraRow('Import GJ 1')), point(108.23, 16.07, cameraRow('Import GJ 2'))]);
    const up = await upload(app.url, 'cameras.geojson', file);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ format: 'geojson', featureCount: 2, geometryTypes: { Point: 2 }, crs: { code: 'CRS84', source: 'rfc7946' } });
    expect(up.body.columns.find((c: { name: string }) => c.name === 'name').samples).toEqual(['Import GJ 1', 'Import GJ 2']);
    const preview = await step(app.url, up.body.id, 'preview', { collection: 'cameras' });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ crs: 'CRS84', canCommit: true, readyCount: 2, problemRows: 0 });
    expect(preview.body.mapping).toMatchObject({ name: 'name', owner: 'owner', heading_deg: 'heading_deg' });
    expect(preview.body.preview.features[0].geometry.coordinates).toEqual([108.2271, 16.0611]);
    expect(await count('cameras')).toBe(0);
    const commit = await step(app.url, up.body.id, 'commit', { collection: 'cameras' });
    expect(commit.status, JSON.stringify(commit.body)).toBe(200);
    expect(commit.body).toMatchObject({ collection: 'cameras', inserted: 2, scenario: null });
    expect(commit.body.extent[0]).toBeCloseTo(108.2271, 6);
    expect(await count('cameras', "name LIKE 'Import GJ%'")).toBe(2);
    // Recorded as one import event by the importing user, not one history row per feature.
    expect(await count('feature_history', "collection = 'cameras' AND properties->>'name' LIKE 'Import GJ%'")).toBe(0);
    const { rows: events } = await app.db.knex.raw("SELECT collection, file_name, features, user_name, extent FROM feature_imports WHERE file_name = 'cameras.geojson'");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ collection: 'cameras', features: 2, user_name: 'admin' });
    expect(events[0].extent[0]).toBeCloseTo(108.2271, 6);
    // The staged file is gone once written: a second commit cannot import it twice.
    expect((await step(app.url, up.body.id, 'commit', { collection: 'cameras' })).status).toBe(404);
  });

  it('an_imported_feature_is_its_own_version_1_until_edited_and_the_import_is_one_audit_line', async () => {
    const file = geojsonOf([point(108.2281, 16.0621, cameraRow('Import history 1', { heading_deg: 45 }))]);
    const up = await upload(app.url, 'history-cameras.geojson', file);
    expect((await step(app.url, up.body.id, 'commit', { collection: 'cameras' })).status).toBe(200);
    const { rows } = await app.db.knex.raw("SELECT id FROM cameras WHERE name = 'Import history 1'");
    const history = `${app.url}/api/history/cameras/${rows[0].id}`;
    const before = await getJson(history);
    expect(before.status).toBe(200);
    expect(before.body.versions.map((v: { version: number; operation: string; user_name: string }) => [v.version, v.operation, v.user_name])).toEqual([[1, 'insert', 'admin']]);
    expect(before.body.versions[0].properties).toMatchObject({ name: 'Import history 1', heading_deg: 45 });
    expect(before.body.versions[0].geometry.coordinates).toEqual([108.2281, 16.0621]);
    // The first edit keeps the imported state as version 1 in the history, then records itself.
    const item = `${app.url}/ogc/collections/cameras/items/${rows[0].id}`;
    expect((await sendJson('PATCH', item, { type: 'Feature', properties: { heading_deg: 270 } }, { 'If-Match': '"v1"' })).status).toBe(200);
    const after = await getJson(history);
    expect(after.body.versions.map((v: { version: number; operation: string; user_name: string }) => [v.version, v.operation, v.user_name]))
      .toEqual([[1, 'insert', 'admin'], [2, 'update', 'admin']]);
    expect(after.body.versions[0].properties.heading_deg).toBe(45);
    expect(after.body.versions[1]).toMatchObject({ changedProperties: ['heading_deg'], geometryChanged: false });
    expect(await count('feature_history', 'feature_id = ?::uuid', [rows[0].id])).toBe(2);
    // A second edit does not record version 1 again.
    expect((await sendJson('PATCH', item, { type: 'Feature', properties: { heading_deg: 0 } }, { 'If-Match': '"v2"' })).status).toBe(200);
    expect(await count('feature_history', 'feature_id = ?::uuid', [rows[0].id])).toBe(3);
    // Revert to the imported version works like any other.
    const reverted = await sendJson('POST', `${history}/revert`, { version: 1 }, { 'content-type': 'application/json', 'If-Match': '"v3"' });
    expect(reverted.status).toBe(200);
    expect((await getJson(item)).body.properties.heading_deg).toBe(45);
    // The audit trail lists the import once, with its file and count.
    const audit = await getJson(`${app.url}/api/audit/changes?operation=import&collection=cameras`);
    expect(audit.status).toBe(200);
    expect(audit.body.changes.find((c: { file_name: string }) => c.file_name === 'history-cameras.geojson')).toMatchObject({ operation: 'import', features: 1, user_name: 'admin', feature_id: null });
    const edits = await getJson(`${app.url}/api/audit/changes?featureId=${rows[0].id}`);
    expect(edits.body.changes.map((c: { version: number }) => c.version)).toEqual([4, 3, 2, 1]);
  });

  it('every_kind_of_value_in_a_point_file_is_stored_exactly_as_written', async () => {
    // Text with the characters that end a COPY column or line, a backslash, quotes and a character outside the
    // BMP (a surrogate pair in JavaScript); a list, and a list left out (the column's []); decimals and
    // coordinates to the last digit.
    const awkward = 'Trạm "Hải Châu" 📡\t1\\2\nline\r\'end\'';
    const sector = { azimuth_deg: 120.5, tilt_deg: -2.25, beamwidth_deg: 65, power_dbm: 43, gain_dbi: 17.8, frequency_mhz: 3500, bandwidth_mhz: 100 };
    const site = (name: string, extra: Record<string, unknown>) => ({ name, operator: 'Viettel', technology: '5G', site_type: 'macro', status: 'planned', ...extra });
    const file = geojsonOf([
      point(108.21234567890123, 16.054321098765432, site(awkward, { height_m: 42.125, sectors: [sector, { ...sector, azimuth_deg: 240 }] })),
      point(108.2, 16.05, site('Exact BTS 2', { height_m: null })),
    ]);
    const up = await upload(app.url, 'bts.geojson', file);
    const commit = await step(app.url, up.body.id, 'commit', { collection: 'bts_sites' });
    expect(commit.status, JSON.stringify(commit.body)).toBe(200);
    const { rows } = await app.db.knex.raw(
      `SELECT id, name, height_m, sectors, status, ST_X(geom) AS x, ST_Y(geom) AS y, ST_SRID(geom) AS srid, version, updated_by
       FROM bts_sites WHERE name = ? OR name = 'Exact BTS 2' ORDER BY name = 'Exact BTS 2'`, [awkward]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ name: awkward, height_m: 42.125, sectors: [sector, { ...sector, azimuth_deg: 240 }], status: 'planned', x: 108.21234567890123, y: 16.054321098765432, srid: 4326, version: 1, updated_by: 'admin' });
    expect(rows[1]).toMatchObject({ name: 'Exact BTS 2', height_m: null, sectors: [], x: 108.2, y: 16.05 });
    expect(rows[0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(commit.body.extent).toEqual([108.2, 16.05, 108.21234567890123, 16.054321098765432]);
  });

  it('half_of_a_surrogate_pair_in_a_name_is_reported_as_a_character_that_cannot_be_stored', async () => {
    const up = await upload(app.url, 'broken-text.geojson', geojsonOf([point(108.2, 16.05, { name: 'Cảm biến \ud83d', kind: 'noise', status: 'existing' })]));
    const commit = await step(app.url, up.body.id, 'commit', { collection: 'sensors' });
    expect(commit.status).toBe(422);
    expect(commit.body.problems[0]).toMatchObject({ row: 1, field: 'properties.name', problem: 'holds a character that cannot be stored (a NUL, or half of a UTF-16 surrogate pair)' });
  });

  it('a_geojson_with_a_crs_member_is_read_in_vn2000', async () => {
    const file = geojsonOf([point(DRAGON_BRIDGE.easting, DRAGON_BRIDGE.northing, cameraRow('Import VN2000 GJ'))], { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::5899' } } });
    const up = await upload(app.url, 'vn.geojson', file);
    expect(up.body.crs).toMatchObject({ code: 'EPSG:5899', source: 'geojson' });
    const preview = await step(app.url, up.body.id, 'preview', { collection: 'cameras' });
    const [lon, lat] = preview.body.preview.features[0].geometry.coordinates;
    expect(Math.abs(lon - DRAGON_BRIDGE.lon)).toBeLessThan(1e-6);
    expect(Math.abs(lat - DRAGON_BRIDGE.lat)).toBeLessThan(1e-6);
  });

  it('a_geojson_in_metres_without_a_crs_member_asks_for_the_crs', async () => {
    const up = await upload(app.url, 'metres.geojson', geojsonOf([point(DRAGON_BRIDGE.easting, DRAGON_BRIDGE.northing, cameraRow('x'))]));
    expect(up.status).toBe(201);
    expect(up.body.crs.code).toBeNull();
    expect(up.body.crs.detail).toMatch(/not longitude\/latitude/);
    const preview = await step(app.url, up.body.id, 'preview', { collection: 'cameras' });
    expect(preview.status).toBe(422);
    expect(preview.body.errors).toEqual([{ field: 'crs', message: 'the file does not say its CRS: choose one' }]);
    expect(preview.body.detail).toContain('EPSG:5899');
  });

  it('a_csv_with_lon_lat_columns_and_vietnamese_headers_imports_through_a_chosen_mapping', async () => {
    const csv = 'Tên;Loại;Kinh độ;Vĩ độ;Ghi chú\n"Sở TT&TT; Đà Nẵng";department;108,2205;16,0678;x\nUBND phường Hải Châu 1;ward;108.2210;16.0700;\n';
    const up = await upload(app.url, 'co-quan.csv', Buffer.from(`\uFEFF${csv}`));
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ format: 'csv', featureCount: 2, coordinateColumns: ['Kinh độ', 'Vĩ độ'], crs: { code: 'CRS84', source: 'columns' } });
    expect(up.body.columns.map((c: { name: string }) => c.name)).toEqual(['Tên', 'Loại', 'Ghi chú']);
    // The suggestion finds "Tên" (the title of name) and "Loại" (the title of kind); "Ghi chú" maps to nothing.
    const suggested = await step(app.url, up.body.id, 'preview', { collection: 'agencies' });
    expect(suggested.body.mapping).toEqual({ 'Tên': 'name', 'Loại': 'kind', 'Ghi chú': null });
    const commit = await step(app.url, up.body.id, 'commit', { collection: 'agencies', mapping: { 'Tên': 'name', 'Loại': 'kind', 'Ghi chú': null } });
    expect(commit.body.inserted).toBe(2);
    const { rows } = await app.db.knex.raw("SELECT name, ST_X(geom) AS lon FROM agencies WHERE kind = 'department'");
    expect(rows[0].name).toBe('Sở TT&TT; Đà Nẵng');
    expect(rows[0].lon).toBeCloseTo(108.2205, 9);
  });

  it('a_csv_with_x_y_columns_is_imported_in_the_chosen_vn2000_crs', async () => {
    const header = Object.keys(cameraRow('a'));
    const values = (name: string) => header.map((k) => String(cameraRow(name)[k]));
    const csv = `${header.join(',')},X,Y\n${values('CSV VN2000').join(',')},${DRAGON_BRIDGE.easting},${DRAGON_BRIDGE.northing}\n`;
    const up = await upload(app.url, 'cameras.csv', csv);
    expect(up.body.crs.code).toBeNull();
    const commit = await step(app.url, up.body.id, 'commit', { collection: 'cameras', crs: 'EPSG:5899' });
    expect(commit.status).toBe(200);
    // Numbers arrive as text in a CSV: they are read as the schema's types.
    const { rows } = await app.db.knex.raw("SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat, mount_height_m, resolution_h FROM cameras WHERE name = 'CSV VN2000'");
    expect(Math.abs(rows[0].lon - DRAGON_BRIDGE.lon)).toBeLessThan(1e-6);
    expect(Math.abs(rows[0].lat - DRAGON_BRIDGE.lat)).toBeLessThan(1e-6);
    expect(rows[0]).toMatchObject({ mount_height_m: 8, resolution_h: 1920 });
  });

  it('kml_and_kmz_placemarks_import_with_their_extended_data', async () => {
    const kml = kmlText([
      { name: 'Trung tâm Hành chính', lon: 108.2209, lat: 16.0772, data: { kind: 'city' } },
      { name: 'Công an quận Hải Châu', lon: 108.2180, lat: 16.0610, data: { kind: 'police' } },
    ]);
    for (const [fileName, bytes, format] of [['coquan.kml', Buffer.from(kml), 'kml'], ['coquan.kmz', await kmzOf(kml), 'kmz']] as const) {
      const up = await upload(app.url, fileName, bytes);
      expect(up.body).toMatchObject({ format, featureCount: 2, crs: { code: 'CRS84', source: 'kml' } });
      const commit = await step(app.url, up.body.id, 'commit', { collection: 'agencies' });
      expect(commit.body.inserted, fileName).toBe(2);
    }
    expect(await count('agencies', "name = 'Công an quận Hải Châu' AND kind = 'police'")).toBe(2);
  });

  it('a_vn2000_shapefile_imported_then_exported_as_vn2000_keeps_its_coordinates_within_1_cm', async () => {
    const positions = [[DRAGON_BRIDGE.easting, DRAGON_BRIDGE.northing], [551234.567, 1777001.234], [549876.5, 1775500.25]];
    const rows = positions.map((_, k) => cameraRow(`Cầu Rồng SHP ${k}`));
    // DBF field names are at most 10 characters: the export's short names, which the mapping recognises.
    const short = rows.map((r) => ({ name: r.name, owner: r.owner, purpose: r.purpose, status: r.status, mount_heig: r.mount_height_m, heading_de: r.heading_deg,
      tilt_deg: r.tilt_deg, sensor_wid: r.sensor_width_mm, focal_leng: r.focal_length_mm, resolution: r.resolution_h, resoluti_1: r.resolution_v, codec: r.codec, frame_rate: r.frame_rate, retention_: r.retention_days }));
    const zip = await shapefileZip('camera_vn2000', 'POINT', short as Array<Record<string, string | number>>, positions, ESRI_PRJ_5899);
    const up = await upload(app.url, 'camera_vn2000.zip', zip);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ format: 'shapefile', featureCount: 3, crs: { code: 'EPSG:5899', source: 'prj' } });
    const commit = await step(app.url, up.body.id, 'commit', { collection: 'cameras' });
    expect(commit.status).toBe(200);
    const ids = (await app.db.knex.raw("SELECT id FROM cameras WHERE name LIKE 'Cầu Rồng SHP %' ORDER BY name")).rows.map((r: { id: string }) => r.id);
    expect(ids).toHaveLength(3);
    const res = await fetchAs(`${app.url}/api/exports/cameras?format=shapefile&crs=EPSG:5899&ids=${ids.join(',')}`);
    const back = await JSZip.loadAsync(await res.arrayBuffer());
    const read = await shapefile.read(await back.file('cameras-EPSG5899.shp')!.async('uint8array'), await back.file('cameras-EPSG5899.dbf')!.async('uint8array'), { encoding: 'utf-8' });
    for (const [k, [e, n]] of positions.entries()) {
      const f = read.features.find((x) => x.properties!.name === `Cầu Rồng SHP ${k}`)!;
      const [e2, n2] = (f.geometry as GeoJSON.Point).coordinates;
      expect(Math.hypot(e2 - e, n2 - n), `camera ${k}`).toBeLessThan(0.01);
    }
  });

  it('building_polygons_from_a_utm_49n_shapefile_land_where_vn2000_puts_them', async () => {
    // The corner of a building in VN-2000 / UTM 49N, from the exporter's own transformation.
    const { rows } = await app.db.knex.raw('SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_Transform(ST_SetSRID(ST_Point(108.22, 16.06), 4326), 3406) AS p) s');
    const [x, y] = [rows[0].x, rows[0].y];
    const prj = (await app.db.knex.raw('SELECT srtext FROM spatial_ref_sys WHERE srid = 3406')).rows[0].srtext;
    const zip = await shapefileZip('nha', 'POLYGON', [{ height_m: 12, floors: 3, use: 'residential' }, { height_m: 30, floors: 9, use: 'office' }], [[square(x, y, 20)], [square(x + 40, y, 15)]], prj);
    const up = await upload(app.url, 'nha.zip', zip);
    expect(up.body.crs).toMatchObject({ code: 'EPSG:3406', source: 'prj' });
    expect(up.body.geometryTypes).toEqual({ Polygon: 2 });
    const commit = await step(app.url, up.body.id, 'commit', { collection: 'buildings' });
    expect(commit.body.inserted).toBe(2);
    // The grid is turned against the meridians (49N's central meridian is 111°E): compare the corner itself.
    const corner = await app.db.knex.raw(`SELECT min(ST_Distance(p.geom::geography, ST_SetSRID(ST_Point(108.22, 16.06), 4326)::geography)) AS m
      FROM buildings b, ST_DumpPoints(b.geom) p WHERE b.height_m = 12`);
    expect(corner.rows[0].m).toBeLessThan(0.01);
  });
});

describe('the report, the mapping, the repair and all-or-nothing', () => {
  it('the_report_names_row_field_column_and_problem_with_the_same_rules_as_api_writes', async () => {
    const file = geojsonOf([
      point(108.2271, 16.0611, cameraRow('Good')),
      point(108.2271, 16.0612, cameraRow('Bad heading', { heading_deg: 400 })),
      point(108.2271, 16.0613, cameraRow('No owner', { owner: null, codec: 'VP9' })),
      point(16.0611, 108.2271, cameraRow('Swapped axes')),
    ]);
    const up = await upload(app.url, 'mixed-quality.geojson', file);
    // Latitude 108 cannot be degrees: the file's CRS is unknown until chosen.
    expect(up.body.crs.code).toBeNull();
    const preview = await step(app.url, up.body.id, 'preview', { collection: 'cameras', crs: 'CRS84' });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ canCommit: false, featureCount: 4, readyCount: 1, problemRows: 3 });
    const problems = preview.body.problems as Array<{ row: number; field: string; column?: string; problem: string }>;
    expect(problems).toContainEqual({ row: 2, field: 'properties.heading_deg', column: 'heading_deg', problem: 'must be < 360' });
    expect(problems).toContainEqual({ row: 3, field: 'properties.owner', column: 'owner', problem: 'is required' });
    expect(problems.find((p) => p.row === 3 && p.field === 'properties.codec')!.problem).toBe('must be one of H.264, H.265, MJPEG');
    expect(problems.find((p) => p.row === 4)!.field).toBe('geometry.coordinates');
    // Rows with problems are still drawn on the preview map, marked.
    expect(preview.body.preview.features.map((f: { properties: { ok: boolean } }) => f.properties.ok)).toEqual([true, false, false]);
  });

  it('one_bad_row_means_nothing_is_written_and_the_staged_file_stays_for_a_fix', async () => {
    const before = await count('cameras');
    const rows = Array.from({ length: 50 }, (_, k) => point(108.2 + k * 0.001, 16.05, cameraRow(`Batch ${k}`, k === 37 ? { tilt_deg: 120 } : {})));
    const up = await upload(app.url, 'batch.geojson', geojsonOf(rows));
    const commit = await step(app.url, up.body.id, 'commit', { collection: 'cameras' });
    expect(commit.status).toBe(422);
    expect(commit.body.detail).toMatch(/^1 of 50 rows have problems, so nothing was imported/);
    expect(commit.body.errors).toEqual([{ field: 'rows[38].properties.tilt_deg', message: 'must be <= 90' }]);
    expect(await count('cameras')).toBe(before);
    // Leaving the bad column out of the mapping leaves a required property empty: every row then says so.
    const preview = await step(app.url, up.body.id, 'preview', { collection: 'cameras', mapping: { tilt_deg: null } });
    expect(preview.body.problemRows).toBe(50);
    expect(preview.body.problems[0]).toMatchObject({ row: 1, field: 'properties.tilt_deg', problem: 'is required' });
  });

  it('a_projected_row_outside_the_planning_area_stops_the_commit_and_is_reported', async () => {
    const before = await count('agencies');
    const csv = `name,kind,x,y\nNear,ward,${DRAGON_BRIDGE.easting},${DRAGON_BRIDGE.northing}\nFar away,ward,250000,1776398\n`;
    const up = await upload(app.url, 'far.csv', csv);
    const commit = await step(app.url, up.body.id, 'commit', { collection: 'agencies', crs: 'EPSG:5899' });
    expect(commit.status).toBe(422);
    expect(commit.body.errors).toHaveLength(1);
    expect(commit.body.errors[0].field).toBe('rows[3].geometry.coordinates');
    expect(commit.body.errors[0].message).toMatch(/^lies outside the planning area \(Đà Nẵng: longitude 107–109, latitude 14\.8–16\.6\); its centre is at lon 105\.4/);
    expect(await count('agencies')).toBe(before);
  });

  it('a_database_failure_mid_import_rolls_back_every_batch', async () => {
    const before = await count('cameras');
    const keysBefore = await keysAndIndexes('cameras');
    const rows = Array.from({ length: 12_001 }, (_, k) => point(108.1 + (k % 100) * 0.002, 16.0 + Math.floor(k / 100) * 0.002, cameraRow(`Roll ${k}`)));
    // A man_node_id that references nothing passes the schema (a uuid) but breaks the foreign key, in the last batch.
    (rows[12_000].properties as Record<string, unknown>).man_node_id = '00000000-0000-4000-8000-000000000000';
    const up = await upload(app.url, 'rollback.geojson', geojsonOf(rows));
    const commit = await step(app.url, up.body.id, 'commit', { collection: 'cameras' });
    expect(commit.status).toBe(422);
    expect(commit.body.detail).toBe('Row 12001 refers to a feature that does not exist (Key (man_node_id)=(00000000-0000-4000-8000-000000000000) is not present in table "man_nodes".), so nothing was imported. Fix it in the file and try again.');
    expect(await count('cameras')).toBe(before);
    expect(await count('feature_history', "properties->>'name' LIKE 'Roll %'")).toBe(0);
    expect(await count('feature_imports', "file_name LIKE 'roll%'")).toBe(0);
    // A bulk load that fails gives the layer its keys and indexes back with everything else.
    expect(await keysAndIndexes('cameras')).toEqual(keysBefore);
  });

  it('a_bulk_load_into_a_small_layer_builds_its_keys_and_indexes_once_and_gives_every_one_back', async () => {
    const before = await keysAndIndexes('sensors');
    expect(before.map((i) => i.name)).toEqual(expect.arrayContaining(['sensors_geom_gist', 'sensors_pkey', 'sensors_gateway_id_fkey', 'sensors_replaces_id_fkey']));
    const rows = Array.from({ length: 10_000 }, (_, k) => point(108.15 + (k % 100) * 0.001, 16.0 + Math.floor(k / 100) * 0.001, { name: `Bulk ${k}`, kind: 'noise', status: 'existing' }));
    const up = await upload(app.url, 'bulk-sensors.geojson', geojsonOf(rows));
    const commit = await step(app.url, up.body.id, 'commit', { collection: 'sensors' });
    expect(commit.status, JSON.stringify(commit.body)).toBe(200);
    expect(commit.body.inserted).toBe(10_000);
    expect(await keysAndIndexes('sensors')).toEqual(before);
    // The rebuilt spatial index answers like the rows: a box around the first 100 holds exactly them.
    const { rows: hits } = await app.db.knex.raw(
      `SELECT count(*)::integer AS n FROM sensors WHERE geom && ST_MakeEnvelope(108.1495, 15.9995, 108.2495, 16.0005, 4326) AND name LIKE 'Bulk %'`);
    expect(hits[0].n).toBe(100);
  });

  it('a_bulk_load_whose_row_refers_to_a_missing_gateway_is_refused_with_that_row_and_keeps_the_keys', async () => {
    const before = await keysAndIndexes('sensors');
    const rows = Array.from({ length: 10_000 }, (_, k) => point(108.15 + (k % 100) * 0.001, 16.0 + Math.floor(k / 100) * 0.001, { name: `Orphan ${k}`, kind: 'noise', status: 'existing' }));
    (rows[4_321].properties as Record<string, unknown>).gateway_id = '00000000-0000-4000-8000-000000000001';
    // A later row with another bad reference: the message names the first row and that row's own reference.
    (rows[9_000].properties as Record<string, unknown>).gateway_id = '00000000-0000-4000-8000-000000000002';
    const up = await upload(app.url, 'orphan-sensors.geojson', geojsonOf(rows));
    const commit = await step(app.url, up.body.id, 'commit', { collection: 'sensors' });
    expect(commit.status).toBe(422);
    expect(commit.body.errors[0].field).toBe('rows[4322]');
    expect(commit.body.detail).toMatch(/^Row 4322 refers to a feature that does not exist \(Key \(gateway_id\)=\(00000000-0000-4000-8000-000000000001\)/);
    expect(await count('sensors', "name LIKE 'Orphan %'")).toBe(0);
    expect(await keysAndIndexes('sensors')).toEqual(before);
  });

  it('a_small_file_whose_row_refers_to_a_missing_gateway_stops_the_write_midway_and_the_next_import_goes_in', async () => {
    // Fewer rows than the layer holds: no bulk load, so the reference is checked as each row is written.
    await app.db.knex.raw("INSERT INTO sensors (name, kind, geom) SELECT 'Filler ' || k, 'noise', ST_SetSRID(ST_MakePoint(108.2, 16.05), 4326) FROM generate_series(1, 20) AS k");
    const rows = Array.from({ length: 10 }, (_, k) => point(108.16 + k * 0.001, 16.02, { name: `Stray ${k}`, kind: 'noise', status: 'existing' }));
    (rows[6].properties as Record<string, unknown>).gateway_id = '00000000-0000-4000-8000-000000000003';
    const bad = await step(app.url, (await upload(app.url, 'stray-sensors.geojson', geojsonOf(rows))).body.id, 'commit', { collection: 'sensors' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('rows[7]');
    expect(await count('sensors', "name LIKE 'Stray %'")).toBe(0);
    (rows[6].properties as Record<string, unknown>).gateway_id = null;
    const good = await step(app.url, (await upload(app.url, 'stray-sensors.geojson', geojsonOf(rows))).body.id, 'commit', { collection: 'sensors' });
    expect(good.status, JSON.stringify(good.body)).toBe(200);
    expect(await count('sensors', "name LIKE 'Stray %'")).toBe(10);
    await app.db.knex.raw("DELETE FROM sensors WHERE name LIKE 'Stray %' OR name LIKE 'Filler %'");
  });

  it('two_bulk_loads_into_one_layer_at_once_both_go_in', async () => {
    await app.db.knex.raw("DELETE FROM sensors WHERE name LIKE 'Bulk %' OR name LIKE 'Twin%'");
    const before = await keysAndIndexes('sensors');
    const file = (tag: string, lat: number) => geojsonOf(Array.from({ length: 10_000 }, (_, k) =>
      point(108.15 + (k % 100) * 0.001, lat + Math.floor(k / 100) * 0.0005, { name: `${tag} ${k}`, kind: 'noise', status: 'existing' })));
    const [a, b] = [await upload(app.url, 'twin-a.geojson', file('TwinA', 16.0)), await upload(app.url, 'twin-b.geojson', file('TwinB', 16.06))];
    const commits = await Promise.all([step(app.url, a.body.id, 'commit', { collection: 'sensors' }), step(app.url, b.body.id, 'commit', { collection: 'sensors' })]);
    expect(commits.map((c) => c.status), JSON.stringify(commits.map((c) => c.body))).toEqual([200, 200]);
    expect(await count('sensors', "name LIKE 'TwinA %'")).toBe(10_000);
    expect(await count('sensors', "name LIKE 'TwinB %'")).toBe(10_000);
    expect(await keysAndIndexes('sensors')).toEqual(before);
  });

  // Only a server has other sessions reading while the import runs.
  it.skipIf(!process.env.TEST_DATABASE_URL)('a_bulk_load_does_not_wait_for_a_layer_someone_is_reading_and_inserts_with_its_indexes_in_place', async () => {
    const rows = Array.from({ length: 10_000 }, (_, k) => point(108.16 + (k % 100) * 0.001, 16.01 + Math.floor(k / 100) * 0.001, { name: `Busy ${k}`, kind: 'noise', status: 'existing' }));
    await app.db.knex.raw("DELETE FROM sensors WHERE name LIKE 'Bulk %' OR name LIKE 'Twin%'");
    const reader = await app.db.knex.transaction();
    try {
      await reader.raw('SELECT count(*) FROM sensors');
      const up = await upload(app.url, 'busy-sensors.geojson', geojsonOf(rows));
      const commit = await step(app.url, up.body.id, 'commit', { collection: 'sensors' });
      expect(commit.status).toBe(200);
      expect(commit.body.inserted).toBe(10_000);
      // The reader's transaction is still open: the import went in beside it, its indexes kept.
      expect((await reader.raw("SELECT count(*)::integer AS n FROM pg_indexes WHERE tablename = 'sensors' AND indexname = 'sensors_geom_gist'")).rows[0].n).toBe(1);
    } finally {
      await reader.rollback();
    }
    expect(await count('sensors', "name LIKE 'Busy %'")).toBe(10_000);
  });

  it('a_self_intersecting_building_gets_the_repair_offer_with_what_it_changes_and_imports_once_repaired', async () => {
    const { rows } = await app.db.knex.raw('SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_Transform(ST_SetSRID(ST_Point(108.21, 16.05), 4326), 5899) AS p) s');
    const [x, y] = [rows[0].x, rows[0].y];
    const zip = await shapefileZip('noi', 'POLYGON', [{ height_m: 9 }, { height_m: 10 }], [[square(x, y, 20)], [bowTie(x + 50, y, 20)]], ESRI_PRJ_5899);
    const up = await upload(app.url, 'noi.zip', zip);
    const offered = await step(app.url, up.body.id, 'preview', { collection: 'buildings' });
    expect(offered.body.canCommit).toBe(false);
    expect(offered.body.problems).toHaveLength(1);
    expect(offered.body.problems[0]).toMatchObject({ row: 2, field: 'geometry' });
    expect(offered.body.problems[0].problem).toMatch(/Self-intersection at \[.*\]; the ST_MakeValid repair can fix it/);
    const [repair] = offered.body.repairs;
    expect(repair).toMatchObject({ row: 2, reason: 'Self-intersection', validBefore: false, validAfter: true, parts: 2, partsKept: 1, applied: false });
    // Two 10 m × 10 m triangles (100 m² each) whose turns cancel in the self-intersecting ring; a building keeps one.
    expect(repair.location[0]).toBeCloseTo(x + 60, 3);
    expect(repair.areaBeforeM2).toBeCloseTo(0, 3);
    expect(repair.areaAfterM2).toBeCloseTo(100, 1);
    expect(repair.areaChangeM2).toBeCloseTo(100, 1);
    expect((await step(app.url, up.body.id, 'commit', { collection: 'buildings' })).status).toBe(422);
    const repaired = await step(app.url, up.body.id, 'preview', { collection: 'buildings', repair: true });
    expect(repaired.body).toMatchObject({ canCommit: true, problemRows: 0 });
    expect(repaired.body.repairs[0].applied).toBe(true);
    expect(repaired.body.preview.features[1].properties.repaired).toBe(true);
    const commit = await step(app.url, up.body.id, 'commit', { collection: 'buildings', repair: true });
    expect(commit.body.inserted).toBe(2);
    const stored = await app.db.knex.raw('SELECT bool_and(ST_IsValid(geom)) AS valid, count(*)::integer AS n FROM buildings WHERE height_m IN (9, 10)');
    expect(stored.rows[0]).toEqual({ valid: true, n: 2 });
  });

  it('a_repaired_land_use_area_keeps_both_parts_as_a_multipolygon', async () => {
    const ring = bowTie(108.2, 16.04, 0.002);
    const file = geojsonOf([{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { zone_class: 'green', name: 'Bow' } }]);
    const up = await upload(app.url, 'bow.geojson', file);
    const preview = await step(app.url, up.body.id, 'preview', { collection: 'land_use', repair: true });
    expect(preview.body.repairs[0]).toMatchObject({ parts: 2, partsKept: 2, applied: true });
    await step(app.url, up.body.id, 'commit', { collection: 'land_use', repair: true });
    const { rows } = await app.db.knex.raw("SELECT ST_NumGeometries(geom) AS parts FROM land_use WHERE name = 'Bow'");
    expect(rows[0].parts).toBe(2);
  });

  it('a_mapping_to_an_unknown_property_or_twice_to_one_property_is_refused', async () => {
    const up = await upload(app.url, 'm.geojson', geojsonOf([point(108.2, 16.05, { a: 'x', b: 'y' })]));
    const unknown = await step(app.url, up.body.id, 'preview', { collection: 'agencies', mapping: { a: 'nickname' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('mapping.a');
    const twice = await step(app.url, up.body.id, 'preview', { collection: 'agencies', mapping: { a: 'name', b: 'name' } });
    expect(twice.body.errors).toEqual([{ field: 'mapping.b', message: '"name" is already filled from column "a"' }]);
    const missing = await step(app.url, up.body.id, 'preview', { collection: 'agencies', mapping: { c: 'name' } });
    expect(missing.body.errors[0]).toEqual({ field: 'mapping.c', message: 'the file has no column "c"' });
  });
});

describe('bad input: a clear message and nothing written', () => {
  it('a_corrupt_zip_is_refused', async () => {
    const zip = await shapefileZip('x', 'POINT', [{ a: 1 }], [[108.2, 16.05]], ESRI_PRJ_5899);
    const res = await upload(app.url, 'broken.zip', zip.subarray(0, zip.length - 40));
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/^The file is not a readable zip archive \(corrupt or truncated\)/);
    expect(res.body.errors).toEqual([{ field: 'file', message: 'corrupt zip' }]);
  });

  it('a_shapefile_without_prj_asks_for_the_crs', async () => {
    const zip = await shapefileZip('khong_prj', 'POINT', [{ name: 'A', kind: 'ward' }], [[DRAGON_BRIDGE.easting, DRAGON_BRIDGE.northing]]);
    const up = await upload(app.url, 'khong_prj.zip', zip);
    expect(up.status).toBe(201);
    expect(up.body.crs).toEqual({ code: null, source: 'none', detail: 'The shapefile has no .prj, so its CRS is unknown: choose the CRS its coordinates are in.' });
    expect((await step(app.url, up.body.id, 'preview', { collection: 'agencies' })).status).toBe(422);
    const chosen = await step(app.url, up.body.id, 'preview', { collection: 'agencies', crs: 'EPSG:5899' });
    expect(chosen.body.canCommit).toBe(true);
  });

  it('a_crs_that_is_not_offered_is_named_and_refused', async () => {
    const zip = await shapefileZip('utm', 'POINT', [{ name: 'A', kind: 'ward' }], [[800000, 1778000]], PRJ_WGS84_UTM49N);
    const up = await upload(app.url, 'utm.zip', zip);
    expect(up.body.crs.code).toBeNull();
    expect(up.body.crs.detail).toContain('"WGS 84 / UTM zone 49N"');
    const res = await step(app.url, up.body.id, 'preview', { collection: 'agencies', crs: 'EPSG:32649' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'crs', message: 'unknown CRS' }]);
    expect(res.body.detail).toContain('EPSG:5899');
  });

  it('mixed_geometry_types_are_refused_with_their_counts', async () => {
    const file = geojsonOf([point(108.2, 16.05, {}), point(108.21, 16.05, {}), { type: 'Feature', geometry: { type: 'Polygon', coordinates: [square(108.2, 16.05, 0.001)] }, properties: {} }]);
    const res = await upload(app.url, 'mixed.geojson', file);
    expect(res.status).toBe(422);
    expect(res.body.detail).toBe('The file mixes geometry types (2 Points, 1 Polygon); a layer holds one type. Split the file by geometry type and import each part into its layer.');
  });

  it('empty_files_are_refused', async () => {
    for (const [name, bytes, detail] of [
      ['empty.geojson', '', 'The file is empty (0 bytes).'],
      ['none.geojson', geojsonOf([]), 'The file holds no features.'],
      ['header-only.csv', 'name,lon,lat\n', 'The file holds no features.'],
      ['blank.csv', '\n\n', 'The file is empty (only white space).'],
    ] as const) {
      const res = await upload(app.url, name, bytes);
      expect(res.status, name).toBe(422);
      expect(res.body.detail, name).toBe(detail);
    }
  });

  it('a_file_over_200_mb_is_refused_from_its_content_length_before_it_is_read', async () => {
    const res = await rawUpload(app.url, basicAuth('engineer'), 64 * 1024, 210 * 1024 * 1024);
    expect(res.status).toBe(413);
    expect(res.body.detail).toBe('The file is larger than the import limit of 200 MB; split it into smaller files (or an administrator raises IMPORT_MAX_BYTES).');
    // Answered while the 210 MB body had hardly begun.
    expect(res.sentBytes).toBeLessThanOrEqual(64 * 1024);
  });

  it('a_file_streamed_past_200_mb_without_a_length_is_refused_while_streaming', async () => {
    const res = await rawUpload(app.url, basicAuth('engineer'), 201 * 1024 * 1024);
    expect(res.status).toBe(413);
    expect(res.body.errors).toEqual([{ field: 'file', message: `larger than ${200 * 1024 * 1024} bytes (200 MB)` }]);
  });

  it('a_bare_shp_and_an_unknown_format_say_what_to_send', async () => {
    const shp = Buffer.alloc(100);
    shp.writeInt32BE(9994, 0);
    expect((await upload(app.url, 'a.shp', shp)).body.detail).toMatch(/upload its \.shp, \.shx, \.dbf and \.prj together in one \.zip/);
    expect((await upload(app.url, 'a.bin', Buffer.from([1, 2, 3, 4]))).body.detail).toBe('"a.bin" is not a format the import reads: send GeoJSON, CSV, KML/KMZ or a zipped shapefile.');
    expect((await upload(app.url, 'a.kml', '<kml><Document><Placemark></kml>')).body.detail).toMatch(/^The KML is not well-formed XML/);
  });
});

describe('rights: the same as the OGC API writes', () => {
  const agencies = geojsonOf([point(108.2, 16.05, { name: 'Rights', kind: 'ward' })]);
  const cameras = () => geojsonOf([point(108.2, 16.05, cameraRow('Planned camera'))]);

  it('a_viewer_cannot_upload', async () => {
    const res = await upload(app.url, 'v.geojson', agencies, basicAuth('viewer'));
    expect(res.status).toBe(403);
    expect(res.body.missingRight).toBe('import data');
  });

  it('an_engineer_cannot_import_urban_layers_and_a_planner_can', async () => {
    const engineer = basicAuth('engineer');
    const up = await upload(app.url, 'a.geojson', agencies, engineer);
    expect((await step(app.url, up.body.id, 'preview', { collection: 'agencies' }, engineer)).status).toBe(403);
    const mine = await upload(app.url, 'a.geojson', agencies, basicAuth('planner'));
    expect((await step(app.url, mine.body.id, 'commit', { collection: 'agencies' }, basicAuth('planner'))).status).toBe(200);
    // A staged import belongs to whoever uploaded it.
    expect((await step(app.url, up.body.id, 'preview', { collection: 'agencies' }, basicAuth('planner'))).status).toBe(404);
  });

  it('a_planner_imports_infrastructure_only_into_a_plan', async () => {
    const planner = basicAuth('planner');
    const plan = await sendJson('POST', `${app.url}/api/scenarios`, { name: 'Camera plan from a file' }, { ...planner, 'content-type': 'application/json' });
    expect(plan.status).toBe(201);
    const up = await upload(app.url, 'c.geojson', cameras(), planner);
    const baseline = await step(app.url, up.body.id, 'commit', { collection: 'cameras' }, planner);
    expect(baseline.status).toBe(403);
    const before = await count('cameras', 'scenario_id IS NULL');
    const inPlan = await step(app.url, up.body.id, 'commit', { collection: 'cameras', scenario: plan.body.id }, planner);
    expect(inPlan.status).toBe(200);
    expect(inPlan.body).toMatchObject({ inserted: 1, scenario: plan.body.id });
    expect(await count('cameras', 'scenario_id IS NULL')).toBe(before);
    expect(await count('cameras', 'scenario_id = ?::uuid', [plan.body.id])).toBe(1);
    const changes = await getJson(`${app.url}/api/scenarios/${plan.body.id}`, planner);
    expect(changes.body.changes).toEqual([expect.objectContaining({ collection: 'cameras', name: 'Planned camera', kind: 'added' })]);
  });

  it('a_plan_is_only_for_infrastructure_layers', async () => {
    const up = await upload(app.url, 'a.geojson', agencies, basicAuth('admin'));
    const res = await step(app.url, up.body.id, 'preview', { collection: 'agencies', scenario: '00000000-0000-4000-8000-000000000000' }, basicAuth('admin'));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'scenario', message: 'not a plan layer' }]);
  });
});
