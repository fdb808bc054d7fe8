import type { Feature } from 'geojson';
import type { AdminMap, Ward } from './admin.js';
import type { LandUse } from './landuse.js';
import { feature, pointGeom } from './output.js';
import { toXY, type XY } from './plane.js';
import { spotNear } from './places.js';
import type { Rng } from './random.js';
import type { RoadNet } from './roads.js';

/**
 * Public agencies, the MAN's customers: city leadership and departments (most of them in the Administrative
 * Centre on Trần Phú), the district and ward people's committees, police, hospitals and health stations,
 * schools and utilities. Names are the real kinds of office; positions are synthetic.
 */

export type AgencyKind = 'city' | 'district' | 'ward' | 'department' | 'police' | 'health' | 'education' | 'utility';

export interface Agency {
  id: string;
  name: string;
  kind: AgencyKind;
  at: XY;
  wardCode: string;
  /** Set by the MAN builder. */
  manNodeId: string | null;
}

/** The Administrative Centre (24 Trần Phú), where most city departments sit. */
export const ADMIN_CENTRE = toXY(108.2205, 16.0768);

const DEPARTMENTS = [
  'Văn phòng UBND thành phố', 'Sở Thông tin và Truyền thông', 'Sở Giao thông vận tải', 'Sở Tài chính', 'Sở Kế hoạch và Đầu tư',
  'Sở Xây dựng', 'Sở Tài nguyên và Môi trường', 'Sở Y tế', 'Sở Giáo dục và Đào tạo', 'Sở Nội vụ', 'Sở Tư pháp', 'Sở Công Thương',
  'Sở Nông nghiệp và Phát triển nông thôn', 'Sở Lao động – Thương binh và Xã hội', 'Sở Văn hóa và Thể thao', 'Sở Du lịch',
  'Sở Khoa học và Công nghệ', 'Sở Ngoại vụ', 'Thanh tra thành phố', 'Cục Thuế thành phố', 'Kho bạc Nhà nước Đà Nẵng', 'Bảo hiểm xã hội thành phố',
];
const HOSPITALS = [
  'Bệnh viện Đà Nẵng', 'Bệnh viện C Đà Nẵng', 'Bệnh viện Phụ sản – Nhi Đà Nẵng', 'Bệnh viện Ung bướu Đà Nẵng', 'Bệnh viện Mắt Đà Nẵng',
  'Bệnh viện Tâm thần Đà Nẵng', 'Bệnh viện Y học cổ truyền Đà Nẵng', 'Trung tâm Kiểm soát bệnh tật thành phố',
];
const HIGH_SCHOOLS = [
  'Trường THPT chuyên Lê Quý Đôn', 'Trường THPT Phan Châu Trinh', 'Trường THPT Trần Phú', 'Trường THPT Hoàng Hoa Thám',
  'Trường THPT Nguyễn Hiền', 'Trường THPT Thái Phiên', 'Trường THPT Nguyễn Trãi', 'Trường THPT Liên Chiểu', 'Trường THPT Ngũ Hành Sơn',
  'Trường THPT Tôn Thất Tùng', 'Trường THPT Hòa Vang', 'Trường THPT Phạm Phú Thứ', 'Trường THPT Cẩm Lệ', 'Trường THPT Ngô Quyền',
];
const UTILITIES = [
  'Công ty Cấp nước Đà Nẵng', 'Nhà máy nước Cầu Đỏ', 'Công ty Điện lực Đà Nẵng', 'Công ty Môi trường đô thị Đà Nẵng',
  'Trung tâm Quản lý hạ tầng giao thông', 'Ban Quản lý Khu công nghệ cao và các khu công nghiệp',
];
/** The ward that holds each district's offices (the real district seats). */
const DISTRICT_SEATS: Readonly<Record<string, string>> = {
  'Liên Chiểu': 'Hòa Minh', 'Thanh Khê': 'Chính Gián', 'Hải Châu': 'Thạch Thang', 'Sơn Trà': 'An Hải Bắc',
  'Ngũ Hành Sơn': 'Khuê Mỹ', 'Cẩm Lệ': 'Khuê Trung', 'Hòa Vang': 'Hòa Phong',
};

export function buildAgencies(admin: AdminMap, land: LandUse, net: RoadNet, rng: Rng): Agency[] {
  const out: Agency[] = [];
  const add = (name: string, kind: AgencyKind, near: XY, radius: number, ward?: Ward) => {
    const at = spotNear(near, radius, land, net, rng);
    const code = (admin.wardAt(at) ?? ward ?? admin.wards[0]).code;
    out.push({ id: rng.uuid(), name, kind, at, wardCode: code, manNodeId: null });
  };
  const lower = (t: string) => t.toLowerCase();
  for (const name of ['UBND thành phố Đà Nẵng', 'HĐND thành phố Đà Nẵng', 'Thành ủy Đà Nẵng']) add(name, 'city', ADMIN_CENTRE, 80);
  DEPARTMENTS.forEach((name, k) => add(name, 'department', ADMIN_CENTRE, k % 2 === 0 ? 120 : 1500));
  add('Công an thành phố Đà Nẵng', 'police', ADMIN_CENTRE, 1200);
  for (const d of admin.districts) {
    const seat = d.wards.find((w) => w.fact.name === DISTRICT_SEATS[d.fact.name]) ?? d.wards[0];
    add(`UBND ${lower(d.fact.type)} ${d.fact.name}`, 'district', seat.anchor, 150, seat);
    add(`Công an ${lower(d.fact.type)} ${d.fact.name}`, 'police', seat.anchor, 500, seat);
    add(`Điện lực ${d.fact.name}`, 'utility', seat.anchor, 1200, seat);
  }
  for (const w of admin.wards) {
    add(`UBND ${lower(w.fact.type)} ${w.fact.name}`, 'ward', w.anchor, 60, w);
    if (w.index % 5 === 0) add(`Công an ${lower(w.fact.type)} ${w.fact.name}`, 'police', w.anchor, 300, w);
    if (w.index % 2 === 0) add(`Trạm y tế ${lower(w.fact.type)} ${w.fact.name}`, 'health', w.anchor, 300, w);
    if (w.index % 4 !== 3) add(`Trường Tiểu học ${w.fact.name}`, 'education', w.anchor, 500, w);
  }
  const urban = admin.wards.filter((w) => w.fact.type === 'Phường');
  HOSPITALS.forEach((name) => add(name, 'health', rng.pick(urban).anchor, 400));
  HIGH_SCHOOLS.forEach((name) => add(name, 'education', rng.pick(admin.wards).anchor, 500));
  UTILITIES.forEach((name) => add(name, 'utility', rng.pick(urban).anchor, 800));
  return out;
}

/** The agencies features. */
export function agencyFeatures(agencies: Agency[]): Feature[] {
  return agencies.map((a) => feature(a.id, pointGeom(a.at), { name: a.name, kind: a.kind, ward_code: a.wardCode, man_node_id: a.manNodeId }));
}
