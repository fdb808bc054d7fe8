import type { Feature } from 'geojson';
import type { AdminMap } from './admin.js';
import { ADMIN_CENTRE } from './agencies.js';
import type { LandUse } from './landuse.js';
import { PointIndex } from './nearest.js';
import { feature, pointGeom } from './output.js';
import { lerp, offset, type XY } from './plane.js';
import { spotNear } from './places.js';
import type { Rng } from './random.js';
import type { Intersection, RoadNet } from './roads.js';

/**
 * IoT: the city's ~8 LoRaWAN gateways on high roofs spread over the districts, two NB-IoT gateways, and the
 * sensors they serve: environment (air, noise, weather), water level by the rivers and the coast, public
 * lighting along the main roads and traffic counters at main crossings. Each sensor reports to its nearest
 * gateway of the right technology.
 */

interface Gateway {
  id: string;
  name: string;
  technology: 'LoRaWAN' | 'NB-IoT';
  at: XY;
  heightM: number;
}

export interface Iot {
  gateways: Gateway[];
  features: { gateways: Feature[]; sensors: Feature[] };
}

const GATEWAY_WARDS = ['Thạch Thang', 'Hòa Minh', 'An Hải Bắc', 'Khuê Mỹ', 'Khuê Trung', 'Chính Gián', 'Hòa Phong', 'Hòa Liên'];

export function buildIot(admin: AdminMap, land: LandUse, net: RoadNet, sensorCount: number, rng: Rng): Iot {
  const gateways: Gateway[] = GATEWAY_WARDS.map((name) => {
    const ward = admin.wards.find((w) => w.fact.name === name)!;
    return { id: rng.uuid(), name: `LoRaWAN ${name}`, technology: 'LoRaWAN', at: spotNear(ward.anchor, 300, land, net, rng), heightM: Math.round(rng.range(30, 120)) };
  });
  gateways.push(
    { id: rng.uuid(), name: 'NB-IoT Trung tâm Hành chính', technology: 'NB-IoT', at: offset(ADMIN_CENTRE, 270, 60), heightM: 160 },
    { id: rng.uuid(), name: 'NB-IoT Hòa Khánh', technology: 'NB-IoT', at: spotNear(admin.wards.find((w) => w.fact.name === 'Hòa Khánh Bắc')!.anchor, 300, land, net, rng), heightM: 40 },
  );
  const lora = new PointIndex(gateways.filter((g) => g.technology === 'LoRaWAN'), (g) => g.at);
  const nbiot = new PointIndex(gateways.filter((g) => g.technology === 'NB-IoT'), (g) => g.at);
  const sensors: Feature[] = [];
  for (let k = 0; k < sensorCount; k++) {
    const kind = rng.weighted([['public_lighting', 35], ['air_quality', 20], ['traffic_counter', 15], ['water_level', 15], ['noise', 10], ['weather', 5]] as const);
    const at = sensorSpot(kind, admin, land, net, rng);
    const gateway = rng.chance(0.1) ? nbiot.nearest(at) : lora.nearest(at);
    sensors.push(feature(rng.uuid(), pointGeom(at), {
      name: `${kind.replace('_', ' ')} ${String(k + 1).padStart(4, '0')}`, kind, gateway_id: gateway?.id ?? null,
      status: rng.weighted([['existing', 78], ['faulty', 12], ['planned', 10]] as const),
    }));
  }
  const gatewayFeatures = gateways.map((g) =>
    feature(g.id, pointGeom(g.at), { name: g.name, technology: g.technology, height_m: g.heightM, status: 'existing' }));
  return { gateways, features: { gateways: gatewayFeatures, sensors } };
}

/** Where a sensor of this kind goes: lamps along main roads, counters at crossings, gauges by the water. */
function sensorSpot(kind: string, admin: AdminMap, land: LandUse, net: RoadNet, rng: Rng): XY {
  if (kind === 'public_lighting') {
    const mains = net.roads.filter((r) => r.cls === 'arterial' || r.cls === 'primary');
    const road = rng.pick(mains);
    const k = rng.int(1, road.points.length - 1);
    return offset(lerp(road.points[k - 1], road.points[k], rng.next()), rng.range(0, 360), 12);
  }
  if (kind === 'traffic_counter') {
    const major: Intersection[] = net.intersections.filter((i) => i.major);
    return offset(rng.pick(major).p, rng.range(0, 360), 15);
  }
  if (kind === 'water_level') {
    const water = land.zones.filter((z) => z.cls === 'water');
    const ring = rng.pick(water).geometry[0][0];
    const v = rng.int(0, ring.length - 2);
    return lerp(ring[v], ring[v + 1], rng.next());
  }
  return spotNear(rng.pick(admin.wards).anchor, 800, land, net, rng);
}
