import { describe, expect, it } from 'vitest';
import { area, distance, polygon } from '@turf/turf';
import { splitGeometry, splitLine, splitPolygon } from '../../../client/src/lib/editing/split';
import { cameraSector, fovSector, headingDeg, horizontalFovDeg, previewRangeM } from '../../../client/src/lib/editing/fov';
import { clipEdgeTest, nearestVertex, ringsWithoutClipEdges } from '../../../client/src/lib/editing/snap-geometry';
import { sameGeometry, summariseConflict } from '../../../client/src/lib/editing/conflict';
import { canEditIn, scenarioFor } from '../../../client/src/lib/editing/permissions';
import { formatArea, formatLength } from '../../../client/src/lib/editing/measure-format';

// A block in Hải Châu, about 110 m on a side.
const W = 108.22, E = 108.221, S = 16.06, N = 16.061;
const block = [[[W, S], [E, S], [E, N], [W, N], [W, S]]];
const areaOf = (rings: number[][][]) => area(polygon(rings));

describe('split', () => {
  it('a_line_crossed_twice_gives_three_parts_that_meet_at_the_crossings', () => {
    const road = [[W, S], [E, S]];
    const parts = splitLine(road, [[W + 0.0003, S - 0.001], [W + 0.0003, S + 0.001], [W + 0.0007, S + 0.001], [W + 0.0007, S - 0.001]]);
    expect(parts).toHaveLength(3);
    expect(parts[0][0]).toEqual([W, S]);
    expect(parts[2][parts[2].length - 1]).toEqual([E, S]);
    expect(parts[0][parts[0].length - 1]).toEqual(parts[1][0]);
    expect(parts[0][parts[0].length - 1][0]).toBeCloseTo(W + 0.0003, 9);
  });

  it('a_line_the_cut_misses_is_not_split', () => {
    expect(splitGeometry({ type: 'LineString', coordinates: [[W, S], [E, S]] }, [[W, N], [E, N + 0.001]])).toBeNull();
  });

  it('a_polygon_cut_across_gives_two_pieces_whose_areas_add_up', () => {
    const mid = (W + E) / 2;
    const pieces = splitPolygon(block, [[mid, S - 0.001], [mid, N + 0.001]]);
    expect(pieces).toHaveLength(2);
    const areas = pieces.map(areaOf);
    expect(areas[0] + areas[1]).toBeCloseTo(areaOf(block), 3);
    expect(areas[0]).toBeCloseTo(areaOf(block) / 2, -1);
  });

  it('a_cut_through_a_courtyard_leaves_the_courtyard_out_of_both_pieces', () => {
    const courtyard = [[W + 0.0003, S + 0.0003], [W + 0.0003, N - 0.0003], [E - 0.0003, N - 0.0003], [E - 0.0003, S + 0.0003], [W + 0.0003, S + 0.0003]];
    const withHole = [block[0], courtyard];
    const mid = (W + E) / 2;
    const pieces = splitPolygon(withHole, [[mid, S - 0.001], [mid, N + 0.001]]);
    expect(pieces).toHaveLength(2);
    expect(pieces.map(areaOf).reduce((a, b) => a + b)).toBeCloseTo(areaOf(withHole), 3);
  });

  it('a_cut_that_stops_inside_the_polygon_does_not_split_it', () => {
    const mid = (W + E) / 2;
    expect(splitPolygon(block, [[mid, S - 0.001], [mid, (S + N) / 2]])).toEqual([block]);
    expect(splitGeometry({ type: 'Polygon', coordinates: block }, [[mid, S - 0.001], [mid, (S + N) / 2]])).toBeNull();
  });

  it('a_multipolygon_keeps_the_members_the_cut_misses_with_its_first_piece', () => {
    const island = [[[W + 0.01, S], [E + 0.01, S], [E + 0.01, N], [W + 0.01, N], [W + 0.01, S]]];
    const mid = (W + E) / 2;
    const pieces = splitGeometry({ type: 'MultiPolygon', coordinates: [block, island] }, [[mid, S - 0.001], [mid, N + 0.001]])!;
    expect(pieces.map((p) => p.type)).toEqual(['MultiPolygon', 'Polygon']);
    const kept = pieces[0].coordinates as number[][][][];
    expect(kept[0]).toEqual(island);
    expect(areaOf(kept[1]) + areaOf(pieces[1].coordinates as number[][][])).toBeCloseTo(areaOf(block), 3);
  });
});

describe('camera field of view', () => {
  it('hfov_comes_from_the_attribute_else_from_sensor_and_focal_length', () => {
    expect(horizontalFovDeg({ hfov_deg: 95 })).toBe(95);
    // 1/2.8" sensor (5.6 mm wide) behind a 4 mm lens: 2·atan(0.7) ≈ 69.98°.
    expect(horizontalFovDeg({ sensor_width_mm: 5.6, focal_length_mm: 4 })).toBeCloseTo(69.98, 2);
    expect(horizontalFovDeg({ sensor_width_mm: '5,6', focal_length_mm: '4' })).toBeCloseTo(69.98, 2);
    expect(horizontalFovDeg({})).toBe(60);
  });

  it('the_preview_reach_is_where_the_image_falls_to_25_pixels_per_metre', () => {
    // 1920 px over 90°: the scene is 2d metres wide at distance d, so 1920 / 2d = 25 → d = 38.4 m.
    expect(previewRangeM({ resolution_h: 1920, hfov_deg: 90 })).toBeCloseTo(38.4, 6);
    expect(previewRangeM({ resolution_h: 1, hfov_deg: 170 })).toBe(5);
  });

  it('the_sector_opens_around_the_heading_to_the_reach', () => {
    const center = [108.2235, 16.0614];
    const ring = fovSector(center, 90, 60, 100)[0];
    expect(ring[0]).toEqual(center);
    for (const p of ring.slice(1, -1)) {
      expect(distance(center, p, { units: 'meters' })).toBeCloseTo(100, 0);
      const h = headingDeg(center, p);
      expect(h).toBeGreaterThanOrEqual(59.9);
      expect(h).toBeLessThanOrEqual(120.1);
    }
  });

  it('a_drag_to_the_east_sets_the_heading_to_90_and_north_wraps_to_0', () => {
    expect(headingDeg([108.2, 16.05], [108.21, 16.05])).toBeCloseTo(90, 0);
    expect(headingDeg([108.2, 16.05], [108.19999999, 16.06])).toBe(0);
    expect(cameraSector([108.2, 16.05], { hfov_deg: 60 })).toBeUndefined();
    expect(cameraSector([108.2, 16.05], { heading_deg: '45', hfov_deg: '60' })).toHaveLength(1);
  });
});

describe('snapping onto tile features', () => {
  it('edges_along_the_buffered_tile_border_are_dropped_and_real_edges_kept', () => {
    const z = 16;
    const span = (2 * 20037508.342789244) / 2 ** z;
    const x0 = -20037508.342789244 + 52000 * span; // left edge of tile column 52000
    const border = x0 - (64 * span) / 4096;
    const isClip = clipEdgeTest(z);
    // A building cut by the tile's left border: its ring runs up the border line.
    const ring = [[border, 1_800_000], [border + 20, 1_800_000], [border + 20, 1_800_030], [border, 1_800_030], [border, 1_800_000]];
    expect(isClip(ring[3], ring[4])).toBe(true);
    expect(isClip(ring[1], ring[2])).toBe(false);
    const lines = ringsWithoutClipEdges([ring], isClip);
    expect(lines).toEqual([ring.slice(0, 4)]);
  });

  it('the_nearest_vertex_is_found', () => {
    expect(nearestVertex([[0, 0], [10, 0], [10, 10]], [9, 1])).toEqual({ vertex: [10, 0], distance: Math.hypot(1, 1) });
  });
});

describe('conflicts', () => {
  const base = { geometry: { type: 'Point', coordinates: [108.2, 16.05] }, properties: { name: 'A', status: 'planned' } };
  it('the_summary_marks_the_attributes_that_differ_and_whose_geometry_changed', () => {
    const theirs = { geometry: { type: 'Point', coordinates: [108.2001, 16.05] }, properties: { name: 'B', status: 'planned' } };
    const mine = { geometry: base.geometry, properties: { name: 'A', status: 'existing' } };
    const summary = summariseConflict(['name', 'status'], mine, theirs, base);
    expect(summary.rows).toEqual([
      { name: 'name', mine: 'A', theirs: 'B', differs: true },
      { name: 'status', mine: 'existing', theirs: 'planned', differs: true },
    ]);
    expect(summary.theirGeometryChanged).toBe(true);
    expect(summary.myGeometryChanged).toBe(false);
  });

  it('geometries_equal_within_the_apis_rounding_are_the_same', () => {
    expect(sameGeometry({ type: 'Point', coordinates: [108.2, 16.05] }, { type: 'Point', coordinates: [108.2 + 1e-10, 16.05] })).toBe(true);
    expect(sameGeometry({ type: 'Point', coordinates: [108.2, 16.05] }, { type: 'Point', coordinates: [108.2 + 1e-6, 16.05] })).toBe(false);
  });
});

describe('who may edit', () => {
  const cameras = { editRoles: ['engineer', 'admin'], scenarioAware: true };
  const roads = { editRoles: ['planner', 'admin'], scenarioAware: false };
  it('planners_edit_infrastructure_only_inside_a_plan_as_the_server_allows', () => {
    expect(canEditIn('planner', cameras, null)).toBe(false);
    expect(canEditIn('planner', cameras, 'plan-1')).toBe(true);
    expect(canEditIn('engineer', cameras, null)).toBe(true);
    expect(canEditIn('planner', roads, null)).toBe(true);
    expect(canEditIn('engineer', roads, 'plan-1')).toBe(false);
    expect(canEditIn('viewer', cameras, 'plan-1')).toBe(false);
    expect(canEditIn(undefined, roads, null)).toBe(false);
  });

  it('only_plan_layers_are_written_into_the_active_plan', () => {
    expect(scenarioFor(cameras, 'plan-1')).toBe('plan-1');
    expect(scenarioFor(roads, 'plan-1')).toBeNull();
    expect(scenarioFor(cameras, null)).toBeNull();
  });
});

describe('measurements as people read them', () => {
  it('lengths_and_areas_pick_their_unit_and_the_locales_decimal_mark', () => {
    expect(formatLength(842.26, 'vi')).toBe('842,3 m');
    expect(formatLength(3274.5, 'en')).toBe('3.275 km');
    expect(formatArea(950, 'en')).toBe('950 m²');
    expect(formatArea(42_000, 'vi')).toBe('4,2 ha');
    expect(formatArea(12_500_000, 'en')).toBe('12.5 km²');
  });
});
