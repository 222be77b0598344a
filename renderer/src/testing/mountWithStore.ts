import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { Component } from 'vue';
import type { AppState } from '../../../shared/ipc/contract.js';
import { useSoftphoneStore } from '../stores/softphone.js';
import { FakeBridge } from './fakeBridge.js';

/**
 * Mounts `component` over a store connected to a FakeBridge that has pushed `state`.
 * `root` is the element to query by role (components may render several root nodes).
 */
export function mountWithStore(component: Component, state: AppState | null, props: Record<string, unknown> = {}) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const bridge = new FakeBridge();
  const store = useSoftphoneStore();
  store.connect(bridge);
  if (state) bridge.push(state);
  const root = document.createElement('div');
  document.body.append(root);
  const wrapper = mount(component, { props, attachTo: root, global: { plugins: [pinia] } });
  return { wrapper, bridge, store, root };
}
