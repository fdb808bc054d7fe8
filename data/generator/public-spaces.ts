import type { Feature } from 'geojson';
import type { AdminMap } from './admin.js';
import { intersectMulti } from './clip.js';
import { zoneCode, type LandUse } from './landuse.js';
import { feature, polygonGeom } from './output.js';
import { dist, lerp, offset, polyArea, ringArea, toXY, type Poly, type XY } from './plane.js';
import type { Rng } from './random.js';
import type { Raster } from './raster.js';
import { closeRing, offsetLine, outlineRun, rectangle } from './shapes.js';

/**
 * Public spaces where people gather (and where Wi-Fi and cameras are wanted): beaches along the real coast,
 * the real markets, parks, squares and sights at their approximate real places, one health centre per district.
 * A place whose real spot falls on water or off the coarse outline is moved to the nearest free land.
 */

export type SpaceKind = 'park' | 'beach' | 'market' | 'square' | 'tourist_site' | 'health_centre';

export interface PublicSpace {
  name: string;
  kind: SpaceKind;
  polygon: Poly;
  wifi: boolean;
  cctv: boolean;
}

type Ll = [number, number];
/** Beaches: a stretch of the outline between two coast points (fractions of that run), 70 m deep. */
const BEACHES: [string, Ll, Ll, number, number][] = [
  ['Bãi biển Non Nước', [108.2823, 15.9901], [108.2653, 16.0316], 0.1, 0.45],
  ['Bãi biển Sơn Thủy', [108.2823, 15.9901], [108.2653, 16.0316], 0.55, 0.9],
  ['Bãi biển Bắc Mỹ An', [108.2653, 16.0316], [108.2586, 16.071], 0.05, 0.35],
  ['Bãi biển Mỹ Khê', [108.2653, 16.0316], [108.2586, 16.071], 0.45, 0.85],
  ['Bãi biển Phạm Văn Đồng', [108.2586, 16.071], [108.2658, 16.1074], 0.08, 0.4],
  ['Bãi biển Sơn Trà', [108.2586, 16.071], [108.2658, 16.1074], 0.5, 0.85],
  ['Bãi biển Nguyễn Tất Thành', [108.1975, 16.072], [108.182, 16.0914], 0.15, 0.85],
  ['Bãi biển Xuân Thiều', [108.182, 16.0914], [108.1599, 16.1037], 0.2, 0.8],
  ['Bãi biển Nam Ô', [108.1599, 16.1037], [108.1428, 16.1194], 0.15, 0.85],
  ['Bãi Bụt', [108.2796, 16.102], [108.3049, 16.1072], 0.3, 0.7],
];

/** Other places: kind, name, lon, lat, length and width (m). */
const PLACES: [SpaceKind, string, number, number, number, number][] = [
  ['market', 'Chợ Hàn', 108.2245, 16.0686, 90, 70], ['market', 'Chợ Cồn', 108.2145, 16.0679, 120, 100],
  ['market', 'Chợ Đống Đa', 108.219, 16.077, 70, 60], ['market', 'Chợ Hòa Khánh', 108.152, 16.072, 110, 80],
  ['market', 'Chợ An Hải Đông', 108.2525, 16.0625, 70, 60], ['market', 'Chợ Bắc Mỹ An', 108.257, 16.046, 80, 60],
  ['market', 'Chợ Thanh Khê', 108.192, 16.0665, 80, 70], ['market', 'Chợ Hòa Cường', 108.2195, 16.035, 80, 60],
  ['market', 'Chợ Cẩm Lệ', 108.205, 16.015, 80, 60], ['market', 'Chợ Túy Loan', 108.148, 16.008, 70, 60],
  ['market', 'Chợ Nại Hiên Đông', 108.247, 16.098, 70, 50], ['market', 'Chợ Hòa Mỹ', 108.163, 16.062, 70, 60],
  ['park', 'Công viên 29/3', 108.186, 16.0655, 420, 300], ['park', 'Công viên Châu Á', 108.2285, 16.0395, 500, 350],
  ['park', 'Công viên Biển Đông', 108.2545, 16.0705, 260, 180], ['park', 'Công viên APEC', 108.2335, 16.0565, 300, 90],
  ['park', 'Công viên Bạch Đằng', 108.231, 16.078, 300, 60], ['park', 'Công viên Hòa Khánh', 108.148, 16.064, 250, 180],
  ['park', 'Công viên Phần mềm Quang Trung', 108.2205, 16.0735, 120, 90], ['park', 'Công viên Cẩm Lệ', 108.198, 16.023, 220, 150],
  ['square', 'Quảng trường 2/9', 108.2215, 16.0465, 260, 180], ['square', 'Quảng trường Trung tâm Hành chính', 108.2205, 16.0765, 140, 110],
  ['square', 'Quảng trường Biển Đông', 108.2575, 16.0725, 150, 90],
  ['tourist_site', 'Danh thắng Ngũ Hành Sơn', 108.2627, 16.0036, 500, 380], ['tourist_site', 'Chùa Linh Ứng Bãi Bụt', 108.2775, 16.1003, 200, 150],
  ['tourist_site', 'Bảo tàng Điêu khắc Chăm', 108.2235, 16.0605, 110, 90], ['tourist_site', 'Khu du lịch Bà Nà Hills', 108.028, 16.012, 900, 600],
  ['tourist_site', 'Đỉnh Bàn Cờ', 108.2715, 16.1373, 150, 120], ['tourist_site', 'Nhà thờ Chính tòa Đà Nẵng', 108.2232, 16.0667, 80, 50],
  ['tourist_site', 'Làng đá mỹ nghệ Non Nước', 108.258, 15.998, 300, 200], ['tourist_site', 'Bán đảo Sơn Trà – Cây đa nghìn năm', 108.3, 16.14, 150, 150],
];

const HEALTH_CENTRE_NAME = (district: string, type: string) => `Trung tâm Y tế ${type.toLowerCase()} ${district}`;

/** Builds the spaces; `land.raster` decides where land is. */
export function buildPublicSpaces(admin: AdminMap, land: LandUse, rng: Rng): PublicSpace[] {
  const spaces: PublicSpace[] = BEACHES.map(([name, from, to, f0, f1]) => beach(admin, name, from, to, f0, f1));
  const places = [
    ...PLACES.map(([kind, name, lon, lat, l, w]) => ({ kind, name, at: toXY(lon, lat), l, w })),
    ...admin.districts.map((d) => ({ kind: 'health_centre' as SpaceKind, name: HEALTH_CENTRE_NAME(d.fact.name, d.fact.type), at: offset(d.wards[1 % d.wards.length].anchor, 45, 250), l: 90, w: 70 })),
  ];
  for (const p of places) {
    const spot = freeSpot(land.raster, p.at, spaces, p.kind === 'tourist_site');
    if (!spot) continue;
    const clipped = intersectMulti([rectangle(spot, p.l, p.w, rng.range(0, 30))], [admin.outline]);
    const polygon = clipped.sort((a, b) => polyArea(b) - polyArea(a))[0];
    if (polygon) spaces.push({ name: p.name, kind: p.kind, polygon, wifi: false, cctv: false });
  }
  for (const s of spaces) {
    s.wifi = s.kind === 'park' ? rng.chance(0.8) : true;
    s.cctv = s.kind === 'park' ? rng.chance(0.7) : s.kind === 'health_centre' ? rng.chance(0.5) : true;
  }
  return spaces;
}

function beach(admin: AdminMap, name: string, from: Ll, to: Ll, f0: number, f1: number): PublicSpace {
  const run = outlineRun(admin.outline[0], toXY(...from), toXY(...to));
  const shore = subRun(run, f0, f1);
  const inland = ringArea(admin.outline[0]) > 0 ? 1 : -1;
  const polygon = [closeRing([...shore, ...offsetLine(shore, inland * 70).reverse()])];
  return { name, kind: 'beach', polygon, wifi: true, cctv: true };
}

/** The part of a polyline between fractions f0 and f1 of its length. */
function subRun(line: XY[], f0: number, f1: number): XY[] {
  const lengths = line.slice(1).map((p, k) => dist(line[k], p));
  const total = lengths.reduce((s, l) => s + l, 0);
  const pointAt = (d: number): XY => {
    for (let k = 0; k < lengths.length; k++) {
      if (d <= lengths[k]) return lerp(line[k], line[k + 1], d / lengths[k]);
      d -= lengths[k];
    }
    return line[line.length - 1];
  };
  const inner: XY[] = [];
  let acc = 0;
  for (let k = 0; k < lengths.length; k++) {
    acc += lengths[k];
    if (acc > f0 * total && acc < f1 * total) inner.push(line[k + 1]);
  }
  return [pointAt(f0 * total), ...inner, pointAt(f1 * total)];
}

/** The nearest point (50 m steps, up to 3 km) on land that is neither water nor too close to another space. */
function freeSpot(raster: Raster, p: XY, taken: PublicSpace[], forestOk: boolean): XY | null {
  const bad = new Set([0, zoneCode('water'), ...(forestOk ? [] : [zoneCode('forest')])]);
  for (let r = 0; r <= 3000; r += 50) {
    const steps = r === 0 ? 1 : Math.ceil((2 * Math.PI * r) / 50);
    for (let k = 0; k < steps; k++) {
      const q = offset(p, (360 * k) / steps, r);
      if (bad.has(raster.get(q))) continue;
      if (taken.some((s) => dist(s.polygon[0][0], q) < 120)) continue;
      return q;
    }
  }
  return null;
}

/** The public_spaces features. */
export function publicSpaceFeatures(spaces: PublicSpace[], rng: Rng): Feature[] {
  return spaces.map((s) => feature(rng.uuid(), polygonGeom(s.polygon), { name: s.name, kind: s.kind, wifi_wanted: s.wifi, cctv_wanted: s.cctv }));
}
