import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { useMediaStore } from '../stores/media.js';
import { makeState } from '../testing/fixtures.js';
import { mountWithStore } from '../testing/mountWithStore.js';
import { getByRole } from '../testing/roles.js';
import SettingsAudio from './SettingsAudio.vue';

enableAutoUnmount(afterEach);

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change'));
}

describe('SettingsAudio', () => {
  it('offers the devices in comboboxes named Microphone, Speaker and Ringtone device, and sends the choice', async () => {
    const { root, bridge, wrapper } = mountWithStore(SettingsAudio, makeState());
    const media = useMediaStore();
    media.microphones = [{ deviceId: 'mic-usb', label: 'USB headset' }];
    media.speakers = [{ deviceId: 'spk-usb', label: 'USB headset' }, { deviceId: 'spk-desk', label: 'Desk speakers' }];
    await wrapper.vm.$nextTick();
    const microphone = getByRole<HTMLSelectElement>(root, 'combobox', 'Microphone');
    expect([...microphone.options].map((option) => option.text)).toEqual(['System default', 'USB headset']);
    choose(microphone, 'mic-usb');
    choose(getByRole<HTMLSelectElement>(root, 'combobox', 'Speaker'), 'spk-usb');
    choose(getByRole<HTMLSelectElement>(root, 'combobox', 'Ringtone device'), 'spk-desk');
    choose(getByRole<HTMLSelectElement>(root, 'combobox', 'When I answer a second call'), 'end');
    choose(microphone, '');
    await flushPromises();
    expect(bridge.sent).toEqual([
      { type: 'setAudio', audio: { microphone: 'mic-usb' } },
      { type: 'setAudio', audio: { speaker: 'spk-usb' } },
      { type: 'setAudio', audio: { ringtone: 'spk-desk' } },
      { type: 'setAudio', audio: { secondCall: 'end' } },
      { type: 'setAudio', audio: { microphone: null } },
    ]);
  });

  it('shows voice processing as saved and sends the change, described by what it does', async () => {
    const { root, bridge } = mountWithStore(SettingsAudio, makeState());
    const processing = getByRole<HTMLInputElement>(root, 'checkbox', 'Voice processing');
    expect(processing.checked).toBe(true);
    expect(document.getElementById(processing.getAttribute('aria-describedby')!)?.textContent).toMatch(/^\s*Echo cancellation, noise suppression and automatic gain/);
    processing.click();
    await flushPromises();
    expect(bridge.sent).toEqual([{ type: 'setAudio', audio: { voiceProcessing: false } }]);

    const off = mountWithStore(SettingsAudio, makeState({ audio: { microphone: null, speaker: null, ringtone: null, secondCall: 'hold', voiceProcessing: false } }));
    expect(getByRole<HTMLInputElement>(off.root, 'checkbox', 'Voice processing').checked).toBe(false);
  });

  it('keeps a saved device that is unplugged listed and chosen, so the choice is not lost', async () => {
    const state = makeState({ audio: { microphone: 'gone-mic', speaker: null, ringtone: null, secondCall: 'hold', voiceProcessing: true } });
    const { root } = mountWithStore(SettingsAudio, state);
    const microphone = getByRole<HTMLSelectElement>(root, 'combobox', 'Microphone');
    expect(microphone.value).toBe('gone-mic');
    expect(microphone.selectedOptions[0]?.text).toBe('A device that is not connected');
  });
});
