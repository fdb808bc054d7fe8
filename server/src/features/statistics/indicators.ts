/**
 * The indicator registry: every figure the thematic maps and the dashboard show, per administrative unit.
 *
 * Adding an indicator = one entry here + its SQL file in `sql/indicators/<id>.sql`. The SQL is a SELECT over
 * `units u` (the units of the requested level: code, geom, area_km2 on the spheroid, population) returning one row
 * per unit with `code`, `value`, `numerator` and `denominator`; `{{plan:<table>}}` reads a plan-aware layer as
 * the requested plan (or the baseline) has it, and `:scenario` is the bound plan id (NULL for the baseline).
 *
 * Figures that an analysis stores in a results table (the CCTV coverage per ward, say) are entries that name the
 * table in `requiresTable`: they are offered only once the table holds results, so nothing is shown that was not
 * computed.
 */
import type { Bilingual } from '../collections/registry.js';

export type AdminLevel = 'city' | 'district' | 'ward';
/** Administrative levels from the largest to the smallest (the 2025 reform removed districts: data may lack one). */
export const ADMIN_LEVELS: readonly AdminLevel[] = ['city', 'district', 'ward'];

export type IndicatorTheme = 'population' | 'cctv' | 'iot' | 'radio' | 'network';

export interface IndicatorSpec {
  id: string;
  theme: IndicatorTheme;
  title: Bilingual;
  /** What the figure is, how it is computed and from which layers and fields (shown in the UI and the docs). */
  definition: Bilingual;
  unit: Bilingual;
  /** Digits after the decimal point when shown. */
  decimals: number;
  /** Levels the figure exists at. */
  levels: readonly AdminLevel[];
  /** For the dashboard's change arrows: whether a rise is good news. */
  higherIsBetter: boolean | null;
  /** SQL file name under sql/indicators/, without `.sql`. */
  sqlFile: string;
  /** A results table the figure reads; the indicator is offered only once the table holds rows. */
  requiresTable?: string;
}

const t = (vi: string, en: string): Bilingual => ({ vi, en });
const ALL_LEVELS = ADMIN_LEVELS;
const PER_KM2 = (vi: string, en: string) => t(`${vi}/km²`, `${en}/km²`);
// What every count below includes: assets in the ground or planned, not those retired.
const COUNTED = t(
  'tính các thiết bị đang hoạt động, hỏng và dự kiến (không tính đã loại bỏ)',
  'counting existing, faulty and planned assets (not decommissioned ones)',
);
const AREA = t('diện tích tính trên elipxoit từ ranh giới', 'area on the spheroid from the boundary');

function perArea(id: string, theme: IndicatorTheme, layer: Bilingual, unitName: Bilingual): IndicatorSpec {
  return {
    id: `${id}_per_km2`,
    theme,
    title: t(`Mật độ ${layer.vi}`, `${layer.en} per km²`),
    definition: t(`Số ${layer.vi} trong đơn vị chia cho diện tích (km²); ${COUNTED.vi}; ${AREA.vi}.`,
      `Number of ${layer.en.toLowerCase()} inside the unit divided by its area (km²); ${COUNTED.en}; ${AREA.en}.`),
    unit: PER_KM2(unitName.vi, unitName.en),
    decimals: 2,
    levels: ALL_LEVELS,
    higherIsBetter: true,
    sqlFile: `${id}_per_km2`,
  };
}

export const INDICATORS: readonly IndicatorSpec[] = [
  {
    id: 'population',
    theme: 'population',
    title: t('Dân số', 'Population'),
    definition: t('Dân số của đơn vị (Tổng điều tra dân số 2019, trường population của admin_units).',
      'Residents of the unit (2019 census, the population field of admin_units).'),
    unit: t('người', 'people'),
    decimals: 0,
    levels: ALL_LEVELS,
    higherIsBetter: null,
    sqlFile: 'population',
  },
  {
    id: 'population_density',
    theme: 'population',
    title: t('Mật độ dân số', 'Population density'),
    definition: t(`Dân số chia cho diện tích (km²); ${AREA.vi}.`, `Population divided by the area (km²); ${AREA.en}.`),
    unit: PER_KM2('người', 'people'),
    decimals: 0,
    levels: ALL_LEVELS,
    higherIsBetter: null,
    sqlFile: 'population_density',
  },
  {
    id: 'cameras',
    theme: 'cctv',
    title: t('Số camera', 'Cameras'),
    definition: t(`Số camera trong đơn vị; ${COUNTED.vi}.`, `Number of cameras inside the unit; ${COUNTED.en}.`),
    unit: t('camera', 'cameras'),
    decimals: 0,
    levels: ALL_LEVELS,
    higherIsBetter: true,
    sqlFile: 'cameras',
  },
  perArea('cameras', 'cctv', t('camera', 'Cameras'), t('camera', 'cameras')),
  {
    id: 'cameras_per_10k_people',
    theme: 'cctv',
    title: t('Camera trên 10.000 dân', 'Cameras per 10,000 people'),
    definition: t(`Số camera chia cho dân số, nhân 10.000; ${COUNTED.vi}.`,
      `Number of cameras divided by the population, times 10,000; ${COUNTED.en}.`),
    unit: t('camera/10.000 dân', 'cameras/10,000 people'),
    decimals: 1,
    levels: ALL_LEVELS,
    higherIsBetter: true,
    sqlFile: 'cameras_per_10k_people',
  },
  {
    id: 'cameras_out_of_service_pct',
    theme: 'cctv',
    title: t('Camera hỏng (%)', 'Cameras out of service (%)'),
    definition: t('Số camera hỏng (faulty) chia cho số camera đã lắp đặt (đang hoạt động và hỏng), tính theo %.',
      'Faulty cameras as a share of installed cameras (existing and faulty), in %.'),
    unit: t('%', '%'),
    decimals: 1,
    levels: ALL_LEVELS,
    higherIsBetter: false,
    sqlFile: 'cameras_out_of_service_pct',
  },
  {
    id: 'sensors',
    theme: 'iot',
    title: t('Số cảm biến IoT', 'IoT sensors'),
    definition: t(`Số cảm biến IoT trong đơn vị; ${COUNTED.vi}.`, `Number of IoT sensors inside the unit; ${COUNTED.en}.`),
    unit: t('cảm biến', 'sensors'),
    decimals: 0,
    levels: ALL_LEVELS,
    higherIsBetter: true,
    sqlFile: 'sensors',
  },
  perArea('sensors', 'iot', t('cảm biến IoT', 'IoT sensors'), t('cảm biến', 'sensors')),
  perArea('wifi_aps', 'radio', t('điểm phát Wi-Fi', 'Wi-Fi access points'), t('điểm phát', 'APs')),
  perArea('bts_sites', 'radio', t('trạm BTS', 'BTS sites'), t('trạm', 'sites')),
  {
    id: 'agencies',
    theme: 'network',
    title: t('Số cơ quan', 'Public agencies'),
    definition: t('Số cơ quan nhà nước có trụ sở trong đơn vị (lớp agencies).', 'Number of public agencies located in the unit (the agencies layer).'),
    unit: t('cơ quan', 'agencies'),
    decimals: 0,
    levels: ALL_LEVELS,
    higherIsBetter: null,
    sqlFile: 'agencies',
  },
  {
    id: 'agencies_on_man_pct',
    theme: 'network',
    title: t('Cơ quan kết nối mạng MAN (%)', 'Agencies on the MAN (%)'),
    definition: t('Tỷ lệ cơ quan gắn với một nút mạng MAN chưa bị loại bỏ (trường man_node_id), tính theo %; trong một phương án, theo nút mạng của phương án đó.',
      'Share of agencies linked to a MAN node that is not decommissioned (the man_node_id field), in %; in a plan, as the plan has the nodes.'),
    unit: t('%', '%'),
    decimals: 1,
    levels: ALL_LEVELS,
    higherIsBetter: true,
    sqlFile: 'agencies_on_man_pct',
  },
  coverageShare('road_recognition_pct', t('Đường được nhận dạng (%)', 'Road length at Recognition (%)'),
    t('Tỉ lệ chiều dài đường trong phường được ít nhất một camera thấy ở mức Nhận dạng (125 px/m, IEC 62676-4) trở lên',
      'Share of the ward\'s road length seen by at least one camera at Recognition (125 px/m, IEC 62676-4) or better')),
  coverageShare('road_observation_pct', t('Đường được quan sát (%)', 'Road length at Observation (%)'),
    t('Tỉ lệ chiều dài đường trong phường được ít nhất một camera thấy ở mức Quan sát (62,5 px/m, IEC 62676-4) trở lên',
      'Share of the ward\'s road length seen by at least one camera at Observation (62.5 px/m, IEC 62676-4) or better')),
];

/** The registry entry of an indicator id, or undefined. */
export function findIndicator(id: string, registry: readonly IndicatorSpec[] = INDICATORS): IndicatorSpec | undefined {
  return registry.find((i) => i.id === id);
}

/**
 * A road-coverage share per ward from the CCTV city-coverage analysis (table cctv_coverage_ward_figures): the
 * newest run on the requested plan, or on the baseline. Offered once a coverage run has stored its figures.
 */
function coverageShare(id: string, title: Bilingual, what: Bilingual): IndicatorSpec {
  return {
    id,
    theme: 'cctv',
    title,
    definition: t(`${what.vi}, từ lần chạy phân tích độ phủ camera gần nhất (tab Phân tích CCTV) trên hiện trạng hoặc phương án.`,
      `${what.en}, from the newest CCTV city-coverage run (CCTV analysis tab) on the baseline or the plan.`),
    unit: t('%', '%'),
    decimals: 1,
    levels: ['ward'],
    higherIsBetter: true,
    sqlFile: id,
    requiresTable: 'cctv_coverage_ward_figures',
  };
}
