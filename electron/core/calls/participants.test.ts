import { describe, expect, it } from 'vitest';
import type { ParticipantState } from '../../../shared/ipc/contract.js';
import { currentPeer } from './participants.js';

const people = (entries: Record<string, ParticipantState>): Map<string, ParticipantState> => new Map(Object.entries(entries));

describe('currentPeer', () => {
  it('keeps the name while anyone it was placed with is still in the call, ringing or joined', () => {
    expect(currentPeer('bob', people({ bob: 'joined', carol: 'joined' }))).toBe('bob');
    expect(currentPeer('bob, carol', people({ bob: 'left', carol: 'ringing', dave: 'joined' }))).toBe('bob, carol');
  });

  it('names those who joined once everyone it was placed with has gone: a call handed over', () => {
    expect(currentPeer('bob', people({ bob: 'left', carol: 'joined' }))).toBe('carol');
    expect(currentPeer('bob', people({ bob: 'left', carol: 'joined', dave: 'joined', erin: 'declined' }))).toBe('carol, dave');
  });

  it('never names someone who is only ringing, and keeps the name when nobody has joined', () => {
    expect(currentPeer('bob', people({ bob: 'left', carol: 'ringing' }))).toBe('bob');
    expect(currentPeer('bob', people({ bob: 'left', carol: 'ringing', dave: 'joined' }))).toBe('dave');
    expect(currentPeer('bob', people({ bob: 'left', carol: 'declined' }))).toBe('bob');
  });
});
