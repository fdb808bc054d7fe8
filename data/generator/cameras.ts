import type { Feature } from 'geojson';
import type { AdminMap } from './admin.js';
import type { Building } from './buildings.js';
import type { Man, ManNode } from './man.js';
import { PointIndex } from './nearest.js';
import { feature, pointGeom } from './output.js';
import { bearingDeg, lerp, normaliseDeg, offset, ringCentroid, type XY } from './plane.js';
import type { PublicSpace } from './public-spaces.js';
import type { Rng } from './random.js';
import type { Intersection, RoadNet } from './roads.js';

/**
 * CCTV cameras: traffic and security cameras at road intersections (looking along one of the roads that meet),
 * tourism and security cameras around public spaces (looking into them), and residents' cameras on house
 * fronts (looking along the street). Optics are real products' values: 1/2.8" (5.37 mm wide) and 1/1.8"
 * (7.18 mm) sensors with 2.8–12 mm lenses, varifocals, and some PTZ/fisheye units known only by their field
 * of view. About 17 % are faulty, as the city reports for lack of maintenance.
 */

export interface Camera {
  at: XY;
  headingDeg: number;
  owner: string;
  purpose: string;
  name: string;
  mountM: number;
}

export interface CameraCounts {
  total: number;
  /** Share of residents' cameras (the city counts ~33,900 installed by residents). */
  residentShare: number;
}

export function buildCameras(net: RoadNet, spaces: PublicSpace[], buildings: Building[], counts: CameraCounts, rng: Rng): Camera[] {
  const resident = Math.round(counts.total * counts.residentShare);
  const spaceCams = spaceCameras(spaces, Math.round((counts.total - resident) * 0.15), rng);
  const roadCams = intersectionCameras(net.intersections, counts.total - resident - spaceCams.length, rng);
  const homes = residentCameras(buildings, counts.total - spaceCams.length - roadCams.length, rng);
  return [...roadCams, ...spaceCams, ...homes];
}

/** Major intersections first (all of them), then local corners at random; several cameras where needed. */
function intersectionCameras(list: Intersection[], count: number, rng: Rng): Camera[] {
  const order = [...list].map((x, k) => ({ x, key: (x.major ? 0 : 1) + rng.next(), k })).sort((a, b) => a.key - b.key || a.k - b.k);
  const out: Camera[] = [];
  for (let round = 0; out.length < count && round < 4; round++) {
    for (const { x } of order) {
      if (out.length >= count) break;
      const road = rng.int(0, x.bearings.length - 1);
      const heading = normaliseDeg(x.bearings[road] + (rng.chance(0.5) ? 0 : 180) + rng.range(-4, 4));
      // On a pole at a corner of the crossing, 8–12 m from its centre.
      const at = offset(x.p, heading + 180 + rng.range(-40, 40), rng.range(8, 12));
      const traffic = x.major ? rng.chance(0.7) : rng.chance(0.25);
      out.push({
        at, headingDeg: heading, mountM: round1(traffic ? rng.range(6, 12) : rng.range(4, 8)),
        owner: traffic ? rng.weighted([['transport', 3], ['police', 2]] as const) : rng.weighted([['police', 3], ['ward', 3], ['district', 2], ['city', 1]] as const),
        purpose: traffic ? 'traffic' : 'security',
        name: `Nút giao ${x.names[0]} – ${x.names[x.names.length - 1]}`,
      });
    }
  }
  return out;
}

/** Cameras on the edge of public spaces looking toward their centre; spaces that want CCTV get more. */
function spaceCameras(spaces: PublicSpace[], count: number, rng: Rng): Camera[] {
  const wanting = spaces.filter((s) => s.cctv);
  const out: Camera[] = [];
  for (let k = 0; out.length < count && wanting.length > 0; k++) {
    const s = wanting[k % wanting.length];
    const ring = s.polygon[0];
    const c = ringCentroid(ring);
    const v = rng.int(0, ring.length - 2);
    const edge = lerp(ring[v], ring[v + 1], rng.next());
    const at = lerp(edge, c, 0.05);
    out.push({
      at, headingDeg: normaliseDeg(bearingDeg(at, c) + rng.range(-20, 20)), mountM: round1(rng.range(4, 10)),
      owner: s.kind === 'beach' || s.kind === 'tourist_site' ? 'tourism' : rng.weighted([['city', 2], ['ward', 2], ['police', 1]] as const),
      purpose: s.kind === 'beach' || s.kind === 'tourist_site' ? 'tourism' : 'security',
      name: `${s.name} – camera ${Math.floor(k / wanting.length) + 1}`,
    });
  }
  return out;
}

/** Residents' cameras on shophouse fronts, looking along the street (either way). */
function residentCameras(buildings: Building[], count: number, rng: Rng): Camera[] {
  const houses = buildings.filter((b) => b.front);
  const out: Camera[] = [];
  for (let k = 0; k < count && houses.length > 0; k++) {
    const { at, alongDeg } = houses[rng.int(0, houses.length - 1)].front!;
    out.push({
      at, headingDeg: normaliseDeg(alongDeg + (rng.chance(0.5) ? 0 : 180) + rng.range(-10, 10)),
      mountM: round1(rng.range(4, 6)), owner: 'resident', purpose: rng.weighted([['security', 4], ['general', 1]] as const),
      name: `Camera hộ dân ${String(k + 1).padStart(5, '0')}`,
    });
  }
  return out;
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/** Lens and sensor: a real product family, or only a field of view (PTZ and fisheye units). */
function optics(rng: Rng): Record<string, number | null> {
  const kind = rng.weighted([['fixed28', 45], ['fixed18', 20], ['varifocal', 25], ['fov', 10]] as const);
  if (kind === 'fov') return { sensor_width_mm: null, focal_length_mm: null, hfov_deg: rng.pick([58, 90, 105, 118]) };
  const sensor = kind === 'fixed18' ? 7.18 : 5.37;
  const focal = kind === 'varifocal' ? Math.round(rng.range(2.8, 12) * 10) / 10 : rng.pick([2.8, 4, 6, 8, 12]);
  return { sensor_width_mm: sensor, focal_length_mm: focal, hfov_deg: null };
}

/** The cameras features; public cameras connect to the nearest MAN access node, residents' ones do not. */
export function cameraFeatures(cams: Camera[], man: Man, rng: Rng): Feature[] {
  const access = new PointIndex<ManNode>(man.nodes.filter((n) => n.kind === 'access'), (n) => n.at);
  return cams.map((c) => {
    const [w, h] = rng.weighted([['1080', 55], ['1440', 30], ['2160', 15]] as const) === '1080' ? [1920, 1080] : rng.chance(0.67) ? [2560, 1440] : [3840, 2160];
    const codec = c.owner === 'resident' && rng.chance(0.04) ? 'MJPEG' : rng.chance(0.5) ? 'H.265' : 'H.264';
    const fps = rng.pick([15, 20, 25, 30]);
    // Typical CBR at 25 fps for 1080p H.264 is ~4 Mbit/s; scaled by pixels^0.75 and frame rate, H.265 ~55 %.
    const bitrate = Math.min(200, 4 * ((w * h) / 2_073_600) ** 0.75 * (fps / 25) * (codec === 'H.265' ? 0.55 : codec === 'MJPEG' ? 5 : 1));
    return feature(rng.uuid(), pointGeom(c.at), {
      name: c.name, owner: c.owner, purpose: c.purpose,
      status: rng.weighted([['existing', 68], ['faulty', 17], ['planned', 12], ['decommissioned', 3]] as const),
      mount_height_m: c.mountM, heading_deg: Math.round(c.headingDeg * 10) / 10 % 360, tilt_deg: round1(rng.range(5, 30)),
      ...optics(rng),
      resolution_h: w, resolution_v: h, codec, frame_rate: fps, retention_days: rng.pick([30, 60, 90]),
      bitrate_mbps: Math.round(bitrate * 100) / 100,
      man_node_id: c.owner === 'resident' ? null : (access.nearest(c.at)?.id ?? null),
    });
  });
}
