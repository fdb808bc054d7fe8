/**
 * Hand-placed approximate positions (lon, lat) that steer the synthetic map toward the real city's layout.
 * They are not surveyed facts: ward anchors are rough ward centres read off a general map of Đà Nẵng, and a
 * point that falls outside its district (the Natural Earth outline is coarse) is moved to the nearest land.
 */

/** Rough centre of each ward (names as in the census table, after WARD_NAME_FIXES). */
export const WARD_ANCHORS: Readonly<Record<string, [number, number]>> = {
  // Cẩm Lệ: south-west of Hải Châu, around the Cẩm Lệ river.
  'Hòa An': [108.178, 16.047], 'Hòa Phát': [108.176, 16.030], 'Hòa Thọ Đông': [108.201, 16.020],
  'Hòa Thọ Tây': [108.184, 16.008], 'Hòa Xuân': [108.222, 16.004], 'Khuê Trung': [108.205, 16.033],
  // Hải Châu: the old centre on the west bank of the Hàn river, airport to the west.
  'Bình Hiên': [108.222, 16.058], 'Bình Thuận': [108.220, 16.052], 'Hải Châu I': [108.224, 16.070],
  'Hải Châu II': [108.221, 16.064], 'Hòa Cường Bắc': [108.222, 16.040], 'Hòa Cường Nam': [108.222, 16.027],
  'Hòa Thuận Đông': [108.219, 16.046], 'Hòa Thuận Tây': [108.203, 16.048], 'Nam Dương': [108.214, 16.065],
  'Phước Ninh': [108.216, 16.060], 'Thạch Thang': [108.218, 16.073], 'Thanh Bình': [108.213, 16.079],
  'Thuận Phước': [108.220, 16.084],
  // Hòa Vang: the rural west, mountains (Bà Nà, Hải Vân) in the west and north. The outline stops near
  // 16.0° N, north of the real Hòa Châu / Hòa Phước / Hòa Tiến, so those sit on its southern edge.
  'Hòa Bắc': [107.975, 16.150], 'Hòa Châu': [108.165, 16.006], 'Hòa Khương': [108.075, 15.990],
  'Hòa Liên': [108.080, 16.100], 'Hòa Nhơn': [108.100, 16.020], 'Hòa Ninh': [108.000, 16.060],
  'Hòa Phong': [108.115, 15.992], 'Hòa Phú': [108.020, 15.990], 'Hòa Phước': [108.158, 15.993],
  'Hòa Sơn': [108.090, 16.060], 'Hòa Tiến': [108.138, 15.988],
  // Liên Chiểu: the north-west shore of the bay up to the Hải Vân pass.
  'Hòa Hiệp Bắc': [108.150, 16.170], 'Hòa Hiệp Nam': [108.140, 16.125], 'Hòa Khánh Bắc': [108.150, 16.080],
  'Hòa Khánh Nam': [108.150, 16.060], 'Hòa Minh': [108.170, 16.060],
  // Ngũ Hành Sơn: the coast south of Sơn Trà, Marble Mountains (strip anchors placed on the outline's strip).
  'Hoà Hải': [108.262, 15.998], 'Hoà Quý': [108.235, 15.990], 'Khuê Mỹ': [108.261, 16.028], 'Mỹ An': [108.256, 16.046],
  // Sơn Trà: the east-bank strip (the outline draws the Hàn river about 1 km east of its real bed) and the peninsula.
  'An Hải Bắc': [108.249, 16.082], 'An Hải Đông': [108.255, 16.058], 'An Hải Tây': [108.2495, 16.068],
  'Mân Thái': [108.256, 16.094], 'Nại Hiên Đông': [108.248, 16.102], 'Phước Mỹ': [108.255, 16.074],
  'Thọ Quang': [108.285, 16.120],
  // Thanh Khê: the south shore of the bay.
  'An Khê': [108.183, 16.060], 'Chính Gián': [108.203, 16.064], 'Hòa Khê': [108.190, 16.062],
  'Tam Thuận': [108.193, 16.073], 'Tân Chính': [108.206, 16.068], 'Thạc Gián': [108.206, 16.060],
  'Thanh Khê Đông': [108.188, 16.071], 'Thanh Khê Tây': [108.180, 16.068], 'Vĩnh Trung': [108.209, 16.064],
  'Xuân Hà': [108.200, 16.072],
};
