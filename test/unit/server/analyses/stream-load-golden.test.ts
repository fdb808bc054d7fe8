/**
 * Golden fixtures (DESIGN.md section 7): test/fixtures/analysis/stream-load/in/<case>.geojson holds MAN nodes,
 * links and cameras (`properties.layer` says which) with the options in the collection's `properties`;
 * out/<case>.geojson holds the loaded links and nodes, with totals and problems in its `properties`.
 * UPDATE_GOLDEN=1 rewrites the outputs (then read the diff before committing it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection } from 'geojson';
import { DEFAULT_OPTIONS, streamLoad, type StreamLoadInput, type StreamLoadOptions } from '../../../../server/src/analyses/stream-load/index.js';
import type { CameraRecord } from '../../../../server/src/analyses/stream-load/cameras.js';
import type { LinkFeature, NodeFeature } from '../../../../server/src/analyses/stream-load/routing.js';

const DIR = path.resolve(__dirname, '../../../fixtures/analysis/stream-load');
const cases = fs.readdirSync(path.join(DIR, 'in')).filter((f) => f.endsWith('.geojson')).map((f) => f.replace(/\.geojson$/, ''));

type Input = FeatureCollection & { properties?: Partial<StreamLoadOptions> };

function fromFixture(fc: Input): { input: StreamLoadInput; options: StreamLoadOptions } {
  const of = (layer: string) => fc.features.filter((f) => f.properties?.layer === layer);
  const strip = (f: Feature) => {
    const { layer: _layer, ...properties } = f.properties ?? {};
    return { ...f, id: String(f.id), properties };
  };
  return {
    input: {
      nodes: of('man_node').map(strip) as NodeFeature[],
      links: of('man_link').map(strip) as LinkFeature[],
      cameras: of('camera').map((f) => ({ id: String(f.id), ...strip(f).properties }) as CameraRecord),
    },
    options: { ...DEFAULT_OPTIONS, ...fc.properties },
  };
}

function toFixture(result: ReturnType<typeof streamLoad>): FeatureCollection & { properties: object } {
  const tag = (layer: string) => (f: Feature) => ({ ...f, properties: { layer, ...f.properties } });
  return {
    type: 'FeatureCollection',
    properties: { totals: result.totals, problems: result.problems, networkProblems: result.networkProblems },
    features: [...result.links.features.map(tag('man_link')), ...result.nodes.features.map(tag('man_node'))],
  };
}

describe('stream-load golden fixtures', () => {
  it('has_cases', () => expect(cases.length).toBeGreaterThanOrEqual(3));

  for (const name of cases) {
    it(name, () => {
      const fixture = JSON.parse(fs.readFileSync(path.join(DIR, 'in', `${name}.geojson`), 'utf8')) as Input;
      const { input, options } = fromFixture(fixture);
      const actual = toFixture(streamLoad(input, options));
      const outFile = path.join(DIR, 'out', `${name}.geojson`);
      if (process.env.UPDATE_GOLDEN) fs.writeFileSync(outFile, `${JSON.stringify(actual, null, 1)}\n`);
      expect(actual).toEqual(JSON.parse(fs.readFileSync(outFile, 'utf8')));
    });
  }
});
