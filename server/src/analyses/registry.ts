/**
 * The analyses the server offers at /ogc/processes, as one table (the way pygeoapi lists its process plugins).
 * Adding an analysis is one module under server/src/analyses/<name>/ and one entry here.
 */
import type { AnalysisProcess } from './process.js';
import { cameraViewProcess } from './camera-view/process.js';
import { cityCoverageProcess } from './city-coverage/process.js';
import { cameraPlacementProcess } from './camera-placement/process.js';
import { streamLoadProcess } from './stream-load/process.js';
import { architectureProcess } from './cctv-architecture/process.js';

export const ANALYSES: readonly AnalysisProcess[] = [
  cameraViewProcess,
  cityCoverageProcess,
  cameraPlacementProcess,
  streamLoadProcess,
  architectureProcess,
];
