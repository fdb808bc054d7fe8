import type { Feature } from 'geojson';
import type { AdminMap } from './admin.js';
import { zoneCode, type LandUse } from './landuse.js';
import { feature, pointGeom } from './output.js';
import { bbox, multiPoints, pointInPoly, ringCentroid, type XY } from './plane.js';
import type { PublicSpace } from './public-spaces.js';
import type { Rng } from './random.js';

/**
 * Radio infrastructure: public Wi-Fi access points in the spaces that want them, and the three operators'
 * base stations on hexagonal layouts (inter-site distance ~400 m in Hải Châu and Thanh Khê, ~800 m in the
 * other urban districts, km-scale in rural Hòa Vang). 5G: ~10 sites as at the Dec 2021 launch, six of them
 * compact BTS in the industrial parks, the IT park and the hi-tech park.
 */

/** Wi-Fi APs per space by kind (multiplied by the scale's factor). */
const APS_PER_SPACE: Readonly<Record<string, [number, number]>> = {
  beach: [4, 8], market: [3, 6], park: [2, 5], square: [2, 4], tourist_site: [3, 6], health_centre: [1, 3],
};

export function wifiFeatures(spaces: PublicSpace[], perSpaceFactor: number, rng: Rng): Feature[] {
  const out: Feature[] = [];
  for (const s of spaces.filter((x) => x.wifi)) {
    const [lo, hi] = APS_PER_SPACE[s.kind];
    const n = Math.round(rng.int(lo, hi) * perSpaceFactor);
    for (let k = 0; k < n; k++) {
      const at = pointInside(s.polygon, rng) ?? ringCentroid(s.polygon[0]);
      out.push(feature(rng.uuid(), pointGeom(at), {
        name: `${s.name} – AP ${k + 1}`,
        bands: rng.weighted([['2.4+5GHz', 70], ['2.4+5+6GHz', 15], ['2.4GHz', 10], ['5GHz', 5]] as const),
        tx_power_dbm: rng.pick([17, 20, 23, 26]), antenna_gain_dbi: rng.pick([3, 5, 6, 8]),
        height_m: Math.round(rng.range(3, 8) * 10) / 10,
        status: rng.weighted([['existing', 80], ['planned', 12], ['faulty', 8]] as const),
      }));
    }
  }
  return out;
}

function pointInside(poly: XY[][], rng: Rng): XY | null {
  const [x0, y0, x1, y1] = bbox(multiPoints([poly]));
  for (let k = 0; k < 50; k++) {
    const p: XY = [rng.range(x0, x1), rng.range(y0, y1)];
    if (pointInPoly(p, poly)) return p;
  }
  return null;
}

const OPERATORS = [
  { name: 'Viettel', tag: 'VTL', bands: [1800, 2100] },
  { name: 'VinaPhone', tag: 'VNP', bands: [2100, 1800] },
  { name: 'MobiFone', tag: 'MBF', bands: [1800, 2100] },
] as const;

/** Compact 5G sites: where the city put them (industrial parks, IT park, hi-tech park). */
const COMPACT_5G_ZONES = ['Khu công nghiệp Hòa Khánh', 'Khu công nghiệp Liên Chiểu', 'Khu công nghệ cao Đà Nẵng', 'Khu công nghiệp Hòa Cầm', 'Khu công nghệ thông tin tập trung', 'Khu dịch vụ thủy sản Thọ Quang'];

export function btsFeatures(admin: AdminMap, land: LandUse, rng: Rng): Feature[] {
  const out: Feature[] = [];
  const dense = new Set(['Hải Châu', 'Thanh Khê']);
  for (const op of OPERATORS) {
    let n = 0;
    for (const d of admin.districts) {
      const isd = dense.has(d.fact.name) ? 400 : d.fact.type === 'Huyện' ? 3000 : 800;
      for (const at of hexSites(d.geometry, isd, rng)) {
        if (land.raster.get(at) === zoneCode('water') || admin.wardAt(at)?.districtIndex !== d.index) continue;
        const small = dense.has(d.fact.name) && rng.chance(0.2);
        out.push(site(`${op.tag}-DNG-${String(++n).padStart(4, '0')}`, op.name, '4G', small ? 'small' : 'macro', at, op.bands, rng));
      }
    }
  }
  for (const name of COMPACT_5G_ZONES) {
    const z = land.zones.find((x) => x.name === name);
    if (z) out.push(site(`VTL-5G-${out.length}`, 'Viettel', '5G', 'compact', ringCentroid(z.geometry[0][0]), [3500], rng));
  }
  const centre = admin.wards.filter((w) => admin.districts[w.districtIndex].fact.name === 'Hải Châu').slice(0, 4);
  centre.forEach((w, k) => out.push(site(`5G-HC-${k + 1}`, rng.pick(['Viettel', 'VinaPhone', 'MobiFone']), '5G', 'macro', w.anchor, [3500], rng)));
  return out;
}

/** Points of a hexagonal lattice with inter-site distance `isd` metres (random offset) inside the polygons. */
function hexSites(mp: XY[][][], isd: number, rng: Rng): XY[] {
  const [x0, y0, x1, y1] = bbox(multiPoints(mp));
  const dx = rng.range(0, isd);
  const dy = rng.range(0, isd);
  const out: XY[] = [];
  const rowH = (isd * Math.sqrt(3)) / 2;
  for (let j = 0; y0 - isd + dy + j * rowH < y1; j++) {
    for (let i = 0; x0 - isd + dx + i * isd < x1; i++) {
      const p: XY = [x0 - isd + dx + i * isd + (j % 2) * (isd / 2) + rng.range(-0.1, 0.1) * isd, y0 - isd + dy + j * rowH + rng.range(-0.1, 0.1) * isd];
      if (mp.some((poly) => pointInPoly(p, poly))) out.push(p);
    }
  }
  return out;
}

/** A three-sector site (azimuths 0/120/240 ± 10°, 65° beams) with 3GPP-style antenna parameters. */
function site(name: string, operator: string, technology: '4G' | '5G', type: 'macro' | 'small' | 'compact', at: XY, bands: readonly number[], rng: Rng): Feature {
  const base = rng.range(0, 120);
  const power = { macro: [43, 46], small: [30, 37], compact: [37, 40] }[type];
  const gain = { macro: [15, 18], small: [8, 12], compact: [12, 15] }[type];
  const sectors = [0, 120, 240].map((az, k) => {
    const frequency = bands[k % bands.length];
    return {
      azimuth_deg: (Math.round(((base + az + rng.range(-10, 10) + 360) % 360) * 10) / 10) % 360,
      tilt_deg: Math.round(rng.range(2, 8) * 10) / 10,
      beamwidth_deg: 65,
      power_dbm: rng.int(power[0], power[1]),
      gain_dbi: Math.round(rng.range(gain[0], gain[1]) * 10) / 10,
      frequency_mhz: frequency,
      bandwidth_mhz: frequency === 3500 ? 100 : frequency === 1800 ? rng.pick([15, 20]) : rng.pick([10, 15]),
    };
  });
  const height = { macro: [25, 45], small: [8, 15], compact: [10, 20] }[type];
  return feature(rng.uuid(), pointGeom(at), {
    name, operator, technology, site_type: type,
    height_m: Math.round(rng.range(height[0], height[1]) * 10) / 10,
    status: technology === '5G' ? 'existing' : rng.weighted([['existing', 93], ['planned', 5], ['faulty', 2]] as const),
    sectors,
  });
}
