import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CallMode, CallUserState } from '../../../shared/calls/enums.js';
import { CallCore } from './core.js';
import { EndedCall, User } from './model.js';

function core(): CallCore {
  return new CallCore({ clock: { now: () => 1_760_000_000_000, setTimer: () => 0, clearTimer: () => undefined }, log: () => undefined });
}

const userID = fc.stringMatching(/^[A-Za-z0-9_.@-]{1,32}$/);
// Anything a client may put in extendedData: quotes, backslashes, newlines, emoji, lone surrogates.
const text = fc.string({ unit: 'binary', maxLength: 40 });
const state = fc.constantFrom(...(Object.values(CallUserState).filter((value) => typeof value === 'number') as CallUserState[]));
const callShape = fc.record({
  caller: userID,
  invitees: fc.uniqueArray(fc.record({ userID, state, extendedData: text }), { minLength: 1, maxLength: 9, selector: (invitee) => invitee.userID }),
  mode: fc.constantFrom(CallMode.General, CallMode.Advanced),
  extendedData: text,
  timeoutS: fc.integer({ min: 1, max: 600 }),
});

describe('CallCore event frames', () => {
  it('writes callUserStateChanged and the invitations exactly as JSON.stringify writes their objects', () => {
    fc.assert(
      fc.property(callShape, ({ caller, invitees, mode, extendedData, timeoutS }) => {
        const hub = core();
        const call = hub.createCall({ mode, caller, createTime: hub.now(), timeoutS, extendedData, notReceivedCheck: false });
        hub.enlist(call, new User(caller), CallUserState.Accepted, caller);
        const members = invitees
          .filter((invitee) => invitee.userID !== caller)
          .map((invitee) => Object.assign(hub.enlist(call, new User(invitee.userID), invitee.state, caller), { extendedData: invitee.extendedData }));
        const callUserList = [...call.members.values()].map((member) => ({ userID: member.user.userID, state: member.state, extendedData: member.extendedData }));
        const fields = { callID: call.callID, mode, caller, extendedData, timeout: timeoutS, createTime: call.createTime, callUserList };

        expect(hub.userStateEvent(call, members)).toBe(
          hub.event('callUserStateChanged', { callID: call.callID, callUserList: callUserList.slice(1) }),
        );
        expect(JSON.parse(hub.invitationEvent(call, null, timeoutS))).toEqual({ event: 'callInvitationCreated', data: fields });
        expect(JSON.parse(hub.invitationEvent(call, caller, timeoutS))).toEqual({ event: 'callInvitationReceived', data: { ...fields, inviter: caller } });
      }),
      { numRuns: 500 },
    );
  });
});

describe('CallCore callIDs', () => {
  it('are 20 digits, unique on a clock that stands still, and not a sequence one could walk', () => {
    const hub = core();
    const ids = Array.from({ length: 20_000 }, () => hub.createCall({ mode: CallMode.Advanced, caller: 'a', createTime: hub.now(), timeoutS: 30, extendedData: '', notReceivedCheck: false }).callID);
    expect(ids.every((id) => /^\d{20}$/.test(id))).toBe(true);
    // 10,000 in one millisecond, then the next one, so that the set of this millisecond's IDs stays small.
    expect(ids.slice(0, 10_000).every((id) => id.startsWith(String(hub.now())))).toBe(true);
    expect(ids.slice(10_000).every((id) => id.startsWith(String(hub.now() + 1)))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const steps = ids.slice(1).map((id, i) => Number(id.slice(13)) - Number(ids[i]!.slice(13)));
    expect(steps.filter((step) => step === 1).length).toBeLessThan(10);
  });
});

describe('CallCore ended calls', () => {
  it('keep, in their compact record, everything a history lists and an operation on them is refused by', () => {
    fc.assert(
      fc.property(callShape, fc.nat(), ({ caller, invitees, mode, extendedData, timeoutS }, inviterPick) => {
        const hub = core();
        const call = hub.createCall({ mode, caller, createTime: hub.now(), timeoutS, extendedData, notReceivedCheck: false });
        // Users who have signed in: the hub forgets one only ever invited when their calls end.
        const signedIn = (id: string): User => Object.assign(new User(id), { signedInOnce: true });
        const users = [signedIn(caller)];
        hub.enlist(call, users[0]!, CallUserState.Accepted, caller);
        for (const invitee of invitees.filter(({ userID: id }) => id !== caller)) {
          const inviter = users[inviterPick % users.length]!.userID;
          const user = signedIn(invitee.userID);
          users.push(user);
          Object.assign(hub.enlist(call, user, invitee.state, inviter), { extendedData: invitee.extendedData });
        }
        hub.finish(call, hub.now() + 5000);

        const ended = hub.calls.get(call.callID);
        expect(ended).toBeInstanceOf(EndedCall);
        expect(ended?.started).toBe(false);
        expect(ended?.historyRefs).toBe(users.length);
        expect([...ended!.memberIDs()]).toEqual([...call.memberIDs()]);
        for (const userID of [...users.map((user) => user.userID), 'outsider']) {
          expect(ended!.info(userID)).toEqual(call.info(userID));
          const standing = call.standing(userID);
          expect(ended!.standing(userID)).toEqual(standing && { state: standing.state, inviter: standing.inviter });
        }
        // Every member's history lists the record in the call's place.
        for (const user of users) expect(user.history?.at(0)).toBe(ended);
      }),
    );
  });

  it('are forgotten at once when no history holds them', () => {
    const hub = new CallCore({ clock: { now: () => 1_760_000_000_000, setTimer: () => 0, clearTimer: () => undefined }, log: () => undefined, historyPerUser: 0 });
    const call = hub.createCall({ mode: CallMode.General, caller: 'alice', createTime: hub.now(), timeoutS: 30, extendedData: '', notReceivedCheck: false });
    hub.enlist(call, new User('alice'), CallUserState.Accepted, 'alice');
    hub.finish(call);
    expect(hub.calls.has(call.callID)).toBe(false);
  });
});
