import { ringArea, toXY, type Ring, type XY } from './plane.js';
import { offsetLine, outlineRun, xyOf } from './shapes.js';

/**
 * The main roads, drawn by hand after the real network: the coast and bay roads follow the outline (set back
 * from it), the river roads follow the Hàn banks, the cross-river axes cross on their real bridges.
 */

export type RoadClass = 'motorway' | 'arterial' | 'primary' | 'secondary' | 'tertiary' | 'residential' | 'service';

export interface RoadDef {
  name: string;
  cls: RoadClass;
  lanes: number;
  points: XY[];
}

/** An east–west axis: `west` road, the bridge over the Hàn, `east` road, at one latitude. */
export interface CrossingDef {
  west: string;
  bridge: string;
  east: string;
  lat: number;
  fromLon: number;
  toLon: number;
  lanes: number;
}

const at = (lon: number, lat: number) => toXY(lon, lat);

/** Roads that follow the outline: a run of its vertices pushed `setback` metres inland. */
function alongOutline(ring: Ring, from: [number, number], to: [number, number], setback: number): XY[] {
  const inland = ringArea(ring) > 0 ? 1 : -1;
  return offsetLine(outlineRun(ring, at(...from), at(...to)), inland * setback);
}

export function arterialDefs(outline: Ring): RoadDef[] {
  return [
    { name: 'Võ Nguyên Giáp', cls: 'arterial', lanes: 6, points: alongOutline(outline, [108.2823, 15.9901], [108.2658, 16.1074], 180) },
    { name: 'Ngô Quyền', cls: 'arterial', lanes: 4, points: alongOutline(outline, [108.2791, 15.9957], [108.2658, 16.1074], 700) },
    { name: 'Bạch Đằng', cls: 'primary', lanes: 4, points: alongOutline(outline, [108.2332, 16.0371], [108.2283, 16.0897], 45) },
    { name: 'Trần Hưng Đạo', cls: 'primary', lanes: 4, points: alongOutline(outline, [108.2409, 16.0905], [108.259, 16.0106], 45) },
    { name: 'Nguyễn Tất Thành', cls: 'arterial', lanes: 6, points: alongOutline(outline, [108.221, 16.0916], [108.1428, 16.1194], 150) },
    { name: 'Hoàng Sa', cls: 'secondary', lanes: 2, points: alongOutline(outline, [108.2658, 16.1074], [108.3372, 16.1254], 90) },
    {
      name: 'Quốc lộ 1A', cls: 'primary', lanes: 4,
      points: xyOf([[108.19, 16.205], [108.165, 16.18], [108.138, 16.15], [108.133, 16.12], [108.143, 16.09], [108.155, 16.07], [108.17, 16.045], [108.183, 16.02], [108.188, 15.993]]),
    },
    { name: 'Cao tốc Đà Nẵng – Quảng Ngãi', cls: 'motorway', lanes: 4, points: xyOf([[108.085, 16.14], [108.098, 16.08], [108.118, 16.03], [108.135, 15.985]]) },
    { name: 'Quốc lộ 14B', cls: 'primary', lanes: 4, points: xyOf([[108.183, 16.02], [108.14, 16.017], [108.09, 16.025], [108.04, 16.04], [108.0, 16.06]]) },
    { name: 'Đường ĐT602', cls: 'secondary', lanes: 2, points: xyOf([[108.143, 16.09], [108.1, 16.075], [108.06, 16.06], [108.04, 16.03], [108.03, 16.01]]) },
    { name: 'Đường tránh Nam Hải Vân', cls: 'primary', lanes: 4, points: xyOf([[108.133, 16.12], [108.105, 16.115], [108.088, 16.105]]) },
    { name: 'Nguyễn Hữu Thọ', cls: 'primary', lanes: 4, points: xyOf([[108.2105, 16.068], [108.212, 16.04], [108.214, 16.015], [108.213, 15.995]]) },
    { name: 'Điện Biên Phủ', cls: 'primary', lanes: 4, points: xyOf([[108.155, 16.07], [108.18, 16.0668], [108.212, 16.0668]]) },
    { name: 'Hùng Vương', cls: 'secondary', lanes: 2, points: xyOf([[108.195, 16.0685], [108.235, 16.0685]]) },
    { name: 'Cách Mạng Tháng Tám', cls: 'secondary', lanes: 4, points: xyOf([[108.215, 16.036], [108.206, 16.015], [108.2, 15.998]]) },
    { name: 'Lê Văn Hiến', cls: 'secondary', lanes: 4, points: alongOutline(outline, [108.2791, 15.9957], [108.2653, 16.0316], 1100) },
  ];
}

export const CROSSINGS: readonly CrossingDef[] = [
  { west: 'Lê Duẩn', bridge: 'Cầu Sông Hàn', east: 'Phạm Văn Đồng', lat: 16.0722, fromLon: 108.185, toLon: 108.27, lanes: 4 },
  { west: 'Nguyễn Văn Linh', bridge: 'Cầu Rồng', east: 'Võ Văn Kiệt', lat: 16.0611, fromLon: 108.206, toLon: 108.27, lanes: 6 },
  { west: 'Duy Tân', bridge: 'Cầu Trần Thị Lý', east: 'Ngũ Hành Sơn', lat: 16.0485, fromLon: 108.207, toLon: 108.27, lanes: 6 },
  { west: 'Nguyễn Hữu Thọ', bridge: 'Cầu Tiên Sơn', east: 'Hồ Xuân Hương', lat: 16.0355, fromLon: 108.212, toLon: 108.275, lanes: 6 },
  { west: 'Như Nguyệt', bridge: 'Cầu Thuận Phước', east: 'Lê Đức Thọ', lat: 16.0899, fromLon: 108.222, toLon: 108.262, lanes: 4 },
  { west: 'Trần Thị Lý', bridge: 'Cầu Nguyễn Tri Phương', east: 'Lê Văn Hiến', lat: 16.0255, fromLon: 108.205, toLon: 108.275, lanes: 4 },
];

/** Street names for the synthetic local grid (common Vietnamese street names). */
export const STREET_NAMES: readonly string[] = [
  'Lê Lợi', 'Trần Phú', 'Hùng Vương', 'Phan Châu Trinh', 'Hoàng Diệu', 'Nguyễn Chí Thanh', 'Lý Thường Kiệt', 'Quang Trung',
  'Hai Bà Trưng', 'Ông Ích Khiêm', 'Núi Thành', 'Hàm Nghi', 'Hà Huy Tập', 'Nguyễn Tri Phương', 'Lê Đình Lý', 'Trần Cao Vân',
  'Dũng Sĩ Thanh Khê', 'Nguyễn Lương Bằng', 'Âu Cơ', 'Lạc Long Quân', 'Hồ Tùng Mậu', 'Nguyễn Sinh Sắc', 'Tôn Thất Đạm',
  'Phạm Như Xương', 'Nguyễn Văn Thoại', 'Hồ Nghinh', 'Lê Quang Đạo', 'An Thượng', 'Châu Thị Vĩnh Tế', 'Nguyễn Công Trứ',
  'Lê Văn Duyệt', 'Nguyễn Duy Hiệu', 'Hoàng Văn Thụ', 'Đống Đa', 'Bà Triệu', 'Yên Bái', 'Thái Phiên', 'Nguyễn Thị Minh Khai',
  'Pasteur', 'Lê Hồng Phong', 'Phan Đình Phùng', 'Trưng Nữ Vương', 'Lê Thanh Nghị', 'Xô Viết Nghệ Tĩnh', 'Phan Đăng Lưu',
  'Huỳnh Thúc Kháng', 'Tiểu La', 'Núi Thành', 'Lê Trọng Tấn', 'Ngô Thì Nhậm', 'Nguyễn Phước Nguyên', 'Hà Văn Tính',
  'Phạm Văn Nghị', 'Nguyễn Đình Tựu', 'Mẹ Suốt', 'Kinh Dương Vương', 'Thích Quảng Đức', 'Trần Quang Khải', 'Yết Kiêu',
  'Lê Văn Thứ', 'Nguyễn Phan Vinh', 'Chu Văn An', 'Phó Đức Chính', 'Mai Đăng Chơn', 'Trần Đại Nghĩa', 'Võ Chí Công',
];
