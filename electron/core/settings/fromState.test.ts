import { describe, expect, it } from 'vitest';
import { settingsAfter, type SettingsState } from './fromState.js';
import { DEFAULT_SETTINGS } from './schema.js';

const running: SettingsState = { user: 'bob', dnd: false, limits: { incoming: 3, outgoing: 1 }, shortcuts: DEFAULT_SETTINGS.shortcuts,
  audio: DEFAULT_SETTINGS.audio, priorityCallers: [], connection: { error: null },
};

describe('settingsAfter', () => {
  it('changes nothing when nothing the user sets changed, even if the state differs from the settings', () => {
    const flags = { ...running, limits: { incoming: 7, outgoing: 2 } };
    expect(settingsAfter(DEFAULT_SETTINGS, flags, { ...flags })).toBe(DEFAULT_SETTINGS);
  });

  it('saves limits and do not disturb as the user changes them', () => {
    const after = settingsAfter(DEFAULT_SETTINGS, running, { ...running, dnd: true, limits: { incoming: 4, outgoing: 1 } });
    expect(after).toEqual({ ...DEFAULT_SETTINGS, dnd: true, limits: { incoming: 4, outgoing: 1 } });
  });

  it('saves only the limit the user changed: a limit given as a flag for this run is not saved with it', () => {
    // Saved: 3 and 1. This run: --incoming-limit 7. The user raises the outgoing limit to 2.
    const flags = { ...running, limits: { incoming: 7, outgoing: 1 } };
    const after = settingsAfter(DEFAULT_SETTINGS, flags, { ...flags, limits: { incoming: 7, outgoing: 2 } });
    expect(after.limits).toEqual({ incoming: DEFAULT_SETTINGS.limits.incoming, outgoing: 2 });
    expect(settingsAfter(after, flags, { ...flags, limits: { incoming: 5, outgoing: 1 } }).limits).toEqual({ incoming: 5, outgoing: 2 });
  });

  it('remembers who signed in, and forgets them on an explicit sign-out', () => {
    const signedIn = settingsAfter(DEFAULT_SETTINGS, { ...running, user: null }, running);
    expect(signedIn.lastUser).toBe('bob');
    expect(settingsAfter(signedIn, running, { ...running, user: null }).lastUser).toBeNull();
  });

  it('keeps the last user when the backend signed them out with a reason: they sign in again once it is put right', () => {
    const signedIn = settingsAfter(DEFAULT_SETTINGS, { ...running, user: null }, running);
    const refused = settingsAfter(signedIn, running, { ...running, user: null, connection: { error: 'the hub refused to sign in bob: login: the token for bob is invalid' } });
    expect(refused.lastUser).toBe('bob');
  });

  it('saves the priority callers as the user changes them', () => {
    const priorityCallers = ['supervisor'];
    expect(settingsAfter(DEFAULT_SETTINGS, running, { ...running, priorityCallers }).priorityCallers).toEqual(['supervisor']);
    expect(settingsAfter(DEFAULT_SETTINGS, running, { ...running })).toBe(DEFAULT_SETTINGS);
  });

  it('saves the global shortcuts the user set', () => {
    const shortcuts = { accept: 'Alt+F9', decline: null };
    expect(settingsAfter(DEFAULT_SETTINGS, running, { ...running, shortcuts }).shortcuts).toEqual(shortcuts);
  });

  it('saves automatic update checks turned off or on, and nothing for a mere status change', () => {
    const updates = { version: '0.1.0', autoCheck: true, status: 'idle' as const, available: null, detail: null };
    const before = { ...running, updates };
    expect(settingsAfter(DEFAULT_SETTINGS, before, { ...before, updates: { ...updates, autoCheck: false } }).autoUpdate).toBe(false);
    expect(settingsAfter(DEFAULT_SETTINGS, before, { ...before, updates: { ...updates, status: 'checking' } })).toBe(DEFAULT_SETTINGS);
  });

  it('saves the audio devices and the second-call choice', () => {
    const audio = { microphone: 'mic-2', speaker: 'headset', ringtone: null, secondCall: 'end' as const, voiceProcessing: false };
    expect(settingsAfter(DEFAULT_SETTINGS, running, { ...running, audio }).audio).toEqual(audio);
  });
});
