/** The stream-load analysis as a process: reads the network of the baseline or a plan and runs streamLoad. */
import type { AnalysisProcess } from '../process.js';
import { throwIfCancelled } from '../process.js';
import { invalidInput } from '../../lib/errors.js';
import { streamLoad } from './index.js';
import { loadNetwork, optionsFrom, scenarioOf } from './input.js';
import { streamLoadDescription } from './metadata.js';
import type { NetworkProblem } from './routing.js';

/** A network without any data centre in service gives nothing to compute: said once, instead of per camera. */
export function refuseWithoutDataCentre(problems: readonly NetworkProblem[]): void {
  if (problems.some((p) => p.reason === 'no_data_centre')) {
    throw invalidInput('The network has no data centre (or IOC) node of the analysed statuses: add one, or include its status in networkStatuses.',
      [{ field: 'inputs.networkStatuses', message: 'no data centre in service' }]);
  }
}

export const streamLoadProcess: AnalysisProcess = {
  description: streamLoadDescription,
  async execute(inputs, { db, progress, signal }) {
    const options = optionsFrom(inputs);
    const scenario = await scenarioOf(db, inputs);
    progress(0.1, 'reading the network and the cameras');
    const network = await loadNetwork(db, scenario, options, false);
    throwIfCancelled(signal);
    progress(0.7, 'routing the streams');
    const result = streamLoad(network, options);
    refuseWithoutDataCentre(result.networkProblems);
    return { ...result };
  },
};
