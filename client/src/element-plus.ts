/**
 * Styles of the Element Plus components the app uses. Components are imported by name where used,
 * so only these end up in the bundle (the full theme is ~300 kB of CSS).
 */
import 'element-plus/es/components/config-provider/style/css';
import 'element-plus/es/components/checkbox/style/css';
import 'element-plus/es/components/switch/style/css';
import 'element-plus/es/components/collapse/style/css';
import 'element-plus/es/components/collapse-item/style/css';
import 'element-plus/es/components/button/style/css';
import 'element-plus/es/components/alert/style/css';
import 'element-plus/es/components/tag/style/css';
