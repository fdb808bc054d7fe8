import { describe, expect, it } from 'vitest';
import { checkFeatures, columnsOf, parseFile, parseWktGeometry } from '../../../../server/src/features/import/parsers/index.js';
import { coerce, suggestMapping } from '../../../../server/src/features/import/import.mapping.js';
import { findCollection } from '../../../../server/src/features/collections/registry.js';
import { ProblemError } from '../../../../server/src/lib/errors.js';
import { ESRI_PRJ_5899, kmlText, kmzOf, shapefileZip } from '../../../fixtures/import/files.js';

const parse = (text: string | Buffer, name: string) => parseFile(Buffer.isBuffer(text) ? text : Buffer.from(text), name);
const problemOf = async (promise: Promise<unknown>) => {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ProblemError);
  return err as ProblemError;
};

describe('format detection and parsing', () => {
  it('geojson_is_told_by_its_content_whatever_its_name', async () => {
    const parsed = await parse('{"type":"Feature","geometry":{"type":"Point","coordinates":[108.2,16.05]},"properties":{"a":1}}', 'data.txt');
    expect(parsed).toMatchObject({ format: 'geojson', crs: { code: 'CRS84', source: 'rfc7946' } });
    expect(parsed.features).toEqual([{ row: 1, geometry: { type: 'Point', coordinates: [108.2, 16.05] }, properties: { a: 1 } }]);
  });

  it('a_bare_geometry_is_one_feature_without_attributes', async () => {
    const parsed = await parse('{"type":"LineString","coordinates":[[108.2,16.05],[108.21,16.06]]}', 'x.geojson');
    expect(parsed.features[0]).toMatchObject({ row: 1, properties: {} });
  });

  it('csv_rows_are_numbered_by_their_line_and_the_delimiter_is_detected', async () => {
    const parsed = await parse('name;lon;lat\n"A; b";108,2;16,05\n\nC;x;16\n', 'a.csv');
    expect(parsed.features[0]).toMatchObject({ row: 2, properties: { name: 'A; b' }, geometry: { coordinates: [108.2, 16.05] } });
    expect(parsed.features[1]).toMatchObject({ row: 4, geometry: null, geometryProblem: 'lon "x" is not a number' });
  });

  it('a_csv_wkt_column_reads_lines_and_areas_as_the_export_writes_them', async () => {
    const parsed = await parse('id,name,wkt\n1,Road,"LINESTRING(108.2 16.05,108.21 16.06)"\n', 'roads.csv');
    expect(parsed.features[0].geometry).toEqual({ type: 'LineString', coordinates: [[108.2, 16.05], [108.21, 16.06]] });
    expect(parsed.crs.code).toBeNull();
  });

  it('wkt_geometries_of_every_kind_parse_and_bad_ones_say_where', () => {
    expect(parseWktGeometry('POINT Z (1 2 3)')).toEqual({ type: 'Point', coordinates: [1, 2] });
    expect(parseWktGeometry('MULTIPOINT (1 2, (3 4))')).toEqual({ type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] });
    expect((parseWktGeometry('POLYGON((0 0,0 1,1 1,0 0),(0.1 0.1,0.2 0.1,0.1 0.2,0.1 0.1))') as GeoJSON.Polygon).coordinates).toHaveLength(2);
    expect((parseWktGeometry('MULTIPOLYGON(((0 0,0 1,1 1,0 0)),((5 5,5 6,6 6,5 5)))') as GeoJSON.MultiPolygon).coordinates).toHaveLength(2);
    expect(() => parseWktGeometry('POLYGON((0 0,0 1,1 1,0 0)')).toThrow(/expected "\)"/);
    expect(() => parseWktGeometry('CIRCLE(1 2)')).toThrow(/not a WKT/);
  });

  it('kml_placemarks_keep_name_and_extended_data_without_styling', async () => {
    const parsed = await parse(kmlText([{ name: 'Cầu Rồng', lon: 108.2271, lat: 16.0611, data: { kind: 'city', floors: 3 } }]), 'a.kml');
    expect(parsed).toMatchObject({ format: 'kml', crs: { code: 'CRS84', source: 'kml' } });
    expect(parsed.features[0].properties).toEqual({ name: 'Cầu Rồng', kind: 'city', floors: '3' });
    expect(parsed.features[0].geometry).toEqual({ type: 'Point', coordinates: [108.2271, 16.0611, 0] });
  });

  it('a_kmz_is_a_zipped_kml', async () => {
    const parsed = await parse(await kmzOf(kmlText([{ name: 'A', lon: 108.2, lat: 16.05, data: {} }])), 'a.kmz');
    expect(parsed.format).toBe('kmz');
  });

  it('a_zipped_shapefile_reads_utf8_attributes_and_its_prj', async () => {
    const zip = await shapefileZip('diem', 'POINT', [{ ten: 'Chợ Hàn', so: 3 }], [[550850.83, 1776398.5]], ESRI_PRJ_5899);
    const parsed = await parse(zip, 'diem.zip');
    expect(parsed).toMatchObject({ format: 'shapefile', crs: { code: 'EPSG:5899', source: 'prj' } });
    expect(parsed.features[0].properties).toEqual({ ten: 'Chợ Hàn', so: 3 });
  });

  it('a_zip_of_two_layers_or_without_dbf_is_refused', async () => {
    const JSZip = (await import('jszip')).default;
    const one = await JSZip.loadAsync(await shapefileZip('a', 'POINT', [{ x: 1 }], [[1, 2]]));
    one.file('b.shp', await one.file('a.shp')!.async('uint8array'));
    const two = await problemOf(parse(await one.generateAsync({ type: 'nodebuffer' }), 'two.zip'));
    expect(two.detail).toBe('The zip holds 2 shapefiles (a.shp, b.shp); zip one layer per file.');
    one.remove('b.shp');
    one.remove('a.dbf');
    const noDbf = await problemOf(parse(await one.generateAsync({ type: 'nodebuffer' }), 'nodbf.zip'));
    expect(noDbf.detail).toMatch(/^The zip lacks a\.dbf/);
  });
});

describe('checks before staging', () => {
  it('single_part_multi_geometries_are_unwrapped_and_families_counted', async () => {
    const parsed = await parse(JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [[[[0, 0], [0, 1], [1, 1], [0, 0]]]] }, properties: {} },
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[0, 0], [0, 1], [1, 1], [0, 0]]] }, properties: {} },
    ] }), 'a.geojson');
    expect(checkFeatures(parsed).geometryTypes).toEqual({ MultiPolygon: 1, Polygon: 1 });
    expect(parsed.features[0].geometry!.type).toBe('Polygon');
  });

  it('columns_list_up_to_three_distinct_samples', () => {
    const columns = columnsOf([1, 1, 2, 3, 4].map((v, k) => ({ row: k + 1, geometry: null, properties: { v, empty: '' } })));
    expect(columns).toEqual([{ name: 'v', samples: [1, 2, 3] }, { name: 'empty', samples: [] }]);
  });
});

describe('mapping', () => {
  const cameras = findCollection('cameras')!;

  it('the_suggestion_matches_names_dbf_short_names_and_titles_without_accents', () => {
    const mapping = suggestMapping(['ID', 'Tên', 'mount_heig', 'Heading (°)', 'resolution', 'resoluti_1', 'ghi_chu'], cameras);
    expect(mapping).toEqual({ ID: null, 'Tên': 'name', mount_heig: 'mount_height_m', 'Heading (°)': 'heading_deg', resolution: 'resolution_h', resoluti_1: 'resolution_v', ghi_chu: null });
  });

  it('values_become_the_schema_types_only_when_unambiguous', () => {
    const prop = (name: string) => cameras.properties.find((p) => p.name === name)!;
    expect(coerce(' 12.5 ', prop('mount_height_m'))).toBe(12.5);
    expect(coerce('12,5', prop('mount_height_m'))).toBe('12,5');
    expect(coerce('', prop('name'))).toBeUndefined();
    expect(coerce(7, prop('name'))).toBe('7');
    expect(coerce('Có', findCollection('public_spaces')!.properties.find((p) => p.name === 'wifi_wanted')!)).toBe(true);
    expect(coerce('[{"azimuth_deg": 10}]', findCollection('bts_sites')!.properties.find((p) => p.name === 'sectors')!)).toEqual([{ azimuth_deg: 10 }]);
  });
});
