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
import 'element-plus/es/components/form/style/css';
import 'element-plus/es/components/form-item/style/css';
import 'element-plus/es/components/input/style/css';
import 'element-plus/es/components/drawer/style/css';
import 'element-plus/es/components/tabs/style/css';
import 'element-plus/es/components/tab-pane/style/css';
import 'element-plus/es/components/segmented/style/css';
import 'element-plus/es/components/table/style/css';
import 'element-plus/es/components/table-column/style/css';
import 'element-plus/es/components/dialog/style/css';
import 'element-plus/es/components/select/style/css';
import 'element-plus/es/components/option/style/css';
import 'element-plus/es/components/option-group/style/css';
import 'element-plus/es/components/date-picker/style/css';
import 'element-plus/es/components/pagination/style/css';
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/loading/style/css';
import 'element-plus/es/components/progress/style/css';
import 'element-plus/es/components/steps/style/css';
import 'element-plus/es/components/step/style/css';
import 'element-plus/es/components/radio-group/style/css';
import 'element-plus/es/components/radio-button/style/css';
import 'element-plus/es/components/checkbox-group/style/css';
import 'element-plus/es/components/input-number/style/css';
