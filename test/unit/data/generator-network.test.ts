import { bearing, booleanPointInPolygon, booleanValid, length, pointToLineDistance, polygon } from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCity } from '../../../data/generator/city.js';

let city: Record<string, FeatureCollection>;

beforeAll(() => {
  city = generateCity({ scale: 'small' });
});

const features = <G extends Feature['geometry']>(id: string) => city[id].features as Feature<G>[];
const idsOf = (id: string) => new Set(city[id].features.map((f) => f.id));

describe('references', () => {
  it('every_reference_points_to_an_existing_feature_of_the_right_kind', () => {
    const nodes = new Map(features<Point>('man_nodes').map((f) => [f.id, f.properties!.kind]));
    for (const c of features('cameras')) if (c.properties!.man_node_id !== null) expect(nodes.get(c.properties!.man_node_id)).toBe('access');
    for (const a of features('agencies')) if (a.properties!.man_node_id !== null) expect(nodes.get(a.properties!.man_node_id)).toBe('access');
    for (const l of features('man_links')) {
      expect(nodes.has(l.properties!.from_node_id)).toBe(true);
      expect(nodes.has(l.properties!.to_node_id)).toBe(true);
      expect(l.properties!.from_node_id).not.toBe(l.properties!.to_node_id);
    }
    const gateways = idsOf('iot_gateways');
    for (const s of features('sensors')) expect(gateways.has(s.properties!.gateway_id)).toBe(true);
    const wardCodes = new Set(features('admin_units').filter((f) => f.properties!.level === 'ward').map((f) => f.properties!.code));
    for (const a of features('agencies')) expect(wardCodes.has(a.properties!.ward_code)).toBe(true);
  });

  it('191_agencies_are_on_the_man_and_a_few_are_not', () => {
    const connected = features('agencies').filter((a) => a.properties!.man_node_id !== null);
    expect(connected).toHaveLength(191);
    expect(city.agencies.features.length - connected.length).toBeGreaterThan(0);
  });

  it('each_link_runs_between_its_two_nodes', () => {
    const at = new Map(features<Point>('man_nodes').map((f) => [f.id, f.geometry.coordinates]));
    for (const l of features<LineString>('man_links')) {
      const c = l.geometry.coordinates;
      expect(c[0]).toEqual(at.get(l.properties!.from_node_id));
      expect(c[c.length - 1]).toEqual(at.get(l.properties!.to_node_id));
    }
  });
});

describe('network', () => {
  it('the_man_is_about_450_km_of_fibre', () => {
    const km = features<LineString>('man_links').reduce((s, f) => s + length(f, { units: 'kilometers' }), 0);
    expect(km).toBeGreaterThan(400);
    expect(km).toBeLessThan(500);
  });

  it('the_data_centre_holds_about_170_tb_and_there_is_one_ioc', () => {
    const nodes = features('man_nodes').map((f) => f.properties!);
    const dc = nodes.filter((n) => n.kind === 'data_centre');
    expect(dc).toHaveLength(1);
    expect(dc[0].storage_tb).toBe(170);
    expect(nodes.filter((n) => n.kind === 'ioc')).toHaveLength(1);
    expect(nodes.filter((n) => n.kind === 'aggregation')).toHaveLength(7);
  });

  it('traffic_cameras_look_along_a_road_they_stand_by', () => {
    const roads = features<LineString>('roads');
    const traffic = features<Point>('cameras').filter((c) => c.properties!.purpose === 'traffic').slice(0, 150);
    expect(traffic.length).toBe(150);
    for (const cam of traffic) {
      const heading = cam.properties!.heading_deg as number;
      const near = roads.filter((r) => pointToLineDistance(cam, r, { units: 'meters' }) < 30);
      const offsets = near.flatMap((r) => {
        const c = r.geometry.coordinates;
        return c.slice(1).map((p, k) => {
          const d = Math.abs(((heading - bearing(c[k], p) + 540) % 360) - 180);
          return Math.min(d, 180 - d);
        });
      });
      expect(Math.min(...offsets)).toBeLessThan(6);
    }
  });
});

describe('geometry', () => {
  // Per polygon: turf also rejects multipolygon parts that touch at a point, which OGC (and PostGIS) allow;
  // the database's CHECK (ST_IsValid) covers the whole multipolygons in the integration test.
  it('every_polygon_is_valid', () => {
    for (const id of ['admin_units', 'land_use', 'public_spaces', 'buildings']) {
      const parts = city[id].features.flatMap((f) =>
        f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates.map((c) => ({ f, part: polygon(c) })) : [{ f, part: f as Feature<Polygon> }]);
      const invalid = parts.filter(({ part }) => !booleanValid(part));
      expect(invalid.map(({ f }) => `${id} ${f.id}`)).toEqual([]);
    }
  });

  it('no_line_is_degenerate', () => {
    for (const id of ['roads', 'man_links']) {
      const short = features<LineString>(id).filter((f) => f.geometry.coordinates.length < 2 || length(f, { units: 'meters' }) < 1);
      expect(short).toEqual([]);
    }
  });

  it('no_building_stands_in_water', () => {
    const water = features<MultiPolygon>('land_use').filter((f) => f.properties!.zone_class === 'water');
    const boxes = water.map((w) => bboxOf(w.geometry.coordinates.flat(2)));
    const wet = features<Polygon>('buildings').filter((b) =>
      b.geometry.coordinates[0].some((p) => water.some((w, k) => inBox(p, boxes[k]) && booleanPointInPolygon(p, w))));
    expect(wet.length).toBe(0);
  });
});

function bboxOf(points: number[][]): [number, number, number, number] {
  return [Math.min(...points.map((p) => p[0])), Math.min(...points.map((p) => p[1])), Math.max(...points.map((p) => p[0])), Math.max(...points.map((p) => p[1]))];
}

function inBox(p: number[], b: [number, number, number, number]): boolean {
  return p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3];
}
