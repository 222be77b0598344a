/**
 * A softphone whose connection fails while the hub still holds the user, on another connection
 * the hub has not yet seen fail (a network failure is noticed only at the heartbeat timeout):
 * once back online, it leaves on the hub the calls it dropped, so no peer stays in them.
 */
import { describe, expect, it } from 'vitest';
import { CallMode } from '../../../shared/calls/enums.js';
import { CommandError } from './callManager.js';
import { DEFAULT_RECONNECT_GRACE_MS } from '../hub/core.js';
import { callsOf, TestWorld, type Phone } from './testWorld.js';

describe('a softphone back online after losing its connection', () => {
  it('ends on the hub a connected call it dropped past the grace, so the peer is not left in it', async () => {
    const world = new TestWorld();
    const alice = await world.add('alice');
    const bob = await world.add('bob');
    const stale = world.hub.login('bob');
    await alice.manager.dial('bob');
    await world.settle();
    await bob.manager.accept(bob.manager.calls[0]!.callID);
    await world.settle();
    expect(callsOf(alice)).toEqual(['outgoing:bob:connected']);

    bob.link.drop();
    await world.advance(DEFAULT_RECONNECT_GRACE_MS);
    expect(bob.history.at(-1)).toMatchObject({ outcome: 'answered', detail: 'the connection was lost' });
    expect(callsOf(alice)).toEqual(['outgoing:bob:connected']);
    await bob.link.reconnect();
    await world.settle();
    expect(callsOf(alice)).toEqual([]);
    expect(alice.history.at(-1)).toMatchObject({ outcome: 'answered', detail: expect.stringMatching(/^bob hung up/) });
    stale.close();
  });

  it('cancels an invitation it was placing past the grace, so the callee stops ringing', async () => {
    const world = new TestWorld();
    const alice = await world.add('alice');
    const bob = await world.add('bob');
    const stale = world.hub.login('alice');
    await alice.manager.dial('bob');
    await world.settle();
    expect(callsOf(bob)).toEqual(['incoming:alice:ringing']);

    alice.link.drop();
    await world.advance(DEFAULT_RECONNECT_GRACE_MS);
    expect(alice.history.at(-1)).toMatchObject({ outcome: 'failed', detail: 'the connection was lost' });
    expect(callsOf(bob)).toEqual(['incoming:alice:ringing']);
    await alice.link.reconnect();
    await world.settle();
    expect(callsOf(bob)).toEqual([]);
    expect(bob.history.at(-1)).toMatchObject({ outcome: 'missed', detail: 'missed: alice cancelled' });
    stale.close();
  });

  it('ends an invitation the callee accepted after the grace, so the callee is not left alone in it', async () => {
    const world = new TestWorld();
    const alice = await world.add('alice');
    const bob = await world.add('bob');
    const stale = world.hub.login('alice');
    await alice.manager.dial('bob');
    await world.settle();

    alice.link.drop();
    await world.advance(DEFAULT_RECONNECT_GRACE_MS);
    await bob.manager.accept(bob.manager.calls[0]!.callID);
    await world.settle();
    expect(callsOf(bob)).toEqual(['incoming:alice:connected']);
    await alice.link.reconnect();
    await world.settle();
    expect(callsOf(bob)).toEqual([]);
    expect(bob.history.at(-1)).toMatchObject({ outcome: 'answered', detail: expect.stringMatching(/^alice hung up/) });
    stale.close();
  });

  it('leaves a call its answer reached the hub just as the connection failed, so the caller is not left talking to nobody', async () => {
    const world = new TestWorld();
    const alice = await world.add('alice');
    const bob = await world.add('bob');
    const stale = world.hub.login('bob');
    await alice.manager.dial('bob');
    await world.settle();

    const answering = bob.manager.accept(bob.manager.calls[0]!.callID);
    bob.link.drop();
    await expect(answering).rejects.toThrow(CommandError);
    await world.settle();
    expect(bob.history.at(-1)).toMatchObject({ outcome: 'missed', detail: 'the connection was lost' });
    // The hub took the answer before the connection went: alice is connected to a softphone that dropped the call.
    expect(callsOf(alice)).toEqual(['outgoing:bob:connected']);
    await bob.link.reconnect();
    await world.settle();
    expect(callsOf(bob)).toEqual([]);
    expect(callsOf(alice)).toEqual([]);
    expect(alice.history.at(-1)).toMatchObject({ outcome: 'answered', detail: expect.stringMatching(/^bob hung up/) });
    stale.close();
  });

  it('cancels an invitation whose callInvite reached the hub just as the connection failed, so the callee does not ring for a caller who gave up', async () => {
    const world = new TestWorld();
    const alice = await world.add('alice');
    const bob = await world.add('bob');
    const stale = world.hub.login('alice');

    const dialing = alice.manager.dial('bob');
    alice.link.drop();
    await expect(dialing).rejects.toThrow(CommandError);
    await world.settle();
    expect(alice.history.at(-1)).toMatchObject({ outcome: 'failed', detail: 'the connection was lost' });
    // The hub created the call before the connection went: bob rings for a dial alice's softphone gave up on.
    expect(callsOf(bob)).toEqual(['incoming:alice:ringing']);
    await alice.link.reconnect();
    await world.settle();
    expect(callsOf(bob)).toEqual([]);
    expect(bob.history.at(-1)).toMatchObject({ outcome: 'missed', detail: 'missed: alice cancelled' });
    stale.close();
  });
});

describe('a conversation kept through a lost connection', () => {
  /** alice calls bob, whose phone rings. */
  async function ringing(backend: 'hub' | 'zim' = 'hub'): Promise<{ world: TestWorld; alice: Phone; bob: Phone; callID: string }> {
    const world = new TestWorld(backend);
    const alice = await world.add('alice');
    const bob = await world.add('bob');
    await alice.manager.dial('bob');
    await world.settle();
    return { world, alice, bob, callID: bob.manager.calls[0]!.callID };
  }

  async function talking(backend: 'hub' | 'zim' = 'hub'): Promise<{ world: TestWorld; alice: Phone; bob: Phone; callID: string }> {
    const parts = await ringing(backend);
    await parts.bob.manager.accept(parts.callID);
    await parts.world.settle();
    return parts;
  }

  it('goes on when the softphone is back within the grace, on both sides, and can be held again', async () => {
    const { world, alice, bob, callID } = await talking();
    bob.link.drop();
    await world.advance(DEFAULT_RECONNECT_GRACE_MS - 1000);
    expect(bob.manager.calls).toEqual([expect.objectContaining({ callID, phase: 'connected', reconnecting: true })]);
    expect(alice.manager.calls).toEqual([expect.objectContaining({ callID, phase: 'connected' })]);
    // The others would not hear of it: hold and adding someone wait for the connection; mute does not.
    expect(() => bob.manager.hold(callID)).toThrow(new CommandError('Cannot hold the call with alice while reconnecting to the hub'));
    await expect(bob.manager.invite(callID, 'carol')).rejects.toThrow('Cannot add someone to the call with alice while reconnecting to the hub');
    bob.manager.setMuted(callID, true);

    await bob.link.reconnect();
    await world.settle();
    await world.advance(DEFAULT_RECONNECT_GRACE_MS);
    expect(bob.manager.calls).toEqual([expect.objectContaining({ callID, phase: 'connected', media: expect.objectContaining({ muted: true }) })]);
    expect(bob.manager.calls[0]!.reconnecting).toBeUndefined();
    expect(alice.manager.calls).toEqual([expect.objectContaining({ callID, phase: 'connected' })]);
    bob.manager.hold(callID);
    await bob.manager.hangUp(callID);
    await world.settle();
    expect(callsOf(alice)).toEqual([]);
    expect(alice.history.at(-1)).toMatchObject({ outcome: 'answered', detail: expect.stringMatching(/^bob hung up after/) });
  });

  it('hung up while reconnecting: ends here at once, and for the peer once the softphone is back', async () => {
    const { world, alice, bob, callID } = await talking();
    bob.link.drop();
    await world.settle();
    await bob.manager.hangUp(callID);
    expect(callsOf(bob)).toEqual([]);
    expect(bob.history.at(-1)).toMatchObject({ outcome: 'answered', detail: expect.stringMatching(/^you hung up after/) });
    expect(callsOf(alice)).toEqual(['outgoing:bob:connected']);
    await bob.link.reconnect();
    await world.settle();
    expect(callsOf(alice)).toEqual([]);
    expect(alice.history.at(-1)).toMatchObject({ outcome: 'answered', detail: expect.stringMatching(/^bob hung up after/) });
  });

  it('the peer hung up meanwhile: back online, the call ends saying so', async () => {
    const { world, alice, bob, callID } = await talking();
    bob.link.drop();
    await world.settle();
    await alice.manager.hangUp(callID);
    await world.settle();
    expect(callsOf(bob)).toEqual(['incoming:alice:connected']);
    await bob.link.reconnect();
    await world.settle();
    expect(callsOf(bob)).toEqual([]);
    expect(bob.history.at(-1)).toMatchObject({ outcome: 'answered', detail: expect.stringMatching(/^alice hung up after/) });
  });

  it('closed while the hub is being asked about the kept calls: the answer, once it comes, changes nothing', async () => {
    const { world, alice, bob, callID } = await talking();
    bob.link.drop();
    await world.settle();
    await alice.manager.hangUp(callID);
    await world.settle();
    await bob.link.reconnect();
    bob.link.hold();
    const historyBefore = bob.history.length;
    const noticesBefore = bob.notices.length;
    bob.manager.dispose();
    bob.link.release();
    await world.settle();
    await world.advance(DEFAULT_RECONNECT_GRACE_MS);
    expect(bob.history.length).toBe(historyBefore);
    expect(bob.notices.length).toBe(noticesBefore);
    expect(callsOf(bob)).toEqual(['incoming:alice:connected']);
  });

  it('someone who left a group call meanwhile is gone from it once back', async () => {
    const { world, alice, bob, callID } = await talking();
    const carol = await world.add('carol');
    await alice.manager.invite(callID, 'carol');
    await world.settle();
    await carol.manager.accept(callID);
    await world.settle();
    bob.link.drop();
    await world.settle();
    await carol.manager.leave(callID);
    await world.settle();
    await bob.link.reconnect();
    await world.settle();
    expect(bob.manager.calls[0]!.participants).toEqual([
      { userID: 'alice', state: 'joined' },
      { userID: 'carol', state: 'left' },
    ]);
  });

  it('an invitation placed rings on through the loss; answered meanwhile, it is a call once back', async () => {
    const { world, alice, bob, callID } = await ringing();
    alice.link.drop();
    await world.settle();
    expect(alice.manager.calls).toEqual([expect.objectContaining({ callID, phase: 'calling', reconnecting: true })]);
    await bob.manager.accept(callID);
    await world.settle();
    await alice.link.reconnect();
    await world.settle();
    await world.advance(DEFAULT_RECONNECT_GRACE_MS);
    expect(callsOf(alice)).toEqual(['outgoing:bob:connected']);
    expect(callsOf(bob)).toEqual(['incoming:alice:connected']);
    expect(alice.history).toEqual([]);
  });

  it('an invitation ringing here rings on through the loss, waits to be answered until back, and is then answered', async () => {
    const { world, alice, bob, callID } = await ringing();
    bob.link.drop();
    await world.settle();
    expect(bob.manager.calls).toEqual([expect.objectContaining({ callID, phase: 'ringing', reconnecting: true })]);
    await expect(bob.manager.accept(callID)).rejects.toThrow('Cannot answer the call with alice while reconnecting to the hub');
    await expect(bob.manager.decline(callID)).rejects.toThrow('Cannot decline the call with alice while reconnecting to the hub');
    expect(bob.history).toEqual([]);
    await bob.link.reconnect();
    await world.settle();
    await bob.manager.accept(callID);
    await world.settle();
    expect(callsOf(alice)).toEqual(['outgoing:bob:connected']);
    expect(bob.history).toEqual([]);
  });

  it('an answer pressed while the hub is still being asked about the kept calls waits for it, and the call is not hung up', async () => {
    const { world, alice, bob, callID } = await ringing();
    bob.link.drop();
    await world.settle();
    await bob.link.reconnect();
    // The hub's answer about the kept calls is on its way.
    bob.link.hold();
    await expect(bob.manager.accept(callID)).rejects.toThrow('Cannot answer the call with alice while reconnecting to the hub');
    bob.link.release();
    await world.settle();
    await bob.manager.accept(callID);
    await world.settle();
    expect(callsOf(bob)).toEqual(['incoming:alice:connected']);
    expect(callsOf(alice)).toEqual(['outgoing:bob:connected']);
  });

  it('answered on another device of the user meanwhile: once back, it says so, not missed', async () => {
    const { world, bob, callID } = await ringing();
    const laptop = await world.add('bob', {}, 'bob laptop');
    await world.settle();
    bob.link.drop();
    await world.settle();
    await laptop.manager.accept(callID);
    await world.settle();
    await bob.link.reconnect();
    await world.settle();
    expect(callsOf(bob)).toEqual([]);
    expect(bob.history.at(-1)).toMatchObject({ outcome: 'answered', detail: 'answered on another device' });
  });

  it('calls the hub ended meanwhile do not take the lines of invitations that arrive at sign-in', async () => {
    const world = new TestWorld();
    const alice = await world.add('alice');
    const bob = await world.add('bob', { incoming: 1 });
    const carol = await world.add('carol');
    await alice.manager.dial('bob');
    await world.settle();
    bob.link.drop();
    await world.settle();
    await alice.manager.cancel(alice.manager.calls[0]!.callID);
    await carol.manager.dial('bob');
    await world.settle();
    await bob.link.reconnect();
    await world.settle();
    expect(callsOf(bob)).toEqual(['incoming:carol:ringing']);
    expect(bob.history).toEqual([expect.objectContaining({ outcome: 'missed', detail: 'missed: alice cancelled' })]);
  });

  it('an invitation kept through the loss still times out when the hub times it out', async () => {
    const world = new TestWorld();
    const alice = await world.add('alice', { callTimeoutS: 10 });
    const bob = await world.add('bob');
    await alice.manager.dial('bob');
    await world.settle();
    bob.link.drop();
    alice.link.drop();
    await world.advance(10_000);
    expect(callsOf(bob)).toEqual([]);
    expect(bob.history.at(-1)).toMatchObject({ outcome: 'missed', detail: 'missed: not answered in time' });
    expect(callsOf(alice)).toEqual([]);
    expect(alice.history.at(-1)).toMatchObject({ outcome: 'no-answer', detail: 'no answer from bob' });
  });

  it('cancelled while reconnecting: ends here at once, and the callee stops ringing once back', async () => {
    const { world, alice, bob, callID } = await ringing();
    alice.link.drop();
    await world.settle();
    await alice.manager.cancel(callID);
    expect(callsOf(alice)).toEqual([]);
    expect(callsOf(bob)).toEqual(['incoming:alice:ringing']);
    await alice.link.reconnect();
    await world.settle();
    expect(callsOf(bob)).toEqual([]);
    expect(bob.history.at(-1)).toMatchObject({ outcome: 'missed', detail: 'missed: alice cancelled' });
  });

  it('a softphone restarted after a crash, which knows nothing of the call: the peer is not left in it', async () => {
    const { world, alice, bob } = await talking();
    bob.link.drop();
    bob.manager.dispose();
    await world.add('bob', {}, 'bob restarted');
    await world.advance(DEFAULT_RECONNECT_GRACE_MS);
    expect(callsOf(alice)).toEqual([]);
    expect(alice.history.at(-1)).toMatchObject({ outcome: 'answered', detail: expect.stringMatching(/^bob hung up after/) });
  });

  it('goes on however many calls rang for the user meanwhile, past the hub\'s 100 a user and ten pages of them', async () => {
    const { world, alice, bob, callID } = await talking();
    bob.link.drop();
    await world.settle();
    for (let i = 0; i < 1500; i += 1) {
      const caller = world.hub.login(`caller${i}`);
      const invited = caller.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced } });
      // A tenth of them give up: ended calls, of which the hub keeps the last ones only.
      if (i % 10 === 0) caller.ok('callCancel', { callID: invited.callID, invitees: [], config: {} });
    }
    await bob.link.reconnect();
    await world.settle();
    expect(bob.manager.calls.find((call) => call.callID === callID)).toMatchObject({ phase: 'connected' });
    expect(bob.history.find((entry) => entry.callID === callID)).toBeUndefined();
    expect(callsOf(alice)).toEqual(['outgoing:bob:connected']);
  });

  it('over ZEGOCLOUD, whose cloud ends a lost session\'s calls once its own reconnection gives up, ends at once as before', async () => {
    const { world, alice, bob } = await talking('zim');
    bob.link.drop();
    await world.settle();
    expect(callsOf(alice)).toEqual([]);
    expect(callsOf(bob)).toEqual([]);
    expect(bob.history.at(-1)).toMatchObject({ outcome: 'answered', detail: 'the connection was lost' });
  });

  it('ends at once when the softphone closes its connection, as signing out and quitting do', async () => {
    const { world, bob } = await talking();
    bob.link.drop();
    await world.settle();
    bob.port.close();
    await world.settle();
    expect(callsOf(bob)).toEqual([]);
    expect(bob.history.at(-1)).toMatchObject({ outcome: 'answered', detail: 'the connection was lost' });
  });
});
