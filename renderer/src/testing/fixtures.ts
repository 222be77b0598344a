import type { AppState, CallbackEntry, CallView, HistoryEntry, Notice } from '../../../shared/ipc/contract.js';

/** A fixed "now" so countdowns and timers in assertions are exact. */
export const NOW = Date.UTC(2026, 3, 21, 9, 30, 0);

export function makeState(overrides: Partial<AppState> = {}): AppState {
  return {
    version: 1,
    user: 'alice',
    connection: { status: 'online', hubUrl: 'ws://127.0.0.1:4780', error: null, retryAt: null },
    limits: { incoming: 3, outgoing: 1 },
    dnd: false,
    shortcuts: null,
    calls: [],
    notices: [],
    history: [],
    people: [],
    outcomes: [],
    historyView: { filter: 'all', search: '', matching: 0, stored: 0 },
    callbacks: [],
    callbackOffer: null,
    blocked: [],
    priorityCallers: [],
    audio: { microphone: null, speaker: null, ringtone: null, secondCall: 'hold', voiceProcessing: true },
    mediaPath: { kind: 'webrtc' },
    ...overrides,
  };
}

export function makeCall(call: Pick<CallView, 'callID' | 'peer' | 'phase'> & Partial<CallView>): CallView {
  return {
    direction: call.phase === 'ringing' ? 'incoming' : 'outgoing',
    since: NOW,
    expiresAt: call.phase === 'connected' ? null : NOW + 30_000,
    group: false,
    canAddPeople: true,
    canLeave: call.group ?? false,
    media: { held: false, muted: false, heldBy: [] },
    ...call,
    participants: call.participants ?? [{ userID: call.peer, state: call.phase === 'connected' ? 'joined' : 'ringing' }],
  };
}

export function makeNotice(notice: Pick<Notice, 'id' | 'kind' | 'text'>): Notice {
  return { at: NOW, ...notice };
}

export function makeHistoryEntry(entry: Pick<HistoryEntry, 'id' | 'peer' | 'direction' | 'outcome' | 'detail'>): HistoryEntry {
  return { callID: `call-${entry.id}`, startedAt: NOW - 60_000, endedAt: NOW, ...entry };
}

export function makeCallback(entry: Pick<CallbackEntry, 'peer'> & Partial<CallbackEntry>): CallbackEntry {
  return { attempts: 1, firstAt: NOW - 240_000, lastAt: NOW - 240_000, reason: 'turned away (line limit)', ...entry };
}
