/** callMediaSignal over a real socket: relayed, counted by the rate limit, bounded by the frame size. */
import { afterEach, describe, expect, it } from 'vitest';
import { CallMode } from '../../../shared/calls/enums.js';
import { ZimErrorCode } from '../../../shared/protocol/errors.js';
import { testHubs, WireClient } from './wireClient.js';

const SECRET = 'media-wire-secret-0123456789';
const hubs = testHubs(SECRET);
afterEach(() => hubs.closeAll());

/** An audio-only offer's size, as Chromium writes it. */
const offer = { description: { type: 'offer' as const, sdp: `v=0\r\n${'a=candidate-like line of an offer\r\n'.repeat(38)}` } };

async function connectedPair(url: string) {
  const alice = await WireClient.as(url, 'alice', SECRET);
  const bob = await WireClient.as(url, 'bob', SECRET);
  const { callID } = await alice.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced } });
  await bob.event('callInvitationReceived', callID);
  await bob.ok('callAccept', { callID, config: {} });
  return { alice, bob, callID };
}

describe('callMediaSignal on the wire', () => {
  it('carries an offer of a real size from one member to the other', async () => {
    const { url } = await hubs.start();
    const { alice, bob, callID } = await connectedPair(url);
    expect(offer.description.sdp.length).toBeGreaterThan(1200);
    await alice.ok('callMediaSignal', { callID, toUserID: 'bob', signal: offer });
    const frame = await bob.event('callMediaSignalReceived', callID);
    expect(frame.data).toEqual({ callID, fromUserID: 'alice', signal: offer });
  });

  it('counts signals against the request rate like any request', async () => {
    let clock = Date.now();
    const { url } = await hubs.start({ requestsPerSecond: 2, requestBurst: 6, now: () => clock });
    const { alice, bob, callID } = await connectedPair(url);
    // alice spent two tokens (login, callInvite); four are left.
    const replies = await Promise.all(
      Array.from({ length: 6 }, () => alice.request('callMediaSignal', { callID, toUserID: 'bob', signal: offer })),
    );
    expect(replies.map((reply) => reply.error?.code ?? 'ok')).toEqual(['ok', 'ok', 'ok', 'ok', ZimErrorCode.FrequencyLimit, ZimErrorCode.FrequencyLimit]);
    await bob.waitFor(() => bob.events().filter((frame) => frame.event === 'callMediaSignalReceived').length === 4);
    clock += 2_000;
    expect((await alice.request('callMediaSignal', { callID, toUserID: 'bob', signal: offer })).result).toEqual({ callID });
  });

  it('closes a connection whose signal is over the frame size with 1009', async () => {
    const { url } = await hubs.start();
    const { alice, callID } = await connectedPair(url);
    alice.raw(JSON.stringify({ id: 9, method: 'callMediaSignal', params: { callID, toUserID: 'bob', signal: { description: { type: 'offer', sdp: 'x'.repeat(20_000) } } } }));
    expect((await alice.closed).code).toBe(1009);
  });
});
