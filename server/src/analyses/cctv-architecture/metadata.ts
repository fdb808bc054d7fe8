/** Process description of the architecture view (tiers from the cameras to the data centre). */
import type { ProcessDescription } from '../process.js';
import { NETWORK_INPUTS } from '../stream-load/metadata.js';

export const architectureDescription: ProcessDescription = {
  id: 'cctv-architecture',
  title: 'CCTV architecture: tiers from the cameras to the data centre',
  description:
    'The camera system as tiers: cameras grouped by ward and owner, access nodes, aggregation nodes, core nodes and the data '
    + 'centre (or IOC), with cameras, Mbit/s and TB at each tier, from each stream\'s route to the data centre.',
  version: '1.0.0',
  jobControlOptions: ['sync-execute', 'async-execute'],
  inputs: NETWORK_INPUTS,
  outputs: {
    tiers: { title: 'Tiers', description: 'Per tier (cameras, access, aggregation, core, data_centre): distinct elements, cameras, Mbit/s, TB.', schema: { type: 'array' } },
    tree: { title: 'Tier tree', description: 'Data centre → core → aggregation → access → ward × owner groups, each with cameras, Mbit/s, TB and, for MAN nodes, utilisation.', schema: { type: 'array' } },
    groups: { title: 'Camera groups', description: 'Cameras, Mbit/s and TB per ward and owner.', schema: { type: 'array' } },
    totals: { title: 'Totals', description: 'Routed cameras, Mbit/s, TB; cameras left out (unrouted) and private ones.', schema: { type: 'object' } },
    problems: { title: 'Problem cameras', description: 'Cameras left out, with reason and message.', schema: { type: 'array' } },
    networkProblems: { title: 'Network problems', description: 'Links and nodes that carry no traffic, and why.', schema: { type: 'array' } },
  },
};
