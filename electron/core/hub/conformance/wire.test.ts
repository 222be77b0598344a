/**
 * docs/zim-semantics.md over real sockets: scenarios 2, 13, 24, 33 and 36 against startHub on
 * 127.0.0.1, port 0, so that framing, connection close and heartbeats are part of what is checked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CallMode, CallUserState } from '../../../../shared/calls/enums.js';
import { ZimErrorCode } from '../../../../shared/protocol/errors.js';
import type { HubOptions } from '../server.js';
import { testHubs, WireClient } from '../wireClient.js';

const SECRET = 'conformance-secret-0123456789';

const hubs = testHubs(SECRET);
afterEach(() => hubs.closeAll());

async function hub(options: Partial<HubOptions> = {}): Promise<string> {
  return (await hubs.start(options)).url;
}

function signIn(url: string, userID: string, options: { autoPong?: boolean } = {}): Promise<WireClient> {
  return WireClient.as(url, userID, SECRET, options);
}

/**
 * Asserts that an outsider was sent no event: the hub handles requests one at a time and sends
 * everything a request causes before reading the next, so once the outsider's own round trip
 * returns, any event meant for it would already have arrived.
 */
async function expectNoEvents(outsider: WireClient): Promise<void> {
  await outsider.ok('queryCallInvitationList', { config: { count: 1 } });
  expect(outsider.events()).toEqual([]);
}

describe('conformance over real sockets', () => {
  it('scenario 2: received ack', async () => {
    const url = await hub();
    const [A, B, D] = await Promise.all([signIn(url, 'A'), signIn(url, 'B'), signIn(url, 'D')]);
    const { callID } = await A.ok('callInvite', { invitees: ['B'], config: { mode: CallMode.General, timeout: 30, extendedData: 'x' } });
    const ack = await A.event('callUserStateChanged', callID);
    expect(ack.data).toEqual({ callID, callUserList: [{ userID: 'B', state: CallUserState.Received, extendedData: '' }] });
    expect(A.events().map((frame) => frame.event)).toEqual(['callInvitationCreated', 'callUserStateChanged']);
    expect((await B.event('callInvitationReceived', callID)).data).toMatchObject({ callID, caller: 'A', inviter: 'A' });
    await expectNoEvents(D);
  });

  it('scenario 13: cancel', async () => {
    const url = await hub();
    const [A, B, D] = await Promise.all([signIn(url, 'A'), signIn(url, 'B'), signIn(url, 'D')]);
    const { callID } = await A.ok('callInvite', { invitees: ['B'], config: { mode: CallMode.General, timeout: 30 } });
    await B.event('callInvitationReceived', callID);
    expect(await A.ok('callCancel', { invitees: ['B'], callID, config: { extendedData: 'bye' } })).toEqual({ callID, errorInvitees: [] });
    const cancelled = await B.event('callInvitationCancelled', callID);
    expect(cancelled.data).toEqual({ callID, mode: CallMode.General, inviter: 'A', extendedData: 'bye' });
    expect((await B.request('callAccept', { callID, config: {} })).error?.code).toBe(ZimErrorCode.CallDoesNotExist);
    await expectNoEvents(D);
  });

  it('scenario 24: caller goes away before an answer', async () => {
    const url = await hub({ heartbeatIntervalMs: 40, heartbeatTimeoutMs: 150 });
    const [A, B, D] = await Promise.all([signIn(url, 'A'), signIn(url, 'B'), signIn(url, 'D')]);
    const expected = (callID: unknown) => ({ callID, mode: CallMode.General, inviter: 'A', extendedData: '' });
    // By logout.
    const first = (await A.ok('callInvite', { invitees: ['B'], config: {} })).callID;
    await B.event('callInvitationReceived', first);
    await A.ok('logout', {});
    expect((await B.event('callInvitationCancelled', first)).data).toEqual(expected(first));
    // By missing heartbeats: this connection never answers the hub's pings.
    const silentA = await signIn(url, 'A', { autoPong: false });
    const second = (await silentA.ok('callInvite', { invitees: ['B'], config: {} })).callID;
    await B.event('callInvitationReceived', second);
    expect((await B.event('callInvitationCancelled', second)).data).toEqual(expected(second));
    expect((await silentA.closed).code).toBe(1006);
    await expectNoEvents(D);
  });

  it('scenario 33: join from outside', async () => {
    // ZIM's rule; the hub's own default lets members only join (docs/protocol.md, callJoin).
    const url = await hub({ openJoin: true });
    const [A, B, D] = await Promise.all([signIn(url, 'A'), signIn(url, 'B'), signIn(url, 'D')]);
    const invite = await A.ok('callInvite', { invitees: ['B'], config: { mode: CallMode.Advanced, extendedData: 'adv' } });
    const callID = invite.callID;
    const created = await A.event('callInvitationCreated', callID);
    await B.event('callInvitationReceived', callID);
    await B.ok('callAccept', { callID, config: {} });
    const before = Date.now();
    const joined = await D.ok('callJoin', { callID, config: { extendedData: 'j' } });
    expect(joined).toEqual({
      callID, createTime: created.data!.createTime, joinTime: expect.any(Number), extendedData: 'adv',
      callUserList: [
        { userID: 'A', state: CallUserState.Accepted, extendedData: '' },
        { userID: 'B', state: CallUserState.Accepted, extendedData: '' },
        { userID: 'D', state: CallUserState.Accepted, extendedData: 'j' },
      ],
    });
    expect(joined.joinTime).toBeGreaterThanOrEqual(before);
    const join = { callID, callUserList: [{ userID: 'D', state: CallUserState.Accepted, extendedData: 'j' }] };
    const isJoin = (frame: { event?: string; data?: Record<string, unknown> }): boolean =>
      frame.event === 'callUserStateChanged' && JSON.stringify(frame.data) === JSON.stringify(join);
    await A.waitFor(isJoin);
    await B.waitFor(isJoin);
  });

  it('scenario 36: second device follows an accept', async () => {
    const url = await hub();
    const [A, B1, B2] = await Promise.all([signIn(url, 'A'), signIn(url, 'B'), signIn(url, 'B')]);
    for (const [answer, state] of [['callAccept', CallUserState.Accepted], ['callReject', CallUserState.Rejected]] as const) {
      const { callID } = await A.ok('callInvite', { invitees: ['B'], config: { mode: CallMode.General } });
      await B1.event('callInvitationReceived', callID);
      await B2.event('callInvitationReceived', callID);
      expect(await B1.ok(answer, { callID, config: {} })).toEqual({ callID });
      const seen = await B2.waitFor((frame) =>
        frame.event === 'callUserStateChanged' && frame.data?.callID === callID
        && (frame.data.callUserList as Array<{ state: number }>)[0]?.state !== CallUserState.Received);
      expect(seen.data).toEqual({ callID, callUserList: [{ userID: 'B', state, extendedData: '' }] });
      // The invitation is closed for B2 as well: it cannot answer it any more.
      expect((await B2.request('callAccept', { callID, config: {} })).error?.code).toBe(ZimErrorCode.CallDoesNotExist);
    }
  });
});
