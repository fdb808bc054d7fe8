/**
 * End-to-end hooks of the CCTV panel, as `window.__cctv` (installed like `window.__app`: outside production builds
 * or with `?test` in the URL). Each part of the panel registers the getters it owns.
 *
 *   __cctv.zones()          the camera zones drawn, GeoJSON in lon/lat (null when none)
 *   __cctv.handle()         lon/lat of the heading handle (null when no camera is shown)
 *   __cctv.requests()       camera-view answers received so far
 *   __cctv.blindSpots()     blind-spot features drawn
 *   __cctv.suggestions()    suggestions drawn
 */
import { testHooksEnabled } from './test-hooks';

export interface CctvTestHooks {
  zones?: () => unknown;
  handle?: () => [number, number] | null;
  requests?: () => number;
  blindSpots?: () => number;
  suggestions?: () => number;
}

declare global {
  interface Window {
    __cctv?: CctvTestHooks;
  }
}

/** Adds getters to `window.__cctv` when test hooks are enabled. */
export function installCctvTestHooks(hooks: CctvTestHooks): void {
  if (!testHooksEnabled()) return;
  window.__cctv = { ...(window.__cctv ?? {}), ...hooks };
}
