/**
 * A softphone whose connection fails while the hub still holds the user, on another connection
 * the hub has not yet seen fail (a network failure is noticed only at the heartbeat timeout):
 * once back online, it leaves on the hub the calls it dropped, so no peer stays in them.
 */
import { describe, expect, it } from 'vitest';
import { CommandError } from './callManager.js';
import { callsOf, TestWorld } from './testWorld.js';

describe('a softphone back online after losing its connection', () => {
  it('ends on the hub a connected call it dropped, so the peer is not left in it', async () => {
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
    await world.settle();
    expect(bob.history.at(-1)).toMatchObject({ outcome: 'answered', detail: 'the connection was lost' });
    expect(callsOf(alice)).toEqual(['outgoing:bob:connected']);
    await bob.link.reconnect();
    await world.settle();
    expect(callsOf(alice)).toEqual([]);
    expect(alice.history.at(-1)).toMatchObject({ outcome: 'answered', detail: expect.stringMatching(/^bob hung up/) });
    stale.close();
  });

  it('cancels an invitation it was placing, so the callee stops ringing', async () => {
    const world = new TestWorld();
    const alice = await world.add('alice');
    const bob = await world.add('bob');
    const stale = world.hub.login('alice');
    await alice.manager.dial('bob');
    await world.settle();
    expect(callsOf(bob)).toEqual(['incoming:alice:ringing']);

    alice.link.drop();
    await world.settle();
    expect(callsOf(bob)).toEqual(['incoming:alice:ringing']);
    await alice.link.reconnect();
    await world.settle();
    expect(callsOf(bob)).toEqual([]);
    expect(bob.history.at(-1)).toMatchObject({ outcome: 'missed', detail: 'missed: alice cancelled' });
    stale.close();
  });

  it('ends an invitation the callee accepted while it was cut off, so the callee is not left alone in it', async () => {
    const world = new TestWorld();
    const alice = await world.add('alice');
    const bob = await world.add('bob');
    const stale = world.hub.login('alice');
    await alice.manager.dial('bob');
    await world.settle();

    alice.link.drop();
    await world.settle();
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
