import { createApp } from 'vue';
import { createPinia } from 'pinia';
import 'ol/ol.css';
import './element-plus';
import './styles.css';
import App from './App.vue';
import { currentLocale, i18n } from './i18n';

document.documentElement.lang = currentLocale();
createApp(App).use(createPinia()).use(i18n).mount('#app');
