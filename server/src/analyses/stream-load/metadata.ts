/** Process description of the stream-load analysis (OGC API – Processes), and the inputs it shares with the architecture view. */
import type { InputDescription, ProcessDescription } from '../process.js';
import { CODECS, DEFAULT_BITS_PER_PIXEL, DEFAULT_STORAGE_OVERHEAD_PERCENT } from './bitrate.js';
import { DEFAULT_STATUSES } from './streams.js';

const STATUSES = { type: 'array', items: { enum: ['existing', 'planned', 'faulty', 'decommissioned'] }, uniqueItems: true, maxItems: 4 };

/** Inputs of both stream-load and cctv-architecture. */
export const NETWORK_INPUTS: Record<string, InputDescription> = {
  scenario: {
    title: 'Plan',
    description: 'Id of a plan (scenario): the analysis runs on the baseline as the plan changes it. Leave out for the baseline.',
    schema: { type: 'string', format: 'uuid' },
    minOccurs: 0,
  },
  cameraStatuses: {
    title: 'Camera statuses',
    description: `Cameras of these statuses send a stream. Default ${DEFAULT_STATUSES.join(', ')}: the system as designed, faulty cameras counted as repaired.`,
    schema: { ...STATUSES, default: [...DEFAULT_STATUSES] },
    minOccurs: 0,
  },
  networkStatuses: {
    title: 'Network statuses',
    description: `MAN nodes and links of these statuses carry traffic. Default ${DEFAULT_STATUSES.join(', ')}; leave faulty out to see today's network as it runs.`,
    schema: { ...STATUSES, default: [...DEFAULT_STATUSES] },
    minOccurs: 0,
  },
  routeBy: {
    title: 'Route by',
    description: 'Shortest path by fibre length (metres, the default) or by number of links (hops).',
    schema: { enum: ['length', 'hops'], default: 'length' },
    minOccurs: 0,
  },
  warnAtPercent: {
    title: 'Near capacity from (%)',
    description: 'Links, nodes and storage at or above this utilisation are flagged near capacity; above 100 % overloaded.',
    schema: { type: 'number', minimum: 1, maximum: 100, default: 80 },
    minOccurs: 0,
  },
  storageOverheadPercent: {
    title: 'Storage overhead (%)',
    description: 'Raw disk added to the recorded video: RAID 6 (8 + 2) and file system / index reserve by default.',
    schema: { type: 'number', minimum: 0, maximum: 300, default: DEFAULT_STORAGE_OVERHEAD_PERCENT },
    minOccurs: 0,
  },
  bitsPerPixel: {
    title: 'Bits per pixel per frame',
    description: 'The bitrate table for cameras without their own bitrate_mbps, by codec; missing codecs keep their default.',
    schema: {
      type: 'object', additionalProperties: false,
      properties: Object.fromEntries(CODECS.map((c) => [c, { type: 'number', exclusiveMinimum: 0, maximum: 24, default: DEFAULT_BITS_PER_PIXEL[c] }])),
    },
    minOccurs: 0,
  },
  storageCapacityTb: {
    title: 'Storage capacity (TB)',
    description: 'Storage of the data centre in TB; by default the storage_tb of the data-centre nodes.',
    schema: { type: 'number', exclusiveMinimum: 0, maximum: 1e7 },
    minOccurs: 0,
  },
};

const featureCollection = { type: 'object', required: ['type', 'features'], properties: { type: { const: 'FeatureCollection' }, features: { type: 'array' } } };

export const streamLoadDescription: ProcessDescription = {
  id: 'stream-load',
  title: 'Camera stream load on the MAN and the data centre',
  description:
    'Routes each camera\'s video stream from its MAN node to the data centre over the shortest path, sums the load on every '
    + 'link and node against its capacity, and the recordings\' storage against the data centre\'s. Cameras that cannot be '
    + 'routed are listed with the reason; the rest of the city is still computed.',
  version: '1.0.0',
  jobControlOptions: ['sync-execute', 'async-execute'],
  inputs: NETWORK_INPUTS,
  outputs: {
    links: { title: 'Link loads', description: 'MAN links (GeoJSON) with load_mbps, utilisation_pct, level (ok, near, over, out_of_service) and cameras.', schema: featureCollection },
    nodes: { title: 'Node loads', description: 'MAN nodes (GeoJSON) with load_mbps, utilisation_pct, level (ok, near, over, unreachable, out_of_service).', schema: featureCollection },
    totals: { title: 'Totals', description: 'Cameras, Mbit/s, storage in TB against capacity, counts of overloaded links and nodes, per data centre.', schema: { type: 'object' } },
    problems: { title: 'Problem cameras', description: 'Cameras left out, each with a reason and a message saying what to fix.', schema: { type: 'array' } },
    networkProblems: { title: 'Network problems', description: 'Links and nodes that carry no traffic, and why.', schema: { type: 'array' } },
  },
};
