import { describe, expect, it } from 'vitest';
import { BACKENDS, callsOf, TestWorld } from './testWorld.js';

describe.each(BACKENDS)('a callee whose every device goes away while the call rings (%s)', (backend) => {
  it('is reported to the caller at once; the call keeps ringing until it times out', async () => {
    const world = new TestWorld(backend);
    const alice = await world.add('alice');
    const bob = await world.add('bob');
    await alice.manager.dial('bob');
    await world.settle();
    expect(callsOf(bob)).toEqual(['incoming:alice:ringing']);
    bob.link.drop();
    await world.settle();
    expect(alice.notices).toEqual([{ kind: 'info', text: 'bob is offline; still ringing until they come back or the call times out' }]);
    expect(callsOf(alice)).toEqual(['outgoing:bob:calling']);
    await world.advance(90_000);
    expect(alice.manager.ongoing).toBe(0);
    // It rang on bob's phone, then bob was gone: History says which.
    expect(alice.history.at(-1)).toMatchObject({ outcome: 'no-answer', detail: 'no answer from bob, who went offline while it rang' });
  });

  it('says in History that a callee signed out all along was offline, and nothing of one who came back and let it ring', async () => {
    const world = new TestWorld(backend);
    const alice = await world.add('alice');
    const bob = await world.add('bob');
    bob.link.drop();
    await world.settle();
    await alice.manager.dial('bob');
    await world.advance(90_000);
    expect(alice.history.at(-1)).toMatchObject({ outcome: 'no-answer', detail: 'no answer from bob, who was offline' });

    // Back while the next call is still unreached, bob hears it ring and lets it time out.
    await alice.manager.dial('bob');
    await world.advance(10_000);
    await bob.link.reconnect();
    await world.settle();
    expect(callsOf(bob)).toEqual(['incoming:alice:ringing']);
    await world.advance(90_000);
    expect(alice.history.at(-1)).toMatchObject({ outcome: 'no-answer', detail: 'no answer from bob' });
  });
});

describe.each(BACKENDS)('someone added to a call whose every device goes away while they ring (%s)', (backend) => {
  it('is reported to whoever added them, not to the others in the call', async () => {
    const world = new TestWorld(backend);
    const alice = await world.add('alice');
    const bob = await world.add('bob');
    const carol = await world.add('carol');
    await alice.manager.dial('bob');
    await world.settle();
    await bob.manager.accept(bob.manager.calls[0]!.callID);
    await world.settle();
    await bob.manager.invite(bob.manager.calls[0]!.callID, 'carol');
    await world.settle();
    expect(callsOf(carol)).toEqual(['incoming:bob:ringing']);
    carol.link.drop();
    await world.settle();
    expect(bob.notices).toEqual([{ kind: 'info', text: 'carol is offline; still ringing until they come back or the call times out' }]);
    expect(alice.notices).toEqual([]);
  });
});
