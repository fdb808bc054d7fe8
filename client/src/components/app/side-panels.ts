/**
 * The tabs of the side panel, as data: a feature adds its panel here (one entry) rather than editing MapApp.
 * `visible` hides a tab from roles that cannot use it; the server refuses what the role may not do anyway.
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

export const SIDE_PANELS: readonly SidePanel[] = [
  { id: 'layers', titleKey: 'layers.tab', component: LayerPanel },
  // Figures summarise every layer: signed-in users only (anonymous open-data visitors see only published layers).
  { id: 'thematic', titleKey: 'thematic.tab', component: defineAsyncComponent(() => import('../thematic/ThematicPanel.vue')), roles: ['viewer', 'planner', 'engineer', 'admin'] },
  {
    id: 'architecture', titleKey: 'cctvArchitecture.tab', roles: ['viewer', 'planner', 'engineer', 'admin'],
    component: defineAsyncComponent(() => import('../architecture/ArchitecturePanel.vue')),
  },
  // Plans are read by every signed-in role (managers follow them); anonymous visitors cannot read them.
  { id: 'plans', titleKey: 'plans.tab', component: PlansPanel, roles: ['viewer', 'planner', 'engineer', 'admin'] },
  // Import and export: every signed-in user exports; the panel shows import only to roles that edit a layer.
  { id: 'data', titleKey: 'dataExchange.tab', component: DataPanel, roles: ['viewer', 'planner', 'engineer', 'admin'] },
];

/** The panels a user of `role` sees, in order. */
export function panelsFor(role: Role | undefined): SidePanel[] {
  return SIDE_PANELS.filter((p) => !p.roles || (role !== undefined && p.roles.includes(role)));
}
