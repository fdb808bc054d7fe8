/**
 * The tabs of the side panel, as data: a feature adds its panel here (one entry) rather than editing MapApp.
 * `roles` hides a tab from roles that cannot use it; the server refuses what the role may not do anyway.
 */
import { defineAsyncComponent, type Component } from 'vue';
import LayerPanel from '../layers/LayerPanel.vue';
import PlansPanel from '../plans/PlansPanel.vue';
import DataPanel from '../data-exchange/DataPanel.vue';
import type { Role } from '../../api/session';

export interface SidePanel {
  id: string;
  /** i18n key of the tab's title. */
  titleKey: string;
  component: Component;
  /** Shown to these roles only (anonymous open-data visitors have no role); every role when absent. */
  roles?: readonly Role[];
}

// Every tab but the layers is for signed-in users: anonymous open-data visitors see only the published layers.
const SIGNED_IN: readonly Role[] = ['viewer', 'planner', 'engineer', 'admin'];

/** In the order of the work: the map, plans, the CCTV analyses, the thematic maps for managers, data in and out. */
export const SIDE_PANELS: readonly SidePanel[] = [
  { id: 'layers', titleKey: 'layers.tab', component: LayerPanel },
  // Plans are read by every signed-in role (managers follow them).
  { id: 'plans', titleKey: 'plans.tab', component: PlansPanel, roles: SIGNED_IN },
  { id: 'cctv', titleKey: 'cctv.tab', component: defineAsyncComponent(() => import('../cctv/CctvPanel.vue')), roles: SIGNED_IN },
  { id: 'architecture', titleKey: 'cctvArchitecture.tab', component: defineAsyncComponent(() => import('../architecture/ArchitecturePanel.vue')), roles: SIGNED_IN },
  // Figures summarise every layer.
  { id: 'thematic', titleKey: 'thematic.tab', component: defineAsyncComponent(() => import('../thematic/ThematicPanel.vue')), roles: SIGNED_IN },
  // Every signed-in user exports; the panel shows import only to roles that edit a layer.
  { id: 'data', titleKey: 'dataExchange.tab', component: DataPanel, roles: SIGNED_IN },
];

/** The panels a user of `role` sees, in order. */
export function panelsFor(role: Role | undefined): SidePanel[] {
  return SIDE_PANELS.filter((p) => !p.roles || (role !== undefined && p.roles.includes(role)));
}
