/** Worker thread of the CCTV benchmark: indexes the footprints it is sent and computes its share of cameras. */
import { parentPort, workerData } from 'node:worker_threads';
import { indexBuildings, type PackedBuildings } from '../server/src/analyses/camera-view/buildings.js';
import type { CameraInput } from '../server/src/analyses/camera-view/index.js';
import { zonesOf } from './cctv-zones.js';

const { cameras, offset, buildings } = workerData as { cameras: CameraInput[]; offset: number; buildings: PackedBuildings };
const set = indexBuildings(buildings);
parentPort!.postMessage(cameras.map((c, k) => zonesOf(c, offset + k, set)));
