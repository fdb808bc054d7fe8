/**
 * The camera model placement suggests: a 4 MP bullet camera (2560 × 1440) with a 1/2.8" sensor (5.37 mm wide)
 * behind an 8 mm lens (HFOV 37°), 6 m up, unless the request gives another. The tilt, when not given, aims the
 * optical axis at the ground 60 % of the way to the end of the Recognition zone, so that the lower image edge
 * leaves little of that zone in the blind spot under the camera.
 */
import { opticsSummary, type CameraOptics } from '../camera-optics/index.js';
import { OPTICS_PROPERTIES } from '../camera-optics/inputs.js';
import { TARGET_LEVEL } from '../city-coverage/index.js';

export interface CameraTemplate {
  optics: CameraOptics;
  owner: string;
  /** Attributes of the camera feature a suggestion carries (the cameras collection's names). */
  properties: Record<string, unknown>;
}

export const DEFAULT_TEMPLATE = {
  owner: 'city',
  purpose: 'security',
  status: 'planned',
  mount_height_m: 6,
  sensor_width_mm: 5.37,
  focal_length_mm: 8,
  resolution_h: 2560,
  resolution_v: 1440,
  codec: 'H.265',
  frame_rate: 25,
  retention_days: 30,
} as const;

export const CAMERA_TEMPLATE_SCHEMA = {
  type: 'object',
  properties: {
    ...Object.fromEntries(OPTICS_PROPERTIES.filter((p) => p !== 'heading_deg').map((p) => [p, { type: ['number', 'null'] }])),
    owner: { enum: ['police', 'transport', 'city', 'district', 'ward', 'tourism', 'resident'] },
    purpose: { enum: ['traffic', 'security', 'tourism', 'environment', 'general'] },
    codec: { enum: ['H.264', 'H.265', 'MJPEG'] },
    frame_rate: { type: 'number', exclusiveMinimum: 0, maximum: 120 },
    retention_days: { type: 'integer', minimum: 1, maximum: 3650 },
    man_node_id: { type: ['string', 'null'], format: 'uuid' },
  },
  additionalProperties: false,
};

/** Share of the Recognition reach at which the optical axis meets the ground. */
const AIM_SHARE = 0.6;

/** Tilt (° below the horizon) aiming the camera at 60 % of its Recognition reach; 45° when it never reaches. */
export function autoTilt(optics: CameraOptics): number {
  const reach = opticsSummary({ ...optics, tiltDeg: 45 }).levelReachM[TARGET_LEVEL] ?? 0;
  if (reach <= 0) return 45;
  return (Math.atan(optics.mountHeightM / (AIM_SHARE * reach)) * 180) / Math.PI;
}
