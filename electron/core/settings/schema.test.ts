import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from './schema.js';

const saved: Settings = {
  limits: { incoming: 5, outgoing: 2 },
  dnd: true,
  shortcuts: { accept: 'Alt+F9', decline: null },
  audio: { microphone: 'usb-mic', speaker: null, ringtone: 'speakers', secondCall: 'end', voiceProcessing: false },
  lastUser: 'bob',
  hubUrl: 'ws://10.0.0.2:4780',
  zim: { appID: 1234567890, tokenUrl: 'https://tokens.example.com/zim' },
  autoUpdate: false,
  priorityCallers: ['supervisor', 'dispatch.911'],
};

describe('parseSettings', () => {
  it('reads back what was saved', () => {
    expect(parseSettings(JSON.stringify(saved))).toEqual({ settings: saved, problems: [] });
  });

  it('gives defaults for fields an older file never had, without calling that a problem', () => {
    expect(parseSettings('{"dnd": true}')).toEqual({ settings: { ...DEFAULT_SETTINGS, dnd: true }, problems: [] });
    expect(parseSettings('{}')).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
  });

  it('keeps the audio devices of a file written before voice processing could be turned off, with it on', () => {
    const { voiceProcessing: _, ...older } = saved.audio;
    expect(parseSettings(JSON.stringify({ audio: older }))).toEqual({ settings: { ...DEFAULT_SETTINGS, audio: { ...older, voiceProcessing: true } }, problems: [] });
    const { problems } = parseSettings(JSON.stringify({ audio: { ...older, voiceProcessing: 'off' } }));
    expect(problems).toEqual([expect.stringMatching(/^audio: voiceProcessing: /)]);
  });

  it('reads a file that an editor saved with a byte order mark (Windows Notepad does)', () => {
    expect(parseSettings(`\uFEFF${JSON.stringify(saved, null, 2)}`)).toEqual({ settings: saved, problems: [] });
  });

  it('keeps the rest of the file when its priority callers are not user IDs or too many', () => {
    const notUsers = parseSettings(JSON.stringify({ ...saved, priorityCallers: ['ok', 'not a user'] }));
    expect(notUsers.settings).toEqual({ ...saved, priorityCallers: [] });
    expect(notUsers.problems).toEqual([expect.stringMatching(/^priorityCallers: /)]);
    const tooMany = parseSettings(JSON.stringify({ ...saved, priorityCallers: Array.from({ length: 51 }, (_, i) => `user${i}`) }));
    expect(tooMany.problems).toEqual(['priorityCallers: at most 50 priority callers']);
  });

  it('ignores fields it does not know', () => {
    expect(parseSettings('{"dnd": true, "theme": "dark"}')).toEqual({ settings: { ...DEFAULT_SETTINGS, dnd: true }, problems: [] });
  });

  it('refuses a truncated or non-JSON file as a whole', () => {
    const truncated = JSON.stringify(saved).slice(0, 40);
    const { settings, problems } = parseSettings(truncated);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(problems[0]).toMatch(/^not valid JSON/);
    expect(parseSettings('')).toMatchObject({ settings: DEFAULT_SETTINGS, problems: [expect.stringMatching(/^not valid JSON/)] });
    expect(parseSettings('[1, 2]')).toEqual({ settings: DEFAULT_SETTINGS, problems: ['not a JSON object'] });
    expect(parseSettings('null')).toEqual({ settings: DEFAULT_SETTINGS, problems: ['not a JSON object'] });
  });

  it('keeps every good field and names each bad one', () => {
    const text = JSON.stringify({ ...saved, limits: { incoming: 99, outgoing: 1 }, lastUser: 'no spaces allowed', hubUrl: 'http://hub' });
    const { settings, problems } = parseSettings(text);
    expect(settings).toEqual({ ...saved, limits: DEFAULT_SETTINGS.limits, lastUser: null, hubUrl: null });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^limits: incoming: /);
    expect(problems[1]).toMatch(/^lastUser: /);
    expect(problems[2]).toMatch(/^hubUrl: .*ws:\/\//);
  });

  it('refuses one shortcut for both accept and decline', () => {
    const { settings, problems } = parseSettings(JSON.stringify({ shortcuts: { accept: 'Alt+F9', decline: 'Alt+F9' } }));
    expect(settings.shortcuts).toEqual(DEFAULT_SETTINGS.shortcuts);
    expect(problems).toEqual(['shortcuts: decline: accept and decline must be different shortcuts']);
  });

  it('refuses a global shortcut that would take a typed key from every application', () => {
    const { settings, problems } = parseSettings(JSON.stringify({ shortcuts: { accept: 'A', decline: 'Ctrl+Shift+D' } }));
    expect(settings.shortcuts).toEqual(DEFAULT_SETTINGS.shortcuts);
    expect(problems).toEqual(['shortcuts: accept: "A" would take a key that is typed in every other application; add Ctrl, Alt or Command']);
  });

  it('refuses a ZIM configuration with an AppID out of range or a token endpoint that is not a URL', () => {
    const bad = parseSettings(JSON.stringify({ zim: { appID: 0, tokenUrl: 'https://tokens.example.com/zim' } }));
    expect(bad.settings.zim).toBeNull();
    expect(bad.problems[0]).toMatch(/^zim: appID: /);
    const badUrl = parseSettings(JSON.stringify({ zim: { appID: 5, tokenUrl: 'tokens.example.com' } }));
    expect(badUrl.problems[0]).toMatch(/^zim: tokenUrl: malformed token endpoint URL/);
  });
});
