import type { Feature } from 'geojson';
import type { AdminMap } from './admin.js';
import { intersectMulti, snapRepair, subtractMulti } from './clip.js';
import { feature, multiPolygonGeom } from './output.js';
import { bbox, pointInPoly, snapToOutputGrid, toXY, type MultiPoly, type Poly, type XY } from './plane.js';
import type { Rng } from './random.js';
import { Raster } from './raster.js';
import { band, closeRing, ellipse, outlineRun, rectangle, xyOf } from './shapes.js';

/**
 * Land-use zones covering the whole outline plus the Hàn river. Hand-placed zones (water, airport, industrial
 * parks, forests, villages …) are cut out in priority order; what is left is residential in the six urban
 * districts and agriculture in Hòa Vang. Positions follow the real city roughly; shapes are synthetic.
 */

export const ZONE_CLASSES = ['residential', 'commercial', 'mixed', 'industrial', 'public', 'green', 'water', 'agriculture', 'forest', 'transport', 'tourism'] as const;
export type ZoneClass = (typeof ZONE_CLASSES)[number];
/** Raster code of a zone class (0 = outside the city). */
export const zoneCode = (c: ZoneClass) => ZONE_CLASSES.indexOf(c) + 1;
/** Classes where urban streets and houses go. */
export const BUILT_UP: ReadonlySet<number> = new Set(['residential', 'commercial', 'mixed', 'public'].map((c) => zoneCode(c as ZoneClass)));

export interface Zone {
  cls: ZoneClass;
  name: string;
  geometry: MultiPoly;
}

export interface LandUse {
  zones: Zone[];
  /** Land-use class code per 10 m cell (see zoneCode). */
  raster: Raster;
  /** The Hàn river: the notch in the outline between Hải Châu and Sơn Trà, closed at its mouth. */
  river: Poly;
  /** Exact test (the raster decides by cell centres): p is inside the outline and in no water zone. */
  isDry(p: XY): boolean;
}

const at = (lon: number, lat: number) => toXY(lon, lat);

/** Hand-placed zones, highest priority first (each takes only land no earlier zone took). */
function handZones(): { cls: ZoneClass; name: string; shape: Poly }[] {
  return [
    { cls: 'water', name: 'Sông Cu Đê', shape: band(xyOf([[108.02, 16.14], [108.06, 16.128], [108.095, 16.131], [108.125, 16.124], [108.138, 16.121]]), 90) },
    { cls: 'water', name: 'Sông Túy Loan – Cẩm Lệ', shape: band(xyOf([[108.04, 16.02], [108.09, 16.012], [108.13, 16.006], [108.165, 16.004], [108.19, 16.0035], [108.2, 16.0045]]), 110) },
    { cls: 'water', name: 'Hồ Hòa Trung', shape: ellipse(at(108.112, 16.094), 650, 420, 30) },
    { cls: 'water', name: 'Hồ Đồng Nghệ', shape: ellipse(at(108.06, 15.994), 900, 550, 80) },
    { cls: 'water', name: 'Hồ Bàu Tràm', shape: ellipse(at(108.161, 16.094), 220, 140, 40) },
    { cls: 'transport', name: 'Sân bay quốc tế Đà Nẵng', shape: rectangle(at(108.1995, 16.0485), 3300, 950, 172) },
    { cls: 'industrial', name: 'Khu công nghiệp Hòa Khánh', shape: rectangle(at(108.141, 16.078), 2200, 1300, 40) },
    { cls: 'industrial', name: 'Khu công nghiệp Liên Chiểu', shape: rectangle(at(108.128, 16.113), 1400, 800, 30) },
    { cls: 'industrial', name: 'Khu công nghệ cao Đà Nẵng', shape: rectangle(at(108.058, 16.108), 3000, 1800, 20) },
    { cls: 'industrial', name: 'Khu công nghiệp Hòa Cầm', shape: rectangle(at(108.172, 16.023), 1300, 800, 10) },
    { cls: 'industrial', name: 'Khu dịch vụ thủy sản Thọ Quang', shape: rectangle(at(108.252, 16.112), 1100, 500, 70) },
    { cls: 'industrial', name: 'Khu công nghệ thông tin tập trung', shape: rectangle(at(108.095, 16.106), 1200, 900, 0) },
    { cls: 'tourism', name: 'Khu du lịch Bà Nà', shape: ellipse(at(108.028, 16.012), 1200, 800, 60) },
    { cls: 'tourism', name: 'Danh thắng Ngũ Hành Sơn', shape: ellipse(at(108.2627, 16.0036), 500, 380, 0) },
    { cls: 'public', name: 'Khu Đại học Đà Nẵng', shape: rectangle(at(108.158, 16.069), 800, 600, 20) },
    { cls: 'commercial', name: 'Trung tâm thương mại Hải Châu', shape: [closeRing(xyOf([[108.219, 16.058], [108.2365, 16.058], [108.2325, 16.086], [108.219, 16.086]]))] },
    { cls: 'mixed', name: 'Khu đô thị sinh thái Hòa Xuân', shape: ellipse(at(108.222, 16.012), 800, 500, 60) },
    { cls: 'green', name: 'Công viên 29/3', shape: ellipse(at(108.186, 16.0655), 280, 180, 0) },
    { cls: 'green', name: 'Công viên Châu Á', shape: ellipse(at(108.2285, 16.0395), 330, 230, 10) },
    { cls: 'green', name: 'Công viên Biển Đông', shape: ellipse(at(108.2545, 16.0705), 200, 140, 0) },
    ...villages(),
    { cls: 'forest', name: 'Rừng đặc dụng Sơn Trà', shape: [closeRing(xyOf([[108.274, 16.104], [108.36, 16.09], [108.36, 16.17], [108.274, 16.17]]))] },
    {
      cls: 'forest', name: 'Rừng phòng hộ Hải Vân – Bà Nà',
      shape: [closeRing(xyOf([[107.8, 15.95], [108.035, 15.95], [108.05, 16.03], [108.068, 16.085], [108.1, 16.13], [108.15, 16.158], [108.175, 16.172], [108.215, 16.2], [108.215, 16.25], [107.8, 16.25]]))],
    },
  ];
}

/** Village cores of the Hòa Vang communes (residential islands in the farmland), ~0.6–1 km across. */
function villages() {
  const cores: [string, number, number][] = [
    ['Hòa Bắc', 108.03, 16.128], ['Hòa Liên', 108.09, 16.09], ['Hòa Ninh', 108.045, 16.045], ['Hòa Sơn', 108.092, 16.058],
    ['Hòa Nhơn', 108.1, 16.02], ['Hòa Phú', 108.035, 16.0], ['Hòa Khương', 108.085, 15.99], ['Hòa Phong', 108.12, 15.995],
    ['Hòa Tiến', 108.14, 15.99], ['Hòa Châu', 108.165, 16.01], ['Hòa Phước', 108.158, 15.996],
  ];
  return cores.map(([name, lon, lat]) => ({ cls: 'residential' as ZoneClass, name: `Khu dân cư xã ${name}`, shape: ellipse(at(lon, lat), 600, 380, 30) }));
}

/** Builds the zones and their raster. */
export function buildLandUse(admin: AdminMap, _rng: Rng): LandUse {
  const outline = admin.outline;
  const river = [closeRing(outlineRun(outline[0], at(108.2409, 16.0905), at(108.2283, 16.0897)))];
  const zones: Zone[] = [{ cls: 'water', name: 'Sông Hàn', geometry: [river] }];
  let remaining: MultiPoly = [outline];
  for (const z of handZones()) {
    const geometry = intersectMulti([z.shape], remaining);
    if (geometry.length === 0) continue;
    zones.push({ cls: z.cls, name: z.name, geometry });
    remaining = subtractMulti(remaining, geometry);
  }
  const rural = admin.districts.find((d) => d.fact.type === 'Huyện')!;
  const farmland = intersectMulti(remaining, rural.geometry);
  zones.push({ cls: 'agriculture', name: 'Đất nông nghiệp Hòa Vang', geometry: farmland });
  zones.push({ cls: 'residential', name: 'Khu dân cư đô thị', geometry: subtractMulti(remaining, farmland) });
  for (const z of zones) z.geometry = snapRepair(z.geometry, snapToOutputGrid);
  const raster = Raster.around([outline, river], 200);
  for (const z of zones) raster.fillPolygon(z.geometry, zoneCode(z.cls));
  const water = zones.filter((z) => z.cls === 'water').flatMap((z) => z.geometry).map((poly) => ({ poly, box: bbox(poly[0]) }));
  const isDry = (p: XY): boolean => {
    if (!pointInPoly(p, outline)) return false;
    for (const { poly, box } of water) if (p[0] >= box[0] && p[0] <= box[2] && p[1] >= box[1] && p[1] <= box[3] && pointInPoly(p, poly)) return false;
    return true;
  };
  return { zones, raster, river, isDry };
}

/** The land_use features. */
export function landUseFeatures(land: LandUse, rng: Rng): Feature[] {
  return land.zones.map((z) => feature(rng.uuid(), multiPolygonGeom(z.geometry), { zone_class: z.cls, name: z.name }));
}
