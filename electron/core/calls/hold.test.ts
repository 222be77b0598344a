/**
 * Several calls at once: at most one connected call is not on hold (the one with the audio);
 * answering another holds it (or ends it, by the setting), Resume swaps, mute is per call, and
 * what the far side's offers say about hold shows as "held by".
 */
import { describe, expect, it } from 'vitest';
import type { CallView } from '../../../shared/ipc/contract.js';
import { carriesAudio } from '../../../shared/ipc/media.js';
import { CommandError } from './callManager.js';
import { MediaRelay, offerHolds } from './mediaRelay.js';
import { BACKENDS, TestWorld, type Phone, type PhoneSetup } from './testWorld.js';

const callWith = (phone: Phone, peer: string): CallView => {
  const call = phone.manager.calls.find((candidate) => candidate.peer === peer);
  if (!call) throw new Error(`${phone.userID} has no call with ${peer}`);
  return call;
};
/** Who the calls carrying audio are with: never more than one. */
const withAudio = (phone: Phone): string[] => phone.manager.calls.filter(carriesAudio).map((call) => call.peer);

describe.each(BACKENDS)('over the %s port', (backend) => {
  async function connected(setup: PhoneSetup = {}) {
    const world = new TestWorld(backend);
    const alice = await world.add('alice', setup);
    const bob = await world.add('bob');
    const carol = await world.add('carol');
    await bob.manager.dial('alice');
    await world.settle();
    await alice.manager.accept(callWith(alice, 'bob').callID);
    await world.settle();
    return { world, alice, bob, carol };
  }

  it('says since when each call has been on hold, from the moment it was held, for every way of holding it', async () => {
    const { world, alice, carol } = await connected();
    const heldSince = (peer: string): number | undefined => callWith(alice, peer).media.heldSince;
    expect(heldSince('bob')).toBeUndefined();
    await world.advance(5_000);
    await carol.manager.dial('alice');
    await world.settle();
    await alice.manager.accept(callWith(alice, 'carol').callID);
    await world.settle();
    // Answer-and-hold: bob waits from the answer on.
    const answeredAt = world.hub.clock.now();
    expect(heldSince('bob')).toBe(answeredAt);
    await world.advance(7_000);
    // The swap: carol waits from now, bob's wait is over.
    alice.manager.resume(callWith(alice, 'bob').callID);
    expect(heldSince('carol')).toBe(answeredAt + 7_000);
    expect(heldSince('bob')).toBeUndefined();
    // Held again later: the wait starts again; holding a held call does not restart it.
    await world.advance(3_000);
    alice.manager.hold(callWith(alice, 'bob').callID);
    expect(heldSince('bob')).toBe(answeredAt + 10_000);
    await world.advance(1_000);
    alice.manager.hold(callWith(alice, 'bob').callID);
    expect(heldSince('bob')).toBe(answeredAt + 10_000);
  });

  it('answering a second call puts the connected one on hold (answer-and-hold)', async () => {
    const { world, alice, carol } = await connected();
    expect(withAudio(alice)).toEqual(['bob']);
    await carol.manager.dial('alice');
    await world.settle();
    // Ringing changes nothing: the call with bob keeps the audio until alice answers.
    expect(withAudio(alice)).toEqual(['bob']);
    await alice.manager.accept(callWith(alice, 'carol').callID);
    expect(withAudio(alice)).toEqual(['carol']);
    expect(callWith(alice, 'bob').media).toMatchObject({ held: true, muted: false, heldBy: [] });
    expect(callWith(alice, 'bob').phase).toBe('connected');
  });

  it('with "end the current call", answering ends the connected one instead', async () => {
    const { world, alice, bob, carol } = await connected({ secondCall: 'end' });
    await carol.manager.dial('alice');
    await world.settle();
    await alice.manager.accept(callWith(alice, 'carol').callID);
    await world.settle();
    expect(alice.manager.calls.map((call) => call.peer)).toEqual(['carol']);
    expect(withAudio(alice)).toEqual(['carol']);
    expect(bob.manager.calls).toEqual([]);
    expect(bob.history.at(-1)).toMatchObject({ outcome: 'answered', detail: expect.stringMatching(/^alice hung up/) });
  });

  it('Resume on a held call holds the active one: the swap', async () => {
    const { world, alice, carol } = await connected();
    await carol.manager.dial('alice');
    await world.settle();
    await alice.manager.accept(callWith(alice, 'carol').callID);
    alice.manager.resume(callWith(alice, 'bob').callID);
    expect(withAudio(alice)).toEqual(['bob']);
    expect(callWith(alice, 'carol').media.held).toBe(true);
    alice.manager.resume(callWith(alice, 'carol').callID);
    expect(withAudio(alice)).toEqual(['carol']);
    // Hold on the active call leaves no call with the audio; Resume on it brings it back.
    alice.manager.hold(callWith(alice, 'carol').callID);
    expect(withAudio(alice)).toEqual([]);
    alice.manager.resume(callWith(alice, 'carol').callID);
    expect(withAudio(alice)).toEqual(['carol']);
  });

  it('a call this user places while talking holds the connected one once answered', async () => {
    const { world, alice, carol } = await connected({ outgoing: 2 });
    await alice.manager.dial('carol');
    await world.settle();
    expect(withAudio(alice)).toEqual(['bob']);
    await carol.manager.accept(callWith(carol, 'alice').callID);
    await world.settle();
    expect(withAudio(alice)).toEqual(['carol']);
    expect(callWith(alice, 'bob').media.held).toBe(true);
  });

  it('mutes and unmutes one call at a time, and refuses hold and mute on a call not connected', async () => {
    const { world, alice, carol } = await connected();
    alice.manager.setMuted(callWith(alice, 'bob').callID, true);
    expect(callWith(alice, 'bob').media).toMatchObject({ held: false, muted: true, heldBy: [] });
    await carol.manager.dial('alice');
    await world.settle();
    const ringing = callWith(alice, 'carol').callID;
    expect(() => alice.manager.hold(ringing)).toThrow(new CommandError('Cannot hold the call with carol: it is still ringing'));
    expect(() => alice.manager.setMuted(ringing, true)).toThrow(CommandError);
    alice.manager.setMuted(callWith(alice, 'bob').callID, false);
    expect(callWith(alice, 'bob').media.muted).toBe(false);
  });
});

describe('MediaRelay', () => {
  const offer = (direction: string) => ({
    description: { type: 'offer' as const, sdp: `v=0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=${direction}\r\na=rtpmap:111 opus/48000/2\r\n` },
  });

  it('reads hold from an offer: sendonly and inactive hold, sendrecv and recvonly do not', () => {
    expect(offerHolds(offer('inactive').description.sdp)).toBe(true);
    expect(offerHolds(offer('sendonly').description.sdp)).toBe(true);
    expect(offerHolds(offer('sendrecv').description.sdp)).toBe(false);
    expect(offerHolds(offer('recvonly').description.sdp)).toBe(false);
  });

  async function relayed() {
    const world = new TestWorld('hub');
    const alice = await world.add('alice');
    const bob = await world.add('bob');
    const carol = await world.add('carol');
    const received: Record<string, unknown[]> = { alice: [], bob: [], carol: [] };
    const logs: string[] = [];
    const relays = Object.fromEntries(
      [alice, bob, carol].map((phone) => [
        phone.userID,
        new MediaRelay(phone.port, phone.manager, (message) => received[phone.userID]!.push(message), (line) => logs.push(line)),
      ]),
    ) as Record<'alice' | 'bob' | 'carol', MediaRelay>;
    await alice.manager.dial('bob');
    await world.settle();
    const callID = callWith(bob, 'alice').callID;
    await bob.manager.accept(callID);
    await world.settle();
    return { world, alice, bob, carol, relays, received, logs, callID };
  }

  it('carries signals between the two ends of a connected call and reports hold from their offers', async () => {
    const { world, alice, bob, relays, received, callID } = await relayed();
    relays.alice.send({ callID, peer: 'bob', signal: offer('sendrecv') });
    await world.settle();
    expect(received.bob).toEqual([{ callID, peer: 'alice', signal: offer('sendrecv') }]);
    expect(callWith(bob, 'alice').media.heldBy).toEqual([]);

    relays.alice.send({ callID, peer: 'bob', signal: offer('inactive') });
    await world.settle();
    expect(callWith(bob, 'alice').media.heldBy).toEqual(['alice']);
    relays.alice.send({ callID, peer: 'bob', signal: offer('sendrecv') });
    await world.settle();
    expect(callWith(bob, 'alice').media.heldBy).toEqual([]);
    expect(callWith(alice, 'bob').media.heldBy).toEqual([]);
  });

  it('says since when this user has waited, held by the one other person in the call, and a renegotiation does not restart it', async () => {
    const { world, bob, relays, callID } = await relayed();
    const waitingSince = (): number | undefined => callWith(bob, 'alice').media.waitingSince;
    expect(waitingSince()).toBeUndefined();
    await world.advance(4_000);
    relays.alice.send({ callID, peer: 'bob', signal: offer('inactive') });
    await world.settle();
    const heldAt = world.hub.clock.now();
    expect(waitingSince()).toBe(heldAt);
    // Another offer that still holds (a renegotiation) does not restart the wait.
    await world.advance(2_000);
    relays.alice.send({ callID, peer: 'bob', signal: offer('sendonly') });
    await world.settle();
    expect(waitingSince()).toBe(heldAt);
    relays.alice.send({ callID, peer: 'bob', signal: offer('sendrecv') });
    await world.settle();
    expect(waitingSince()).toBeUndefined();
  });

  async function groupOnHold() {
    const world = new TestWorld('hub');
    const [alice, bob, carol, dave] = [await world.add('alice'), await world.add('bob'), await world.add('carol'), await world.add('dave')];
    const relays = Object.fromEntries([alice, bob, carol, dave].map((phone) => [phone.userID, new MediaRelay(phone.port, phone.manager, () => {}, () => {})]));
    await alice.manager.dialGroup(['bob', 'carol', 'dave']);
    await world.settle();
    for (const phone of [bob, carol]) await phone.manager.accept(callWith(phone, 'alice').callID);
    await world.settle();
    const callID = callWith(bob, 'alice').callID;
    const hold = async (who: 'bob' | 'carol'): Promise<void> => {
      relays[who]!.send({ callID, peer: 'alice', signal: offer('inactive') });
      await world.settle();
    };
    const media = (): CallView['media'] => alice.manager.calls[0]!.media;
    return { world, alice, bob, carol, dave, callID, hold, media };
  }

  it('in a group, waits only once the last one still talking holds too, from when they did; someone still ringing does not count', async () => {
    const { world, hold, media } = await groupOnHold();
    await hold('bob');
    // carol still talks with alice (dave still rings): alice is not waiting.
    expect(media()).toMatchObject({ heldBy: ['bob'] });
    expect(media().waitingSince).toBeUndefined();
    await world.advance(3_000);
    await hold('carol');
    expect(media()).toMatchObject({ heldBy: ['bob', 'carol'], waitingSince: world.hub.clock.now() });
  });

  it('in a group, waits from when the last one still talking left, not from the hold before it', async () => {
    const { world, carol, callID, hold, media } = await groupOnHold();
    await hold('bob');
    await world.advance(300_000);
    await carol.manager.leave(callID);
    await world.settle();
    expect(media()).toMatchObject({ heldBy: ['bob'], waitingSince: world.hub.clock.now() });
  });

  it('forgets a hold once its holder has left: back in the call, they talk until they hold again', async () => {
    const { world, alice, bob, carol, callID, hold, media } = await groupOnHold();
    await hold('bob');
    await bob.manager.leave(callID);
    await world.settle();
    expect(media().heldBy).toEqual([]);
    // carol brings bob back; his new offer need not say anything of hold, and he was not holding.
    await carol.manager.invite(callID, 'bob');
    await world.settle();
    await bob.manager.accept(bob.manager.calls[0]!.callID);
    await world.settle();
    expect(alice.manager.calls[0]!.participants).toContainEqual({ userID: 'bob', state: 'joined' });
    expect(media().heldBy).toEqual([]);
  });

  it('drops what the renderer sends for a call or a peer it is not connected with, and malformed signals', async () => {
    const { world, relays, received, logs, callID } = await relayed();
    relays.alice.send({ callID, peer: 'carol', signal: offer('sendrecv') });
    relays.alice.send({ callID: 'nope', peer: 'bob', signal: offer('sendrecv') });
    relays.alice.send({ callID, peer: 'bob', signal: { description: { type: 'rollback', sdp: '' } } });
    relays.alice.send('garbage');
    await world.settle();
    expect(received).toEqual({ alice: [], bob: [], carol: [] });
    expect(logs).toEqual([
      `dropped a media signal for carol in call ${callID}: not a connected call with carol in it`,
      'dropped a media signal for bob in call nope: not a connected call with bob in it',
      expect.stringMatching(/^refused a media signal from the renderer: signal/),
      expect.stringMatching(/^refused a media signal from the renderer: /),
    ]);
  });

  it('does not hand the renderer signals for a call that has ended here', async () => {
    const { world, alice, bob, relays, received, callID } = await relayed();
    // bob's side ends the call locally first; a signal alice sent meanwhile must not reach bob's renderer.
    await bob.manager.hangUp(callID);
    relays.alice.send({ callID, peer: 'bob', signal: offer('sendrecv') });
    await world.settle();
    expect(received.bob).toEqual([]);
    expect(alice.manager.calls).toEqual([]);
  });
});
