/**
 * Vite plugin: the server's feature validators for the browser. For every collection of the registry it compiles
 * the same JSON Schema (`propertiesSchema`, server/src/features/collections/feature-schema.ts) with the same ajv
 * options as the server (server/src/features/ogc/feature-validation.ts) and emits ajv's standalone code, one chunk
 * per collection, loaded on demand.
 *
 * Why at build time: ajv compiles a schema to a function with `new Function`, which the app's Content-Security-
 * Policy (`script-src 'self'`, no 'unsafe-eval') forbids in the browser. Standalone code is plain module code.
 * The client and the server ship together, so the compiled rules are the ones the server enforces.
 *
 *   import { loaders } from 'virtual:feature-validators';
 *   const validate = (await loaders.cameras()).default;
 */
import type { Plugin } from 'vite';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { COLLECTIONS } from '../server/src/features/collections/registry.js';
import { propertiesSchema } from '../server/src/features/collections/feature-schema.js';

// ajv is CommonJS: under ESM its exports arrive either as the default export or on `.default`.
const interop = <T>(m: T): T => ((m as { default?: T }).default ?? m);
const Ajv2020 = interop(Ajv2020Module);
const addFormats = interop(addFormatsModule);
const standaloneCode = interop(standaloneModule);

const INDEX_ID = 'virtual:feature-validators';
const RESOLVED = `\0${INDEX_ID}`;
// The one runtime helper standalone code needs here (string lengths in Unicode code points, as the server counts).
const UCS2_REQUIRE = 'require("ajv/dist/runtime/ucs2length").default';

/** ES module source of one collection's validator. */
export function validatorModule(collectionId: string): string {
  const spec = COLLECTIONS.find((c) => c.id === collectionId);
  if (!spec) throw new Error(`No collection "${collectionId}" in the registry.`);
  const ajv = new Ajv2020({ allErrors: true, strict: false, code: { source: true, esm: true } });
  addFormats(ajv);
  const code = standaloneCode(ajv, ajv.compile(propertiesSchema(spec)));
  const body = code.replaceAll(UCS2_REQUIRE, '__ucs2length');
  if (body.includes('require(')) throw new Error(`The ${collectionId} validator needs an ajv runtime module this plugin does not provide.`);
  const header = body.includes('__ucs2length')
    ? 'import __ucs2 from "ajv/dist/runtime/ucs2length.js";\nconst __ucs2length = typeof __ucs2 === "function" ? __ucs2 : __ucs2.default;\n'
    : '';
  return header + body.replace(/^"use strict";/, '');
}

export function featureValidators(): Plugin {
  return {
    name: 'feature-validators',
    resolveId(id) {
      return id === INDEX_ID || id.startsWith(`${INDEX_ID}/`) ? `\0${id}` : undefined;
    },
    load(id) {
      if (id === RESOLVED) {
        const entries = COLLECTIONS.map((c) => `  ${JSON.stringify(c.id)}: () => import(${JSON.stringify(`${INDEX_ID}/${c.id}`)}),`);
        return `export const loaders = {\n${entries.join('\n')}\n};\n`;
      }
      if (id.startsWith(`${RESOLVED}/`)) return validatorModule(id.slice(RESOLVED.length + 1));
      return undefined;
    },
  };
}
