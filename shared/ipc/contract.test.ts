import { describe, expect, it } from 'vitest';
import { parseCommand } from './contract.js';

describe('IPC command schema', () => {
  it('accepts every command of the contract', () => {
    const commands = [
      { type: 'signIn', userID: 'alice' },
      { type: 'signOut' },
      { type: 'dial', userID: 'bob' },
      { type: 'cancel', callID: '123' },
      { type: 'accept', callID: '123' },
      { type: 'decline', callID: '123' },
      { type: 'hangUp', callID: '123' },
      { type: 'setLimits', incoming: 2, outgoing: 1 },
      { type: 'setLimits', incoming: 5 },
      { type: 'setDnd', enabled: true },
      { type: 'dismissNotice', id: 4 },
      { type: 'hold', callID: '123' },
      { type: 'resume', callID: '123' },
      { type: 'setMuted', callID: '123', muted: true },
      { type: 'setAudio', audio: { microphone: 'mic-1', secondCall: 'end' } },
      { type: 'setAudio', audio: { speaker: null } },
    ];
    for (const command of commands) expect(parseCommand(command)).toEqual({ ok: true, command });
  });

  it('names the field at fault', () => {
    expect(parseCommand({ type: 'setLimits', incoming: 0 })).toEqual({
      ok: false,
      error: 'Incoming limit: a limit must be between 1 and 20',
    });
    expect(parseCommand({ type: 'setLimits', outgoing: 2.5 })).toEqual({
      ok: false,
      error: 'Outgoing limit: a limit must be a whole number',
    });
    const badUser = parseCommand({ type: 'dial', userID: 'bob smith' });
    expect(badUser.ok).toBe(false);
    expect(!badUser.ok && badUser.error).toMatch(/^User: a userID is 1 to 32/);
  });

  it('refuses an audio setting sent as undefined rather than left out, which would erase it', () => {
    for (const field of ['microphone', 'speaker', 'ringtone', 'secondCall', 'voiceProcessing']) {
      const result = parseCommand({ type: 'setAudio', audio: { [field]: undefined } });
      expect(result.ok).toBe(false);
    }
    expect(parseCommand({ type: 'setAudio', audio: { voiceProcessing: false } })).toEqual({ ok: true, command: { type: 'setAudio', audio: { voiceProcessing: false } } });
  });

  it('refuses unknown commands, extra fields and non-objects', () => {
    for (const input of [null, 'dial', 42, { type: 'format-disk' }, { type: 'dial', userID: 'bob', extra: 1 }, { type: 'accept' }]) {
      const result = parseCommand(input);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error).toMatch(/^invalid command: /);
    }
  });
});
