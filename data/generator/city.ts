import type { FeatureCollection } from 'geojson';
import { adminUnitFeatures, buildAdminMap } from './admin.js';
import { agencyFeatures, buildAgencies } from './agencies.js';
import { buildBuildings, buildingFeatures } from './buildings.js';
import { buildCameras, cameraFeatures } from './cameras.js';
import { buildIot } from './iot.js';
import { buildLandUse, landUseFeatures } from './landuse.js';
import { buildMan, manLinkFeatures, manNodeFeatures } from './man.js';
import { collection } from './output.js';
import { buildPublicSpaces, publicSpaceFeatures } from './public-spaces.js';
import { btsFeatures, wifiFeatures } from './radio.js';
import { Rng } from './random.js';
import { buildRoads, roadFeatures } from './roads.js';
import { readFacts } from './source.js';

/**
 * The deterministic sample city: one FeatureCollection per collection of the registry, built from the facts
 * in data/source. Same seed and scale ⇒ byte-identical output. Every collection draws from its own random
 * stream (seed/collection), so the collections do not shift each other.
 */

export const DEFAULT_SEED = 'danang-2019';

export type Scale = 'small' | 'full';

export interface ScaleProfile {
  buildings: number;
  cameras: number;
  /** Share of the cameras that residents own. */
  residentCameraShare: number;
  sensors: number;
  /** Multiplier of Wi-Fi APs per public space. */
  wifiFactor: number;
}

export const SCALES: Readonly<Record<Scale, ScaleProfile>> = {
  small: { buildings: 52_000, cameras: 3_200, residentCameraShare: 0.35, sensors: 400, wifiFactor: 1 },
  full: { buildings: 320_000, cameras: 32_000, residentCameraShare: 0.6, sensors: 4_000, wifiFactor: 2 },
};

export interface GenerateOptions {
  scale?: Scale;
  seed?: string;
  /** Called after each step with its name and duration (ms), for the CLI's timing report. */
  onStep?: (step: string, ms: number) => void;
}

/** Builds every collection, in the order the data depend on each other. */
export function generateCity(options: GenerateOptions = {}): Record<string, FeatureCollection> {
  const profile = SCALES[options.scale ?? 'small'];
  const root = new Rng(options.seed ?? DEFAULT_SEED);
  const step = <T>(name: string, run: () => T): T => {
    const t0 = performance.now();
    const result = run();
    options.onStep?.(name, performance.now() - t0);
    return result;
  };
  const facts = step('facts', () => readFacts());
  const admin = step('admin', () => buildAdminMap(facts, root.fork('admin')));
  const land = step('land_use', () => buildLandUse(admin, root.fork('land_use')));
  const net = step('roads', () => buildRoads(admin, land, root.fork('roads')));
  const spaces = step('public_spaces', () => buildPublicSpaces(admin, land, root.fork('public_spaces')));
  for (const s of spaces) net.corridors.fillPolygon([s.polygon], 2);
  const buildings = step('buildings', () => buildBuildings(admin, land, net, profile.buildings, root.fork('buildings')));
  const agencies = step('agencies', () => buildAgencies(admin, land, net, root.fork('agencies')));
  const man = step('man', () => buildMan(admin, land, agencies, root.fork('man')));
  const cameras = step('cameras', () =>
    buildCameras(net, spaces, buildings, { total: profile.cameras, residentShare: profile.residentCameraShare }, root.fork('cameras')));
  const iot = step('iot', () => buildIot(admin, land, net, profile.sensors, root.fork('sensors')));
  return step('features', () => ({
    admin_units: collection(adminUnitFeatures(admin, root.fork('admin_units'))),
    land_use: collection(landUseFeatures(land, root.fork('land_use_ids'))),
    roads: collection(roadFeatures(net, root.fork('road_ids'))),
    buildings: collection(buildingFeatures(buildings, root.fork('building_ids'))),
    public_spaces: collection(publicSpaceFeatures(spaces, root.fork('public_space_ids'))),
    agencies: collection(agencyFeatures(agencies)),
    man_nodes: collection(manNodeFeatures(man)),
    man_links: collection(manLinkFeatures(man)),
    cameras: collection(cameraFeatures(cameras, man, root.fork('camera_attributes'))),
    wifi_aps: collection(wifiFeatures(spaces, profile.wifiFactor, root.fork('wifi_aps'))),
    bts_sites: collection(btsFeatures(admin, land, root.fork('bts_sites'))),
    iot_gateways: collection(iot.features.gateways),
    sensors: collection(iot.features.sensors),
  }));
}
