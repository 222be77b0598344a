import { describe, expect, it } from 'vitest';
import type { CallPhase, CallView } from '../../shared/ipc/contract.js';
import { diffIncomingWindows } from './incomingDiff.js';

const call = (callID: string, phase: CallPhase, direction: CallView['direction'] = 'incoming'): CallView => ({
  callID,
  direction,
  peer: `peer-of-${callID}`,
  participants: [{ userID: `peer-of-${callID}`, state: 'ringing' }],
  group: false,
  phase,
  since: 1_800_000_000_000,
  expiresAt: phase === 'connected' ? null : 1_800_000_090_000,
});

describe('diffIncomingWindows', () => {
  it('opens a window for each ringing call, in state order', () => {
    const state = { calls: [call('c1', 'ringing'), call('c2', 'ringing')] };
    expect(diffIncomingWindows(new Set(), state)).toEqual({ open: state.calls, close: [] });
  });

  it('leaves windows that are already open alone', () => {
    const state = { calls: [call('c1', 'ringing'), call('c2', 'ringing')] };
    expect(diffIncomingWindows(new Set(['c1']), state)).toEqual({ open: [state.calls[1]], close: [] });
    expect(diffIncomingWindows(new Set(['c1', 'c2']), state)).toEqual({ open: [], close: [] });
  });

  it('opens nothing for calls that do not ring here: outgoing, dialing, or connected', () => {
    const state = { calls: [call('o1', 'dialing', 'outgoing'), call('o2', 'calling', 'outgoing'), call('c3', 'connected')] };
    expect(diffIncomingWindows(new Set(), state)).toEqual({ open: [], close: [] });
  });

  it('closes the window of a call that was answered or that ended', () => {
    const state = { calls: [call('c1', 'connected'), call('c3', 'ringing')] };
    expect(diffIncomingWindows(new Set(['c1', 'c2', 'c3']), state)).toEqual({ open: [], close: ['c1', 'c2'] });
  });

  it('closes every window once no call is left (signed out, or quitting)', () => {
    expect(diffIncomingWindows(new Set(['c1', 'c2']), { calls: [] })).toEqual({ open: [], close: ['c1', 'c2'] });
  });
});
