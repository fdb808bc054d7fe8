import { describe, expect, it } from 'vitest';
import { cameraProblems, cameraView, type CameraInput } from '../../../../server/src/analyses/camera-view/index.js';
import { buildBuildingSet, type BuildingInput } from '../../../../server/src/analyses/camera-view/buildings.js';
import { levelAt } from '../../../../server/src/analyses/camera-view/viewshed.js';
import { ZONE_LEVELS } from '../../../../server/src/analyses/camera-optics/index.js';

const camera = (over: Partial<CameraInput> = {}): CameraInput => ({
  x: 0, y: 0, mountHeightM: 6, headingDeg: 0, tiltDeg: 10, hfovDeg: 60, resolutionH: 1920, resolutionV: 1080,
  owner: 'police', manNodeId: 'node-1', ...over,
});
const box = (x0: number, y0: number, x1: number, y1: number, heightM: number, id?: string): BuildingInput => ({
  id, heightM, ring: [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]],
});
const level = (name: string) => ZONE_LEVELS.indexOf(name as never);

describe('camera view with occlusion', () => {
  it('without_buildings_the_zones_cover_their_whole_annular_sectors', () => {
    const view = cameraView(camera(), buildBuildingSet([]));
    expect(view.zones.length).toBeGreaterThan(1);
    for (const z of view.zones) expect(z.properties.area_m2 / z.properties.nominal_area_m2).toBeCloseTo(1, 2);
  });

  it('a_camera_behind_a_building_does_not_see_the_road', () => {
    const view = cameraView(camera(), buildBuildingSet([box(-10, 20, 10, 30, 15)]));
    expect(levelAt(view.viewshed!, 0, 40)).toBe(-1);
    expect(levelAt(view.viewshed!, 0, 18)).toBeGreaterThanOrEqual(level('detection'));
    const detection = view.zones.find((z) => z.properties.level === 'detection')!;
    expect(detection.properties.area_m2).toBeLessThan(detection.properties.nominal_area_m2 * 0.8);
  });

  it('a_point_is_seen_at_the_finest_level_its_distance_allows', () => {
    const view = cameraView(camera({ tiltDeg: 30 }), buildBuildingSet([]));
    const [finest] = view.zones;
    const mid = (finest.properties.from_m + finest.properties.to_m) / 2;
    expect(levelAt(view.viewshed!, 0, mid)).toBe(level(finest.properties.level));
    const detection = view.zones.find((z) => z.properties.level === 'detection')!.properties;
    expect(levelAt(view.viewshed!, 0, (detection.from_m + detection.to_m) / 2)).toBe(level('detection'));
    expect(levelAt(view.viewshed!, 0, detection.to_m + 1)).toBe(-1);
    // Behind the camera and outside the field of view.
    expect(levelAt(view.viewshed!, 0, -10)).toBe(-1);
    expect(levelAt(view.viewshed!, 30, 10)).toBe(-1);
  });

  it('a_camera_on_a_facade_is_not_hidden_by_its_own_building', () => {
    const house = box(-4, -12, 4, 0, 9);
    const view = cameraView(camera({ mountHeightM: 4 }), buildBuildingSet([house]));
    expect(view.problems).toEqual([]);
    expect(levelAt(view.viewshed!, 0, 30)).toBeGreaterThanOrEqual(0);
  });

  it('a_camera_inside_a_building_below_its_roof_sees_nothing_and_says_why', () => {
    const view = cameraView(camera({ mountHeightM: 4 }), buildBuildingSet([box(-10, -10, 10, 10, 12, 'hall')]));
    expect(view.zones).toEqual([]);
    expect(view.problems).toEqual([expect.objectContaining({ code: 'inside_building', severity: 'error', field: 'geometry' })]);
    expect(view.problems[0].message).toMatch(/10\.0 m inside a building \(12 m high\)/);
  });

  it('a_camera_on_a_roof_sees_past_the_roof_edge_only_further_out', () => {
    // Roof 10 m high, lens 15 m, roof edge 10 m ahead: ground hidden up to 10·15/(15−10) = 30 m.
    const view = cameraView(camera({ mountHeightM: 15, tiltDeg: 20, resolutionH: 3840, resolutionV: 2160 }), buildBuildingSet([box(-10, -10, 10, 10, 10)]));
    expect(view.problems).toEqual([]);
    expect(levelAt(view.viewshed!, 0, 28)).toBe(-1);
    expect(levelAt(view.viewshed!, 0, 32)).toBeGreaterThanOrEqual(0);
  });

  it('only_buildings_near_the_field_of_view_are_examined', () => {
    const city: BuildingInput[] = [];
    for (let i = -50; i < 50; i++) for (let j = -50; j < 50; j++) city.push(box(i * 40 + 25, j * 40 + 25, i * 40 + 35, j * 40 + 35, 20));
    const view = cameraView(camera(), buildBuildingSet(city));
    expect(view.viewshed!.candidates).toBeGreaterThan(0);
    expect(view.viewshed!.candidates).toBeLessThan(city.length / 500);
  });

  it('a_camera_without_a_man_node_gets_its_zones_and_a_warning_but_residents_cameras_need_none', () => {
    const view = cameraView(camera({ manNodeId: null }), buildBuildingSet([]));
    expect(view.zones.length).toBeGreaterThan(0);
    expect(view.problems.map((p) => [p.code, p.severity])).toEqual([['no_man_node', 'warning']]);
    expect(cameraProblems(camera({ manNodeId: null, owner: 'resident' }))).toEqual([]);
  });

  it('a_camera_looking_above_the_horizon_is_warned_and_has_no_zones', () => {
    const view = cameraView(camera({ tiltDeg: -30 }), buildBuildingSet([]));
    expect(view.zones).toEqual([]);
    expect(view.problems.map((p) => p.code)).toEqual(['looks_above_horizon']);
  });

  it('bad_optics_give_no_zones_and_name_the_field', () => {
    const view = cameraView(camera({ hfovDeg: 200, resolutionH: 0 }), buildBuildingSet([]));
    expect(view.zones).toEqual([]);
    expect(view.problems.map((p) => p.field)).toEqual(['hfov_deg', 'resolution_h']);
  });

  it('zone_polygons_of_one_level_never_overlap', () => {
    const rows: BuildingInput[] = [];
    for (let k = 0; k < 12; k++) rows.push(box(-60 + k * 10, 25 + (k % 3) * 7, -55 + k * 10, 30 + (k % 3) * 7, 3 + (k % 4) * 3));
    const view = cameraView(camera({ hfovDeg: 100 }), buildBuildingSet(rows));
    for (const zone of view.zones) {
      const sum = zone.geometry.coordinates.reduce((s, [ring]) => s + Math.abs(shoelace(ring)), 0);
      expect(sum).toBeCloseTo(zone.properties.area_m2, 0);
      // Sample the sector: no point falls in two polygons of the same zone.
      for (let x = -60; x <= 60; x += 1.7) {
        for (let y = 1; y <= 60; y += 1.3) {
          const n = zone.geometry.coordinates.filter(([ring]) => inside(ring, x, y)).length;
          expect(n).toBeLessThanOrEqual(1);
        }
      }
    }
  });
});

function shoelace(ring: [number, number][]): number {
  let s = 0;
  for (let k = 0; k + 1 < ring.length; k++) s += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1];
  return s / 2;
}

function inside(ring: [number, number][], x: number, y: number): boolean {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}
