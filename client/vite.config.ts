import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { featureValidators } from './vite-plugin-feature-validators';

// The dev server forwards API, OGC and tile requests to the Koa server; API_TARGET lets a
// developer point it at another instance without editing this file.
const target = process.env.API_TARGET ?? 'http://localhost:8080';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [vue(), featureValidators()],
  define: {
    // vue-i18n feature flags: composition API only, which lets the bundler drop the legacy API.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Libraries go in their own chunks, which stay cached across app releases. The largest is Element Plus,
    // registered whole (605 kB); OpenLayers is split in three (its WebGL renderers, proj4, the rest) to stay under it.
    chunkSizeWarningLimit: 620,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'ol-webgl', test: /node_modules[\\/]ol[\\/](webgl|renderer[\\/]webgl|layer[\\/](Heatmap|WebGL\w*))[\\/.]/, priority: 2 },
            { name: 'proj4', test: /node_modules[\\/](proj4|mgrs|wkt-parser|geographiclib-geodesic)[\\/]/, priority: 2 },
            { name: 'ol', test: /node_modules[\\/](ol|rbush|earcut|pbf|color-\w+|quickselect|geotiff)[\\/]/, priority: 1 },
            { name: 'element-plus', test: /node_modules[\\/](element-plus|@element-plus|@floating-ui|@vueuse|lodash-es|async-validator|dayjs)[\\/]/ },
            { name: 'vue', test: /node_modules[\\/](vue|@vue|pinia|vue-i18n|@intlify)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': target,
      '/ogc': target,
      '/tiles': target,
    },
  },
});
