import type { Feature } from 'geojson';
import type { AdminMap } from './admin.js';
import { ADMIN_CENTRE, type Agency } from './agencies.js';
import type { LandUse } from './landuse.js';
import { feature, lineGeom, pointGeom } from './output.js';
import { dist, lerp, offset, bearingDeg, type XY } from './plane.js';
import type { Rng } from './random.js';

/**
 * The metropolitan fibre network (MAN), sized on the city's published figures: ~450 km of fibre reaching 191
 * agencies (Nov 2023), a data centre with ~170 TB and the IOC. Topology: data centre and IOC on a core ring of
 * four nodes, one aggregation hub per district on a second ring (each hub also homed to a core node: no single
 * point of failure above the access layer), and spurs from each hub to the access nodes beside the agencies.
 * Links follow streets, not straight lines: each is drawn with a detour so the total comes to TOTAL_KM.
 */

export type NodeKind = 'core' | 'aggregation' | 'access' | 'data_centre' | 'ioc';

export interface ManNode {
  id: string;
  name: string;
  kind: NodeKind;
  at: XY;
  status: string;
  capacityGbps: number;
  storageTb: number | null;
  district: number;
}

export interface ManLink {
  id: string;
  from: ManNode;
  to: ManNode;
  path: XY[];
  fibres: number;
  capacityGbps: number;
  status: string;
}

export interface Man {
  nodes: ManNode[];
  links: ManLink[];
}

/** Published figures: total fibre length (km), agencies on the MAN, data-centre storage (TB). */
export const TOTAL_KM = 450;
export const CONNECTED_AGENCIES = 191;
const STORAGE_TB = 170;
/** Access nodes serve the agencies within this radius, metres (villages are farther apart). */
const ACCESS_RADIUS_M = { urban: 450, rural: 1800 };
const CORE_DISTRICTS = ['Hải Châu', 'Sơn Trà', 'Cẩm Lệ', 'Liên Chiểu'];
const RING_ORDER = ['Liên Chiểu', 'Thanh Khê', 'Hải Châu', 'Sơn Trà', 'Ngũ Hành Sơn', 'Cẩm Lệ', 'Hòa Vang'];

export function buildMan(admin: AdminMap, land: LandUse, agencies: Agency[], rng: Rng): Man {
  const nodes: ManNode[] = [];
  const node = (name: string, kind: NodeKind, at: XY, capacityGbps: number, district: number, storageTb: number | null = null) => {
    const n: ManNode = { id: rng.uuid(), name, kind, at, status: 'existing', capacityGbps, storageTb, district };
    nodes.push(n);
    return n;
  };
  const hc = admin.districts.find((d) => d.fact.name === 'Hải Châu')!.index;
  const dc = node('Trung tâm Dữ liệu thành phố Đà Nẵng', 'data_centre', offset(ADMIN_CENTRE, 200, 350), 400, hc, STORAGE_TB);
  const ioc = node('Trung tâm Giám sát, điều hành đô thị thông minh (IOC)', 'ioc', offset(ADMIN_CENTRE, 90, 40), 200, hc, 20);
  const seats = new Map(admin.districts.map((d) => [d.fact.name, agencies.find((a) => a.kind === 'district' && a.name.endsWith(d.fact.name))!.at]));
  const cores = CORE_DISTRICTS.map((name) => node(`Nút lõi ${name}`, 'core', offset(seats.get(name)!, 0, 70), 400, admin.districts.find((d) => d.fact.name === name)!.index));
  const hubs = admin.districts.map((d) => node(`Nút tập trung ${d.fact.type.toLowerCase()} ${d.fact.name}`, 'aggregation', offset(seats.get(d.fact.name)!, 180, 60), 100, d.index));
  const links: [ManNode, ManNode, number, number][] = [];
  const ring = (list: ManNode[], fibres: number, gbps: number) => list.forEach((n, k) => links.push([n, list[(k + 1) % list.length], fibres, gbps]));
  ring(cores, 96, 100);
  links.push([dc, cores[0], 96, 100], [ioc, cores[0], 96, 100], [dc, ioc, 96, 100], [dc, cores[3], 96, 100]);
  ring(RING_ORDER.map((name) => hubs[admin.districts.findIndex((d) => d.fact.name === name)]), 48, 40);
  for (const hub of hubs) links.push([hub, nearest(cores, hub.at), 48, 40]);
  const access = connectAgencies(admin, agencies, rng, (name, at, district) => node(name, 'access', at, 10, district));
  for (const hub of hubs) links.push(...access.filter((a) => a.district === hub.district).map((a): [ManNode, ManNode, number, number] => [hub, a, 24, 10]));
  for (const n of access) if (rng.chance(0.05)) n.status = 'planned';
  return { nodes, links: drawLinks(links, land, rng) };
}

/** Picks the 191 connected agencies, gives them access nodes (shared within ACCESS_RADIUS_M) and sets man_node_id. */
function connectAgencies(admin: AdminMap, agencies: Agency[], rng: Rng, make: (name: string, at: XY, district: number) => ManNode): ManNode[] {
  const order = agencies.map((a, k) => ({ a, key: a.kind === 'city' || a.kind === 'district' ? -1 : rng.next(), k }));
  order.sort((x, y) => x.key - y.key || x.k - y.k);
  const access: ManNode[] = [];
  for (const { a } of order.slice(0, CONNECTED_AGENCIES)) {
    const ward = admin.wards.find((w) => w.code === a.wardCode)!;
    const radius = ward.fact.type === 'Xã' ? ACCESS_RADIUS_M.rural : ACCESS_RADIUS_M.urban;
    let n = access.find((x) => x.district === ward.districtIndex && dist(x.at, a.at) < radius);
    n ??= make(`Nút truy nhập ${ward.fact.name} ${access.filter((x) => x.name.includes(ward.fact.name)).length + 1}`, offset(a.at, 45, 15), ward.districtIndex);
    if (!access.includes(n)) access.push(n);
    a.manNodeId = n.id;
  }
  return access;
}

function nearest(list: ManNode[], p: XY): ManNode {
  return list.reduce((best, n) => (dist(n.at, p) < dist(best.at, p) ? n : best));
}

/**
 * Draws each link as a street-like detour (out sideways, along, back) whose length is `factor` × the straight
 * distance, with one factor for all links chosen so that the network totals TOTAL_KM. The detour goes to the
 * side that stays on land; a link with land on neither side stays straight.
 */
function drawLinks(raw: [ManNode, ManNode, number, number][], land: LandUse, rng: Rng): ManLink[] {
  const straight = raw.reduce((s, [a, b]) => s + dist(a.at, b.at), 0);
  const factor = Math.max(1, (TOTAL_KM * 1000) / straight);
  return raw.map(([from, to, fibres, capacityGbps]) => ({
    id: rng.uuid(), from, to, fibres, capacityGbps,
    path: detour(from.at, to.at, factor, land),
    status: rng.weighted([['existing', 95], ['planned', 4], ['faulty', 1]] as const),
  }));
}

function detour(a: XY, b: XY, factor: number, land: LandUse): XY[] {
  const l = dist(a, b);
  const half = (factor - 0.6) / 2;
  if (l < 1 || half * half <= 0.04) return [a, b];
  // Legs of 0.2·l along the link and a middle of 0.6·l: out by h, along, back; length = 0.6·l + 2·√((0.2·l)² + h²).
  const h = l * Math.sqrt(half * half - 0.04);
  const bearing = bearingDeg(a, b);
  for (const side of [90, -90]) {
    const p1 = offset(lerp(a, b, 0.2), bearing + side, h);
    const p2 = offset(lerp(a, b, 0.8), bearing + side, h);
    const onLand = [p1, p2, lerp(p1, p2, 0.5)].every((p) => land.raster.get(p) !== 0);
    if (onLand) return [a, p1, p2, b];
  }
  return [a, b];
}

export function manNodeFeatures(man: Man): Feature[] {
  return man.nodes.map((n) =>
    feature(n.id, pointGeom(n.at), { name: n.name, kind: n.kind, status: n.status, capacity_gbps: n.capacityGbps, storage_tb: n.storageTb }),
  );
}

export function manLinkFeatures(man: Man): Feature[] {
  return man.links.map((l) =>
    feature(l.id, lineGeom(l.path), { from_node_id: l.from.id, to_node_id: l.to.id, fibre_count: l.fibres, capacity_gbps: l.capacityGbps, status: l.status }),
  );
}
