// The module the Vite plugin client/vite-plugin-feature-validators.ts generates: one standalone ajv validator
// per collection, compiled at build time from the server's schema.
declare module 'virtual:feature-validators' {
  import type { Validator } from './validation';

  export const loaders: Record<string, () => Promise<{ default: Validator }>>;
}
