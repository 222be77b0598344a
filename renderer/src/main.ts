import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createBridge } from './bridge/createBridge.js';
import { useMediaStore } from './stores/media.js';
import { useSoftphoneStore } from './stores/softphone.js';
import { readView } from './view.js';
import './styles.css';

const pinia = createPinia();
const bridge = createBridge();
useSoftphoneStore(pinia).connect(bridge);
// The main view carries the audio; an incoming-call window only shows its call.
if (readView(window.location.search).kind !== 'incoming') useMediaStore(pinia).connect(bridge);
createApp(App).use(pinia).mount('#app');
