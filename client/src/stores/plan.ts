/**
 * The plan (scenario) the map shows and edits go into: null is the baseline. Every feature that reads or writes
 * infrastructure passes `activePlanId` as `?scenario=` to the server.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';

export const usePlanStore = defineStore('plan', () => {
  const activePlanId = ref<string | null>(null);
  /** The active plan's name, for the map's banner and dialogs. */
  const activePlanName = ref<string | null>(null);

  /** Shows and edits a plan, or the baseline with null. */
  function setActivePlan(id: string | null, name: string | null = null): void {
    activePlanId.value = id;
    activePlanName.value = id ? name : null;
  }

  return { activePlanId, activePlanName, setActivePlan };
});
