/**
 * A user whose last connection fails (no close handshake: a network failure, a crash, missed
 * heartbeats) stays in a conversation under way for the reconnect grace, whose audio flows peer
 * to peer without the hub; one who closes or logs out leaves at once, as before.
 */
import { describe, expect, it } from 'vitest';
import { CallMode, CallState, CallUserState } from '../../../shared/calls/enums.js';
import { ZimErrorCode } from '../../../shared/protocol/errors.js';
import { DEFAULT_RECONNECT_GRACE_MS } from './core.js';
import { MAX_WAITING_SIGNALS } from './media.js';
import { TestHub, type TestClient } from './testkit.js';

const quitBob = [{ userID: 'bob', state: CallUserState.Quit, extendedData: '' }];

function talking(options: { reconnectGraceMs?: number } = {}) {
  const hub = new TestHub(options);
  const alice = hub.login('alice');
  const bob = hub.login('bob');
  const { callID } = alice.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced } });
  bob.ok('callAccept', { callID, config: {} });
  alice.clear();
  return { hub, alice, bob, callID };
}

const callOf = (client: TestClient, callID: string) =>
  client.ok('queryCallInvitationList', { config: { count: 10 } }).callList.find((call) => call.callID === callID);

describe('the reconnect grace', () => {
  it('keeps a user whose connection failed in the call; taken back within it from a new connection, the call goes on there', () => {
    const { hub, alice, bob, callID } = talking();
    bob.lose();
    hub.clock.advance(DEFAULT_RECONNECT_GRACE_MS - 1);
    expect(alice.events('callUserStateChanged')).toEqual([]);
    const bobAgain = hub.login('bob');
    bobAgain.ok('callJoin', { callID, config: {} });
    hub.clock.advance(DEFAULT_RECONNECT_GRACE_MS);
    expect(alice.events('callUserStateChanged')).toEqual([]);
    expect(callOf(bobAgain, callID)?.callUserList).toContainEqual({ userID: 'bob', state: CallUserState.Accepted, extendedData: '' });
    // Events reach the new connection: alice hangs up, bob hears it.
    alice.ok('callEnd', { callID, config: {} });
    expect(bobAgain.events('callInvitationEnded').map((event) => event.callID)).toEqual([callID]);
  });

  it('signing in again without taking the call back (a softphone restarted after a crash, which knows nothing of it) does not keep the user in it', () => {
    const { hub, alice, bob, callID } = talking();
    bob.lose();
    hub.login('bob');
    hub.clock.advance(DEFAULT_RECONNECT_GRACE_MS);
    expect(alice.events('callUserStateChanged')).toEqual([{ callID, callUserList: quitBob }]);
  });

  it('counts the grace from when the connection went quiet: one dropped for missed heartbeats has used it up', () => {
    const { hub, alice, bob, callID } = talking();
    bob.lose(20_000);
    hub.clock.advance(DEFAULT_RECONNECT_GRACE_MS - 20_000 - 1);
    expect(alice.events('callUserStateChanged')).toEqual([]);
    hub.clock.advance(1);
    expect(alice.events('callUserStateChanged')).toEqual([{ callID, callUserList: quitBob }]);
    const again = talking();
    again.bob.lose(DEFAULT_RECONNECT_GRACE_MS);
    expect(again.alice.events('callUserStateChanged')).toEqual([{ callID: again.callID, callUserList: quitBob }]);
  });

  it('past the grace, the user quits and the others are told', () => {
    const { hub, alice, bob, callID } = talking();
    bob.lose();
    hub.clock.advance(DEFAULT_RECONNECT_GRACE_MS);
    expect(alice.events('callUserStateChanged')).toEqual([{ callID, callUserList: quitBob }]);
  });

  it('counts each loss afresh: back and lost again, the first loss does not cut the second grace short', () => {
    const { hub, alice, bob, callID } = talking();
    bob.lose();
    hub.clock.advance(20_000);
    const bobAgain = hub.login('bob');
    bobAgain.ok('callJoin', { callID, config: {} });
    hub.clock.advance(5_000);
    bobAgain.lose();
    hub.clock.advance(DEFAULT_RECONNECT_GRACE_MS - 1);
    expect(alice.events('callUserStateChanged')).toEqual([]);
    hub.clock.advance(1);
    expect(alice.events('callUserStateChanged')).toEqual([{ callID, callUserList: quitBob }]);
  });

  it('does not keep one who closed the connection or logged out', () => {
    const closed = talking();
    closed.bob.close();
    expect(closed.alice.events('callUserStateChanged')).toEqual([{ callID: closed.callID, callUserList: quitBob }]);
    const loggedOut = talking();
    loggedOut.bob.ok('logout', {});
    expect(loggedOut.alice.events('callUserStateChanged')).toEqual([{ callID: loggedOut.callID, callUserList: quitBob }]);
  });

  it('with a grace of 0, a lost connection leaves at once', () => {
    const { alice, bob, callID } = talking({ reconnectGraceMs: 0 });
    bob.lose();
    expect(alice.events('callUserStateChanged')).toEqual([{ callID, callUserList: quitBob }]);
  });

  it('leaves a caller\'s invitation ringing for the grace, as ZIM does until its heartbeat timeout; past it, cancelled', () => {
    const hub = new TestHub();
    const alice = hub.login('alice');
    const bob = hub.login('bob');
    const { callID } = alice.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced, timeout: 120 } });
    alice.lose();
    hub.clock.advance(DEFAULT_RECONNECT_GRACE_MS - 1);
    expect(bob.events('callInvitationCancelled')).toEqual([]);
    hub.clock.advance(1);
    expect(bob.events('callInvitationCancelled').map((event) => event.callID)).toEqual([callID]);
    expect(callOf(bob, callID)?.state).toBe(CallState.Ended);
  });

  it('does not hold back a call nobody else is in any more', () => {
    const hub = new TestHub();
    const alice = hub.login('alice');
    const bob = hub.login('bob');
    const carol = hub.login('carol');
    const { callID } = alice.ok('callInvite', { invitees: ['bob', 'carol'], config: { mode: CallMode.Advanced } });
    bob.ok('callAccept', { callID, config: {} });
    carol.ok('callReject', { callID, config: {} });
    alice.ok('callQuit', { callID, config: {} });
    bob.lose();
    expect(callOf(alice, callID)?.state).toBe(CallState.Ended);
  });

  it('a call that ends meanwhile: nothing is sent about it when the grace runs out', () => {
    const { hub, alice, bob, callID } = talking();
    bob.lose();
    alice.ok('callEnd', { callID, config: {} });
    alice.clear();
    hub.clock.advance(DEFAULT_RECONNECT_GRACE_MS);
    expect(alice.frames).toEqual([]);
  });

  it('keeps the media signals sent to a user away (a hold\'s offer) and delivers them when they are back, after the call\'s states', () => {
    const { hub, alice, bob, callID } = talking();
    bob.lose();
    const hold = { description: { type: 'offer' as const, sdp: 'v=0\r\na=inactive\r\n' } };
    const candidate = { candidate: { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 } };
    alice.ok('callMediaSignal', { callID, toUserID: 'bob', signal: hold });
    alice.ok('callMediaSignal', { callID, toUserID: 'bob', signal: candidate });
    const bobAgain = hub.connect();
    bobAgain.ok('login', { userID: 'bob', token: hub.token('bob') });
    expect(bobAgain.eventNames()).toEqual(['callUserStateChanged', 'callMediaSignalReceived', 'callMediaSignalReceived']);
    expect(bobAgain.events('callMediaSignalReceived')).toEqual([
      { callID, fromUserID: 'alice', signal: hold },
      { callID, fromUserID: 'alice', signal: candidate },
    ]);
    // Delivered once: another device of bob signing in afterwards gets none of them again.
    const bobLaptop = hub.connect();
    bobLaptop.ok('login', { userID: 'bob', token: hub.token('bob') });
    expect(bobLaptop.events('callMediaSignalReceived')).toEqual([]);
  });

  it(`keeps at most ${MAX_WAITING_SIGNALS} signals for a user away, refusing more with the reason, and none once they have left`, () => {
    const { hub, alice, bob, callID } = talking();
    bob.lose();
    const candidate = { candidate: { candidate: '', sdpMid: '0', sdpMLineIndex: 0 } };
    for (let i = 0; i < MAX_WAITING_SIGNALS; i += 1) alice.ok('callMediaSignal', { callID, toUserID: 'bob', signal: candidate });
    expect(alice.fails('callMediaSignal', { callID, toUserID: 'bob', signal: candidate })).toEqual({
      code: ZimErrorCode.CallCommonError,
      message: `callMediaSignal: bob is reconnecting to call ${callID}, and ${MAX_WAITING_SIGNALS} media signals already wait for them`,
    });
    hub.clock.advance(DEFAULT_RECONNECT_GRACE_MS);
    expect(alice.fails('callMediaSignal', { callID, toUserID: 'bob', signal: candidate }).code).toBe(ZimErrorCode.CallDoesNotExist);
  });
});
