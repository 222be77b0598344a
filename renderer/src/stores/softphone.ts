/**
 * Mirrors the core's AppState. The core decides everything; this store keeps the newest
 * snapshot, sends commands, and remembers each refused command's error next to the control
 * that sent it.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef } from 'vue';
import type { AppState, CallView, Command, CommandResult, HistoryFilter, Shortcuts } from '../../../shared/ipc/contract.js';
import type { AudioSettings } from '../../../shared/ipc/media.js';
import type { Bridge, LinkStatus } from '../bridge/types.js';
import { onHold, onTheLine } from '../heldCalls.js';

/** Where a command's error is shown: the form or the call that sent it, or a call's "Add to call" form. */
export type ErrorSlot =
  | 'signIn' | 'signOut' | 'dial' | 'limits' | 'dnd' | 'shortcuts' | 'notices' | 'updates' | 'history' | 'callbacks' | 'blockList' | 'priorityCallers' | 'audio'
  | `call:${string}` | `invite:${string}`;

export const callSlot = (callID: string): ErrorSlot => `call:${callID}`;
export const inviteSlot = (callID: string): ErrorSlot => `invite:${callID}`;
/** The call a slot belongs to, or null for a form's own slot. */
function callOfSlot(slot: ErrorSlot): string | null {
  const match = /^(?:call|invite):(.*)$/s.exec(slot);
  return match ? match[1]! : null;
}

type Errors = Readonly<Partial<Record<ErrorSlot, string>>>;

function withoutSlots(errors: Errors, slots: readonly ErrorSlot[]): Errors {
  const kept = { ...errors };
  for (const slot of slots) delete kept[slot];
  return kept;
}

export const useSoftphoneStore = defineStore('softphone', () => {
  // Snapshots are replaced whole and never mutated, so deep reactivity would only cost.
  const state = shallowRef<AppState | null>(null);
  const link = ref<LinkStatus>({ kind: 'connecting' });
  // Replaced whole on every change, never mutated: a deep ref would make Vue keep a dependency
  // record for every slot ever read (each ringing card reads its call's), long after the call.
  const errors = shallowRef<Errors>({});
  /**
   * Who was last signed in here, kept after they are signed out: a sign-in the backend refuses
   * for good comes back as a snapshot with no user, and the sign-in screen offers this ID to correct.
   */
  const lastUser = ref<string | null>(null);
  let bridge: Bridge | null = null;

  const calls = computed<CallView[]>(() => state.value?.calls ?? []);
  const ringing = computed(() => calls.value.filter((call) => call.phase === 'ringing').toSorted((a, b) => b.since - a.since));
  const outgoing = computed(() => calls.value.filter((call) => call.phase === 'dialing' || call.phase === 'calling'));
  const connected = computed(() => calls.value.filter((call) => call.phase === 'connected'));
  /** The connected calls on hold, apart from the one that has the audio, longest on hold first. */
  const held = computed(() => onHold(calls.value));
  const active = computed(() => onTheLine(calls.value));
  const linesUsed = computed(() => calls.value.length);
  const lineLimit = computed(() => state.value?.limits.incoming ?? 0);
  /**
   * The line meter: how many lines are in use against the limit, and, once the limit is reached
   * (or was lowered below the calls in progress), what that means for the next caller.
   */
  const lineMeter = computed(() => {
    const used = linesUsed.value;
    const limit = lineLimit.value;
    const count = used > limit ? `${used} in use · limit ${limit}` : `${used} of ${limit} lines`;
    return { count, full: used >= limit, consequence: used >= limit ? 'new calls are turned away' : null };
  });
  const people = computed(() => state.value?.people ?? []);
  /** Of these callees, the ones known to be signed out: calling them would ring into the void. */
  const offlineAmong = (userIDs: string[]): string[] =>
    userIDs.filter((userID) => people.value.some((person) => person.userID === userID && person.presence === 'offline'));

  function apply(next: AppState): void {
    // getState() and pushes can arrive in either order; only ever move forward.
    const current = state.value;
    if (current && next.version <= current.version) return;
    // Entries are never edited and their ids only grow, so the same view, the same length and the
    // same newest entry mean the same history: keeping the old array spares the list a re-render per push.
    const sameHistory =
      current &&
      current.history !== next.history &&
      current.historyView.filter === next.historyView.filter && current.historyView.search === next.historyView.search &&
      current.history.length === next.history.length && current.history[0]?.id === next.history[0]?.id;
    // The same for the callbacks, compared entry by entry: there are few, and a waiting caller's
    // entry changes only when they try again or a call back misses them.
    const sameCallbacks =
      current &&
      current.callbacks !== next.callbacks &&
      current.callbacks.length === next.callbacks.length &&
      current.callbacks.every((entry, i) => {
        const other = next.callbacks[i]!;
        return (
          entry.peer === other.peer && entry.attempts === other.attempts && entry.lastAt === other.lastAt && entry.reason === other.reason &&
          entry.calledBack?.at === other.calledBack?.at
        );
      });
    state.value =
      sameHistory || sameCallbacks
        ? { ...next, history: sameHistory ? current.history : next.history, callbacks: sameCallbacks ? current.callbacks : next.callbacks }
        : next;
    if (next.user !== null) lastUser.value = next.user;
    forgetEndedCalls(next);
  }

  /**
   * The calls whose "Add someone" box is open. Kept here, not in the call's panel: Hold and Resume
   * move a call to a panel of its own, and the box stays open.
   */
  const addingTo = reactive(new Set<string>());

  /** A call's errors are shown on its card or panel; once the call is gone, so is any place to show them. */
  function forgetEndedCalls(next: AppState): void {
    const live = new Set(next.calls.map((call) => call.callID));
    for (const callID of addingTo) if (!live.has(callID)) addingTo.delete(callID);
    const stale = (Object.keys(errors.value) as ErrorSlot[]).filter((slot) => {
      const callID = callOfSlot(slot);
      return callID !== null && !live.has(callID);
    });
    if (stale.length > 0) errors.value = withoutSlots(errors.value, stale);
  }

  /** Starts mirroring the core through `to`; returns the disposer. */
  function connect(to: Bridge): () => void {
    bridge = to;
    const offState = to.onState(apply);
    const offLink = to.onLink((status) => {
      link.value = status;
    });
    // A failed fetch needs no handling here: the link status already says what is wrong.
    to.getState().then(apply, () => undefined);
    return () => {
      offState();
      offLink();
      bridge = null;
    };
  }

  /** Sends one command; on refusal records the core's error under `slot`. Resolves to whether it was accepted. */
  async function send(slot: ErrorSlot, command: Command): Promise<boolean> {
    if (slot in errors.value) errors.value = withoutSlots(errors.value, [slot]);
    let result: CommandResult;
    try {
      if (!bridge) throw new Error(`Not connected to Switchboard; "${command.type}" was not sent`);
      result = await bridge.command(command);
    } catch (error) {
      result = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    if (!result.ok) errors.value = { ...errors.value, [slot]: result.error };
    return result.ok;
  }

  return {
    state,
    link,
    errors,
    lastUser,
    ringing,
    outgoing,
    connected,
    active,
    held,
    linesUsed,
    lineLimit,
    lineMeter,
    people,
    offlineAmong,
    addingTo,
    connect,
    /** Drops a slot's error once what it was about is gone (the field it refused was edited). */
    clearError: (slot: ErrorSlot) => {
      if (slot in errors.value) errors.value = withoutSlots(errors.value, [slot]);
    },
    signIn: (userID: string) => send('signIn', { type: 'signIn', userID }),
    signOut: () => send('signOut', { type: 'signOut' }),
    dial: (userID: string) => send('dial', { type: 'dial', userID }),
    dialGroup: (userIDs: string[]) => send('dial', { type: 'dialGroup', userIDs }),
    invite: (callID: string, userID: string) => send(inviteSlot(callID), { type: 'invite', callID, userID }),
    leave: (callID: string) => send(callSlot(callID), { type: 'leave', callID }),
    cancel: (callID: string) => send(callSlot(callID), { type: 'cancel', callID }),
    accept: (callID: string) => send(callSlot(callID), { type: 'accept', callID }),
    decline: (callID: string) => send(callSlot(callID), { type: 'decline', callID }),
    hangUp: (callID: string) => send(callSlot(callID), { type: 'hangUp', callID }),
    hold: (callID: string) => send(callSlot(callID), { type: 'hold', callID }),
    resume: (callID: string) => send(callSlot(callID), { type: 'resume', callID }),
    setMuted: (callID: string, muted: boolean) => send(callSlot(callID), { type: 'setMuted', callID, muted }),
    setAudio: (audio: Partial<AudioSettings>) => send('audio', { type: 'setAudio', audio }),
    setLimits: (incoming: number, outgoing: number) => send('limits', { type: 'setLimits', incoming, outgoing }),
    setDnd: (enabled: boolean) => send('dnd', { type: 'setDnd', enabled }),
    setShortcuts: (shortcuts: Shortcuts) => send('shortcuts', { type: 'setShortcuts', ...shortcuts }),
    dismissNotice: (id: number) => send('notices', { type: 'dismissNotice', id }),
    setAutoUpdate: (enabled: boolean) => send('updates', { type: 'setAutoUpdate', enabled }),
    restartToUpdate: () => send('updates', { type: 'restartToUpdate' }),
    setHistoryView: (filter: HistoryFilter, search: string) => send('history', { type: 'setHistoryView', filter, search }),
    exportHistory: () => send('history', { type: 'exportHistory' }),
    callBack: (userID: string) => send('callbacks', { type: 'callBack', userID }),
    dismissCallback: (userID: string) => send('callbacks', { type: 'dismissCallback', userID }),
    block: (userID: string) => send('blockList', { type: 'block', userID }),
    unblock: (userID: string) => send('blockList', { type: 'unblock', userID }),
    setPriorityCaller: (userID: string, priority: boolean) => send('priorityCallers', { type: 'setPriorityCaller', userID, priority }),
  };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSoftphoneStore, import.meta.hot));
