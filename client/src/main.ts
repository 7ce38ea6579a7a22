import './zod-jitless';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n';
import { router } from './router';
import { startRealtime } from './realtime';
import './styles/base.css';

const app = createApp(App).use(createPinia()).use(router).use(i18n);
startRealtime();
app.mount('#app');
