/**
 * A device that goes away while its user stays signed in on another. ZIM has a user leave their
 * calls only when their last device goes (scenario 24); the calls that device took part in are
 * then followed by no device at all, and the people in them wait on someone who is gone. With
 * `leaveWithDevice` (`--leave-with-device`) the hub leaves those calls as it does for a user who
 * goes offline.
 */
import { describe, expect, it } from 'vitest';
import { CallMode, CallState, CallUserState } from '../../../shared/calls/enums.js';
import { TestHub } from './testkit.js';

function twoDevicesOfBob(leaveWithDevice: boolean) {
  const hub = new TestHub({ leaveWithDevice });
  const alice = hub.login('alice');
  const bobDesk = hub.login('bob');
  const bobLaptop = hub.login('bob');
  return { hub, alice, bobDesk, bobLaptop };
}

const stateOf = (client: ReturnType<TestHub['login']>, callID: string) =>
  client.ok('queryCallInvitationList', { config: { count: 10 } }).callList.find((call) => call.callID === callID);

describe('a device that goes away while its user is signed in on another', () => {
  it('with leaveWithDevice: an Accepted user quits the calls that device was in, and the others are told', () => {
    const { alice, bobDesk, bobLaptop } = twoDevicesOfBob(true);
    const { callID } = alice.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced } });
    bobDesk.ok('callAccept', { callID, config: {} });
    alice.clear();
    bobLaptop.clear();
    bobDesk.close();
    expect(alice.events('callUserStateChanged')).toEqual([
      { callID, callUserList: [{ userID: 'bob', state: CallUserState.Quit, extendedData: '' }] },
    ]);
    expect(bobLaptop.frames).toEqual([]);
    expect(stateOf(alice, callID)?.state).toBe(CallState.Started);
  });

  it('with leaveWithDevice: a caller nobody has answered cancels the invitation placed from that device', () => {
    const { hub, alice, bobDesk, bobLaptop } = twoDevicesOfBob(true);
    bobDesk.close();
    bobLaptop.close();
    const aliceLaptop = hub.login('alice');
    const { callID } = alice.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced } });
    const { callID: fromLaptop } = aliceLaptop.ok('callInvite', { invitees: ['carol'], config: { mode: CallMode.Advanced } });
    const bob = hub.login('bob');
    alice.close();
    expect(bob.events('callInvitationCancelled').map((event) => event.callID)).toEqual([callID]);
    expect(stateOf(aliceLaptop, callID)?.state).toBe(CallState.Ended);
    expect(stateOf(aliceLaptop, fromLaptop)?.state).toBe(CallState.Started);
  });

  it('with leaveWithDevice: invitations still ringing at the user are left alone, their other devices ring on', () => {
    const { alice, bobDesk, bobLaptop } = twoDevicesOfBob(true);
    const { callID } = alice.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced, enableNotReceivedCheck: true } });
    alice.clear();
    bobDesk.close();
    expect(alice.frames).toEqual([]);
    bobLaptop.ok('callAccept', { callID, config: {} });
    expect(alice.events('callUserStateChanged').at(-1)?.callUserList).toEqual([{ userID: 'bob', state: CallUserState.Accepted, extendedData: '' }]);
  });

  it("by default, ZIM's rule: nothing changes while the user is signed in elsewhere", () => {
    const { alice, bobDesk } = twoDevicesOfBob(false);
    const { callID } = alice.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced } });
    bobDesk.ok('callAccept', { callID, config: {} });
    alice.clear();
    bobDesk.close();
    expect(alice.frames).toEqual([]);
    expect(stateOf(alice, callID)?.callUserList.find((user) => user.userID === 'bob')?.state).toBe(CallUserState.Accepted);
  });
});
