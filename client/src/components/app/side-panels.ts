/**
 * The tabs of the side panel, as data: a feature adds its panel here (one entry) rather than editing MapApp.
 * `visible` hides a tab from roles that cannot use it; the server refuses what the role may not do anyway.
 */
import { defineAsyncComponent, type Component } from 'vue';
import LayerPanel from '../layers/LayerPanel.vue';
import type { Role } from '../../api/session';

export interface SidePanel {
  id: string;
  /** i18n key of the tab's title. */
  titleKey: string;
  component: Component;
  /** Shown to these roles only (anonymous open-data visitors have no role); every role when absent. */
  roles?: readonly Role[];
}

export const SIDE_PANELS: readonly SidePanel[] = [
  { id: 'layers', titleKey: 'layers.tab', component: LayerPanel },
  { id: 'cctv', titleKey: 'cctv.tab', component: defineAsyncComponent(() => import('../cctv/CctvPanel.vue')), roles: ['viewer', 'planner', 'engineer', 'admin'] },
];

/** The panels a user of `role` sees, in order. */
export function panelsFor(role: Role | undefined): SidePanel[] {
  return SIDE_PANELS.filter((p) => !p.roles || (role !== undefined && p.roles.includes(role)));
}
