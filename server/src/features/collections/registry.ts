/**
 * The collection registry: the one description of every published layer.
 *
 * The OGC API, the vector tiles, the client's layer tree and forms, and the docs all read it.
 * SQL identifiers (table and column names) come only from here, never from a request.
 * Adding a layer = a migration that creates its table + one entry below.
 */

export type Role = 'viewer' | 'planner' | 'engineer' | 'admin';
export type LayerGroup = 'urban' | 'cctv' | 'network' | 'radio';
export type GeometryType = 'Point' | 'LineString' | 'Polygon' | 'MultiPolygon';

export interface Bilingual {
  vi: string;
  en: string;
}

export interface PropertySpec {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'uuid' | 'array';
  title: Bilingual;
  /** Inclusive bounds for numbers (unit in the title). */
  minimum?: number;
  maximum?: number;
  /** Exclusive bounds, for values that must stay strictly inside a range (e.g. a field of view). */
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: readonly string[];
  maxLength?: number;
  required?: boolean;
  /** For `array` properties: the JSON schema of one item. */
  items?: Record<string, unknown>;
}

export interface CollectionSpec {
  id: string;
  /** Table name; equal to the id, kept separate so a rename stays a registry change. */
  table: string;
  group: LayerGroup;
  title: Bilingual;
  description: Bilingual;
  geometryType: GeometryType;
  /** Writes may send the single type; the database stores the multi type (ST_Multi). */
  properties: readonly PropertySpec[];
  editRoles: readonly Role[];
  /**
   * Groups of properties of which at least one must be given in full (not null), mirroring a table CHECK across
   * columns (a camera needs a field of view, or a sensor width and a focal length).
   */
  requireOneOf?: readonly (readonly string[])[];
  /** Infrastructure layers can hold features of a plan (scenario) beside the baseline. */
  scenarioAware: boolean;
  /** Large layers are drawn from vector tiles; small ones are fetched as GeoJSON. */
  render: 'tiles' | 'features';
  /** Properties carried in vector tiles (kept small on purpose). */
  tileProperties: readonly string[];
  /** Smallest zoom at which tiles carry features (big layers only appear zoomed in). */
  minZoom: number;
  style: { fill: string; stroke: string; radius?: number };
}

const t = (vi: string, en: string): Bilingual => ({ vi, en });

/** Lifecycle of an infrastructure asset. */
export const ASSET_STATUS = ['existing', 'planned', 'faulty', 'decommissioned'] as const;
const status: PropertySpec = {
  name: 'status',
  type: 'string',
  title: t('Trạng thái', 'Status'),
  enum: ASSET_STATUS,
  required: true,
};
const name = (required = false): PropertySpec => ({
  name: 'name',
  type: 'string',
  title: t('Tên', 'Name'),
  maxLength: 200,
  required,
});
const heightM = (max: number): PropertySpec => ({
  name: 'height_m',
  type: 'number',
  title: t('Độ cao (m)', 'Height (m)'),
  minimum: 0,
  maximum: max,
});

const URBAN_EDITORS: Role[] = ['planner', 'admin'];
// Planners place infrastructure in plans (scenarios), not in the baseline: the baseline is the engineers'.
const NETWORK_EDITORS: Role[] = ['engineer', 'admin'];

/** One BTS sector (3GPP-style antenna parameters). */
const SECTOR_SCHEMA = {
  type: 'object',
  required: ['azimuth_deg', 'tilt_deg', 'beamwidth_deg', 'power_dbm', 'gain_dbi', 'frequency_mhz', 'bandwidth_mhz'],
  additionalProperties: false,
  properties: {
    azimuth_deg: { type: 'number', minimum: 0, exclusiveMaximum: 360 },
    tilt_deg: { type: 'number', minimum: -10, maximum: 30 },
    beamwidth_deg: { type: 'number', exclusiveMinimum: 0, maximum: 360 },
    power_dbm: { type: 'number', minimum: 0, maximum: 60 },
    gain_dbi: { type: 'number', minimum: 0, maximum: 30 },
    frequency_mhz: { type: 'number', minimum: 400, maximum: 40000 },
    bandwidth_mhz: { type: 'number', exclusiveMinimum: 0, maximum: 400 },
  },
};

export const COLLECTIONS: readonly CollectionSpec[] = [
  {
    id: 'admin_units',
    table: 'admin_units',
    group: 'urban',
    title: t('Đơn vị hành chính', 'Administrative units'),
    description: t('Thành phố, quận/huyện, phường/xã với dân số', 'City, districts and wards with population'),
    geometryType: 'MultiPolygon',
    properties: [
      { name: 'level', type: 'string', title: t('Cấp', 'Level'), enum: ['city', 'district', 'ward'], required: true },
      { name: 'code', type: 'string', title: t('Mã', 'Code'), maxLength: 20, required: true },
      { ...name(true) },
      { name: 'unit_type', type: 'string', title: t('Loại', 'Type'), maxLength: 40 },
      { name: 'parent_code', type: 'string', title: t('Mã cấp trên', 'Parent code'), maxLength: 20 },
      { name: 'area_km2', type: 'number', title: t('Diện tích (km²)', 'Area (km²)'), minimum: 0 },
      { name: 'population', type: 'integer', title: t('Dân số', 'Population'), minimum: 0 },
      { name: 'urban_population', type: 'integer', title: t('Dân số đô thị', 'Urban population'), minimum: 0 },
      { name: 'population_year', type: 'integer', title: t('Năm số liệu dân số', 'Population year'), minimum: 1900, maximum: 2100 },
    ],
    editRoles: URBAN_EDITORS,
    scenarioAware: false,
    render: 'tiles',
    tileProperties: ['level', 'code', 'name'],
    minZoom: 0,
    style: { fill: 'rgba(0,0,0,0)', stroke: '#6a3d9a' },
  },
  {
    id: 'land_use',
    table: 'land_use',
    group: 'urban',
    title: t('Sử dụng đất', 'Land use'),
    description: t('Phân vùng sử dụng đất, bao gồm mặt nước', 'Land-use zones, water included'),
    geometryType: 'MultiPolygon',
    properties: [
      {
        name: 'zone_class',
        type: 'string',
        title: t('Loại đất', 'Zone class'),
        enum: ['residential', 'commercial', 'mixed', 'industrial', 'public', 'green', 'water', 'agriculture', 'forest', 'transport', 'tourism'],
        required: true,
      },
      name(),
    ],
    editRoles: URBAN_EDITORS,
    scenarioAware: false,
    render: 'tiles',
    tileProperties: ['zone_class', 'name'],
    minZoom: 0,
    style: { fill: 'rgba(178,223,138,0.45)', stroke: '#8fbf6a' },
  },
  {
    id: 'roads',
    table: 'roads',
    group: 'urban',
    title: t('Đường giao thông', 'Roads'),
    description: t('Mạng lưới đường: trục chính và đường khu vực', 'Road network: arterials and local streets'),
    geometryType: 'LineString',
    properties: [
      name(),
      {
        name: 'road_class',
        type: 'string',
        title: t('Cấp đường', 'Road class'),
        enum: ['motorway', 'arterial', 'primary', 'secondary', 'tertiary', 'residential', 'service'],
        required: true,
      },
      { name: 'lanes', type: 'integer', title: t('Số làn', 'Lanes'), minimum: 1, maximum: 12 },
    ],
    editRoles: URBAN_EDITORS,
    scenarioAware: false,
    render: 'tiles',
    tileProperties: ['name', 'road_class', 'lanes'],
    minZoom: 10,
    style: { fill: '#ffffff', stroke: '#9a8c7a' },
  },
  {
    id: 'buildings',
    table: 'buildings',
    group: 'urban',
    title: t('Công trình', 'Buildings'),
    description: t('Nhà và công trình với chiều cao', 'Building footprints with heights'),
    geometryType: 'Polygon',
    properties: [
      heightM(500),
      { name: 'floors', type: 'integer', title: t('Số tầng', 'Floors'), minimum: 0, maximum: 150 },
      {
        name: 'use',
        type: 'string',
        title: t('Công năng', 'Use'),
        enum: ['residential', 'shophouse', 'commercial', 'office', 'hotel', 'public', 'industrial', 'education', 'health', 'religious'],
      },
    ],
    editRoles: URBAN_EDITORS,
    scenarioAware: false,
    render: 'tiles',
    tileProperties: ['height_m', 'floors', 'use'],
    minZoom: 14,
    style: { fill: 'rgba(205,190,170,0.85)', stroke: '#8c7b66' },
  },
  {
    id: 'public_spaces',
    table: 'public_spaces',
    group: 'urban',
    title: t('Không gian công cộng', 'Public spaces'),
    description: t('Công viên, bãi biển, chợ, quảng trường, điểm du lịch', 'Parks, beaches, markets, squares, tourist spots'),
    geometryType: 'Polygon',
    properties: [
      name(true),
      {
        name: 'kind',
        type: 'string',
        title: t('Loại', 'Kind'),
        enum: ['park', 'beach', 'market', 'square', 'tourist_site', 'health_centre'],
        required: true,
      },
      { name: 'wifi_wanted', type: 'boolean', title: t('Cần Wi-Fi', 'Wi-Fi wanted') },
      { name: 'cctv_wanted', type: 'boolean', title: t('Cần camera', 'Cameras wanted') },
    ],
    editRoles: URBAN_EDITORS,
    scenarioAware: false,
    render: 'features',
    tileProperties: ['name', 'kind'],
    minZoom: 0,
    style: { fill: 'rgba(51,160,44,0.35)', stroke: '#33a02c' },
  },
  {
    id: 'agencies',
    table: 'agencies',
    group: 'urban',
    title: t('Cơ quan nhà nước', 'Public agencies'),
    description: t('Cơ quan, đơn vị sử dụng mạng MAN', 'Public agencies, the MAN customers'),
    geometryType: 'Point',
    properties: [
      name(true),
      {
        name: 'kind',
        type: 'string',
        title: t('Loại', 'Kind'),
        enum: ['city', 'district', 'ward', 'department', 'police', 'health', 'education', 'utility'],
        required: true,
      },
      { name: 'ward_code', type: 'string', title: t('Mã phường/xã', 'Ward code'), maxLength: 20 },
      { name: 'man_node_id', type: 'uuid', title: t('Nút MAN kết nối', 'Connected MAN node') },
    ],
    editRoles: URBAN_EDITORS,
    scenarioAware: false,
    render: 'features',
    tileProperties: ['name', 'kind'],
    minZoom: 0,
    style: { fill: '#1f78b4', stroke: '#ffffff', radius: 5 },
  },
  {
    id: 'cameras',
    table: 'cameras',
    group: 'cctv',
    title: t('Camera giám sát', 'CCTV cameras'),
    description: t('Camera với thông số quang học, trạng thái và nút MAN', 'Cameras with optics, status and MAN node'),
    geometryType: 'Point',
    properties: [
      name(),
      {
        name: 'owner',
        type: 'string',
        title: t('Đơn vị quản lý', 'Owner'),
        enum: ['police', 'transport', 'city', 'district', 'ward', 'tourism', 'resident'],
        required: true,
      },
      {
        name: 'purpose',
        type: 'string',
        title: t('Mục đích', 'Purpose'),
        enum: ['traffic', 'security', 'tourism', 'environment', 'general'],
        required: true,
      },
      status,
      { name: 'mount_height_m', type: 'number', title: t('Độ cao lắp (m)', 'Mount height (m)'), minimum: 0.5, maximum: 100, required: true },
      { name: 'heading_deg', type: 'number', title: t('Hướng (độ)', 'Heading (°)'), minimum: 0, exclusiveMaximum: 360, required: true },
      { name: 'tilt_deg', type: 'number', title: t('Góc nghiêng xuống (độ)', 'Tilt below horizon (°)'), minimum: -30, maximum: 90, required: true },
      { name: 'sensor_width_mm', type: 'number', title: t('Bề rộng cảm biến (mm)', 'Sensor width (mm)'), exclusiveMinimum: 0, maximum: 50 },
      { name: 'focal_length_mm', type: 'number', title: t('Tiêu cự (mm)', 'Focal length (mm)'), exclusiveMinimum: 0, maximum: 1000 },
      { name: 'hfov_deg', type: 'number', title: t('Góc nhìn ngang (độ)', 'Horizontal FOV (°)'), exclusiveMinimum: 0, exclusiveMaximum: 180 },
      { name: 'resolution_h', type: 'integer', title: t('Độ phân giải ngang (px)', 'Horizontal resolution (px)'), minimum: 1, maximum: 20000, required: true },
      { name: 'resolution_v', type: 'integer', title: t('Độ phân giải dọc (px)', 'Vertical resolution (px)'), minimum: 1, maximum: 20000, required: true },
      { name: 'codec', type: 'string', title: t('Chuẩn nén', 'Codec'), enum: ['H.264', 'H.265', 'MJPEG'], required: true },
      { name: 'frame_rate', type: 'number', title: t('Tốc độ khung hình (fps)', 'Frame rate (fps)'), exclusiveMinimum: 0, maximum: 120, required: true },
      { name: 'retention_days', type: 'integer', title: t('Số ngày lưu trữ', 'Retention (days)'), minimum: 1, maximum: 3650, required: true },
      { name: 'bitrate_mbps', type: 'number', title: t('Tốc độ bit (Mbit/s)', 'Bitrate (Mbit/s)'), exclusiveMinimum: 0, maximum: 200 },
      { name: 'man_node_id', type: 'uuid', title: t('Nút MAN kết nối', 'Connected MAN node') },
    ],
    // The table's CHECK: optics need a stated field of view or a lens (sensor width and focal length).
    requireOneOf: [['hfov_deg'], ['sensor_width_mm', 'focal_length_mm']],
    editRoles: NETWORK_EDITORS,
    scenarioAware: true,
    render: 'features',
    tileProperties: ['name', 'status', 'purpose', 'heading_deg'],
    minZoom: 0,
    style: { fill: '#e31a1c', stroke: '#ffffff', radius: 4 },
  },
  {
    id: 'man_nodes',
    table: 'man_nodes',
    group: 'network',
    title: t('Nút mạng MAN', 'MAN nodes'),
    description: t('Nút lõi, tập trung, truy nhập, trung tâm dữ liệu và IOC', 'Core, aggregation, access, data centre and IOC nodes'),
    geometryType: 'Point',
    properties: [
      name(true),
      {
        name: 'kind',
        type: 'string',
        title: t('Loại nút', 'Node kind'),
        enum: ['core', 'aggregation', 'access', 'data_centre', 'ioc'],
        required: true,
      },
      status,
      { name: 'capacity_gbps', type: 'number', title: t('Dung lượng (Gbit/s)', 'Capacity (Gbit/s)'), exclusiveMinimum: 0, maximum: 100000, required: true },
      { name: 'storage_tb', type: 'number', title: t('Dung lượng lưu trữ (TB)', 'Storage (TB)'), minimum: 0, maximum: 1000000 },
    ],
    editRoles: NETWORK_EDITORS,
    scenarioAware: true,
    render: 'features',
    tileProperties: ['name', 'kind', 'status'],
    minZoom: 0,
    style: { fill: '#ff7f00', stroke: '#ffffff', radius: 6 },
  },
  {
    id: 'man_links',
    table: 'man_links',
    group: 'network',
    title: t('Tuyến cáp quang MAN', 'MAN fibre links'),
    description: t('Tuyến cáp giữa hai nút MAN', 'Fibre routes between two MAN nodes'),
    geometryType: 'LineString',
    properties: [
      { name: 'from_node_id', type: 'uuid', title: t('Từ nút', 'From node'), required: true },
      { name: 'to_node_id', type: 'uuid', title: t('Đến nút', 'To node'), required: true },
      { name: 'fibre_count', type: 'integer', title: t('Số sợi quang', 'Fibre count'), minimum: 1, maximum: 1000, required: true },
      { name: 'capacity_gbps', type: 'number', title: t('Dung lượng (Gbit/s)', 'Capacity (Gbit/s)'), exclusiveMinimum: 0, maximum: 100000, required: true },
      status,
    ],
    editRoles: NETWORK_EDITORS,
    scenarioAware: true,
    render: 'features',
    tileProperties: ['status', 'capacity_gbps'],
    minZoom: 0,
    style: { fill: '#ff7f00', stroke: '#ff7f00' },
  },
  {
    id: 'wifi_aps',
    table: 'wifi_aps',
    group: 'radio',
    title: t('Điểm phát Wi-Fi công cộng', 'Public Wi-Fi access points'),
    description: t('Điểm truy cập Wi-Fi tại không gian công cộng', 'Wi-Fi access points at public spaces'),
    geometryType: 'Point',
    properties: [
      name(),
      { name: 'bands', type: 'string', title: t('Băng tần', 'Bands'), enum: ['2.4GHz', '5GHz', '2.4+5GHz', '2.4+5+6GHz'], required: true },
      { name: 'tx_power_dbm', type: 'number', title: t('Công suất phát (dBm)', 'Transmit power (dBm)'), minimum: 0, maximum: 36, required: true },
      { name: 'antenna_gain_dbi', type: 'number', title: t('Độ lợi ăng-ten (dBi)', 'Antenna gain (dBi)'), minimum: 0, maximum: 20, required: true },
      heightM(100),
      status,
    ],
    editRoles: NETWORK_EDITORS,
    scenarioAware: true,
    render: 'features',
    tileProperties: ['name', 'status'],
    minZoom: 0,
    style: { fill: '#6a3d9a', stroke: '#ffffff', radius: 4 },
  },
  {
    id: 'bts_sites',
    table: 'bts_sites',
    group: 'radio',
    title: t('Trạm BTS 4G/5G', '4G/5G base stations'),
    description: t('Trạm gốc của nhà mạng và các sector', 'Operator base stations and their sectors'),
    geometryType: 'Point',
    properties: [
      name(),
      { name: 'operator', type: 'string', title: t('Nhà mạng', 'Operator'), enum: ['MobiFone', 'VinaPhone', 'Viettel', 'Vietnamobile'], required: true },
      { name: 'technology', type: 'string', title: t('Công nghệ', 'Technology'), enum: ['4G', '5G'], required: true },
      { name: 'site_type', type: 'string', title: t('Loại trạm', 'Site type'), enum: ['macro', 'small', 'compact'], required: true },
      heightM(300),
      status,
      { name: 'sectors', type: 'array', title: t('Các sector', 'Sectors'), items: SECTOR_SCHEMA },
    ],
    editRoles: NETWORK_EDITORS,
    scenarioAware: true,
    render: 'features',
    tileProperties: ['operator', 'technology', 'status'],
    minZoom: 0,
    style: { fill: '#b15928', stroke: '#ffffff', radius: 5 },
  },
  {
    id: 'iot_gateways',
    table: 'iot_gateways',
    group: 'radio',
    title: t('Cổng IoT', 'IoT gateways'),
    description: t('Cổng LoRaWAN / NB-IoT', 'LoRaWAN / NB-IoT gateways'),
    geometryType: 'Point',
    properties: [
      name(),
      { name: 'technology', type: 'string', title: t('Công nghệ', 'Technology'), enum: ['LoRaWAN', 'NB-IoT'], required: true },
      heightM(300),
      status,
    ],
    editRoles: NETWORK_EDITORS,
    scenarioAware: true,
    render: 'features',
    tileProperties: ['name', 'technology', 'status'],
    minZoom: 0,
    style: { fill: '#01665e', stroke: '#ffffff', radius: 6 },
  },
  {
    id: 'sensors',
    table: 'sensors',
    group: 'radio',
    title: t('Cảm biến IoT', 'IoT sensors'),
    description: t('Cảm biến môi trường, mực nước, chiếu sáng…', 'Environment, water-level, lighting sensors…'),
    geometryType: 'Point',
    properties: [
      name(),
      {
        name: 'kind',
        type: 'string',
        title: t('Loại cảm biến', 'Sensor kind'),
        enum: ['air_quality', 'water_level', 'noise', 'public_lighting', 'weather', 'traffic_counter'],
        required: true,
      },
      { name: 'gateway_id', type: 'uuid', title: t('Cổng IoT', 'Gateway') },
      status,
    ],
    editRoles: NETWORK_EDITORS,
    scenarioAware: true,
    render: 'features',
    tileProperties: ['kind', 'status'],
    minZoom: 0,
    style: { fill: '#35978f', stroke: '#ffffff', radius: 3 },
  },
];

const byId = new Map(COLLECTIONS.map((c) => [c.id, c]));

/** The registry entry for an id, or undefined: callers turn that into a 404. */
export function findCollection(id: string): CollectionSpec | undefined {
  return byId.get(id);
}

/** Columns every layer table has, managed by the database (not writable by clients). */
export const SYSTEM_COLUMNS = ['id', 'version', 'created_at', 'updated_at', 'updated_by'] as const;
