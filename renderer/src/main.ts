import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createBridge } from './bridge/createBridge.js';
import { useSoftphoneStore } from './stores/softphone.js';
import './styles.css';

const pinia = createPinia();
useSoftphoneStore(pinia).connect(createBridge());
createApp(App).use(pinia).mount('#app');
