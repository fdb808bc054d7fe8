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
    // OpenLayers alone is ~450 kB: libraries go in their own chunks, which stay cached across app releases.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'ol', test: /node_modules[\\/](ol|rbush|earcut|pbf|proj4|color-\w+|quickselect|geotiff)[\\/]/ },
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
