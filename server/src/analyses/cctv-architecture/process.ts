/** The architecture view as a process: reads the network and the cameras with their wards and builds the tiers. */
import type { AnalysisProcess } from '../process.js';
import { throwIfCancelled } from '../process.js';
import { loadNetwork, optionsFrom, scenarioOf } from '../stream-load/input.js';
import { refuseWithoutDataCentre } from '../stream-load/process.js';
import { architectureTiers } from './index.js';
import { architectureDescription } from './metadata.js';

export const architectureProcess: AnalysisProcess = {
  description: architectureDescription,
  async execute(inputs, { db, progress, signal }) {
    const options = optionsFrom(inputs);
    const scenario = await scenarioOf(db, inputs);
    progress(0.1, 'reading the network, the cameras and their wards');
    const network = await loadNetwork(db, scenario, options, true);
    throwIfCancelled(signal);
    progress(0.7, 'building the tiers');
    const result = architectureTiers(network, options);
    refuseWithoutDataCentre(result.networkProblems);
    return { ...result };
  },
};
