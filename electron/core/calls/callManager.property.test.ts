/**
 * Property tests: random interleavings of invite, accept, decline, cancel, timeout, hang-up and
 * disconnect across several people, against the real hub registry, over both signaling ports
 * (the hub's and the ZIM adapter's). After every step the lines each person holds agree with the
 * other side of each call and stay within the limits; at the end every line is free and every
 * call is over on the hub.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carriesAudio } from '../../../shared/ipc/media.js';
import { CallState } from '../../../shared/calls/enums.js';
import type { CallView } from '../../../shared/ipc/contract.js';
import { BACKENDS, TestWorld, type Phone } from './testWorld.js';

const PEOPLE = ['ann', 'ben', 'cat', 'dan'] as const;
type Person = (typeof PEOPLE)[number];
const CALL_TIMEOUT_S = 5;

type Step =
  | { kind: 'dial'; from: Person; to: Person }
  | { kind: 'dialGroup'; from: Person; to: Person[] }
  | { kind: 'accept' | 'decline' | 'cancel' | 'hangUp' | 'leave' | 'hold' | 'resume'; who: Person; pick: number }
  | { kind: 'invite'; who: Person; pick: number; whom: Person }
  | { kind: 'wait'; ms: number }
  | { kind: 'reconnect'; who: Person };

const person = fc.constantFrom(...PEOPLE);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('dial' as const), from: person, to: person }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('dialGroup' as const),
      from: person,
      to: fc.uniqueArray(person, { minLength: 2, maxLength: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('leave' as const), who: person, pick: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('invite' as const), who: person, pick: fc.nat(3), whom: person }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('accept' as const), who: person, pick: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('decline' as const), who: person, pick: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), who: person, pick: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('hangUp' as const), who: person, pick: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('hold' as const), who: person, pick: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resume' as const), who: person, pick: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 6_000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reconnect' as const), who: person }) },
);
const limits = fc.record({ incoming: fc.integer({ min: 1, max: 3 }), outgoing: fc.integer({ min: 1, max: 2 }) });

function pick(phone: Phone, test: (call: CallView) => boolean, index: number): CallView | undefined {
  const calls = phone.manager.calls.filter(test);
  return calls.length === 0 ? undefined : calls[index % calls.length];
}

async function run(world: TestWorld, s: Step): Promise<void> {
  const ignoreRefusal = (promise: Promise<void>) => promise.catch(() => {});
  switch (s.kind) {
    case 'dial':
      return ignoreRefusal(world.phone(s.from).manager.dial(s.to));
    case 'dialGroup':
      return ignoreRefusal(world.phone(s.from).manager.dialGroup(s.to));
    case 'accept':
    case 'decline': {
      const call = pick(world.phone(s.who), (c) => c.phase === 'ringing', s.pick);
      if (call) await ignoreRefusal(world.phone(s.who).manager[s.kind](call.callID));
      return;
    }
    case 'cancel': {
      const call = pick(world.phone(s.who), (c) => c.phase === 'calling', s.pick);
      if (call) await ignoreRefusal(world.phone(s.who).manager.cancel(call.callID));
      return;
    }
    case 'hangUp':
    case 'leave': {
      const call = pick(world.phone(s.who), (c) => c.phase === 'connected', s.pick);
      if (call) await ignoreRefusal(world.phone(s.who).manager[s.kind](call.callID));
      return;
    }
    case 'hold':
    case 'resume': {
      const call = pick(world.phone(s.who), (c) => c.phase === 'connected', s.pick);
      if (call) world.phone(s.who).manager[s.kind](call.callID);
      return;
    }
    case 'invite': {
      const call = pick(world.phone(s.who), (c) => c.phase === 'connected', s.pick);
      if (call) await ignoreRefusal(world.phone(s.who).manager.invite(call.callID, s.whom));
      return;
    }
    case 'wait':
      return world.advance(s.ms);
    case 'reconnect': {
      const phone = world.phone(s.who);
      phone.link.drop();
      await phone.link.reconnect();
      return;
    }
  }
}

function checkInvariants(world: TestWorld, setup: Record<Person, { incoming: number; outgoing: number }>): void {
  for (const who of PEOPLE) {
    const phone = world.phone(who);
    const calls = phone.manager.calls;
    const incoming = calls.filter((call) => call.direction === 'incoming').length;
    const outgoing = calls.filter((call) => call.direction === 'outgoing').length;
    expect(incoming, `${who}'s incoming calls`).toBeLessThanOrEqual(setup[who].incoming);
    expect(outgoing, `${who}'s outgoing calls`).toBeLessThanOrEqual(setup[who].outgoing);
    expect(phone.manager.ongoing).toBe(calls.length);
    // The audio is never in two calls at once (answer-and-hold): one connected call at most is not held.
    expect(calls.filter(carriesAudio).length, `${who}'s calls with the audio`).toBeLessThanOrEqual(1);
    for (const call of calls) {
      expect(call.phase, `${who}: nothing is left dialing once all frames are in`).not.toBe('dialing');
      expect(call.participants.some((p) => p.state === 'ringing' || p.state === 'joined'), `${who}'s call ${call.callID} has someone in it`).toBe(true);
      for (const participant of call.participants) {
        const theirs = world.phone(participant.userID as Person).manager.calls.find((c) => c.callID === call.callID);
        const where = `${participant.userID}'s side of ${who}'s ${call.phase} call ${call.callID}`;
        if (participant.state === 'ringing') expect(theirs?.phase, where).toBe('ringing');
        else if (participant.state === 'joined' && call.phase === 'connected') expect(theirs?.phase, where).toBe('connected');
        else if (participant.state !== 'joined') expect(theirs, where).toBeUndefined();
      }
    }
  }
}

describe.each(BACKENDS)('CallManager admission under random interleavings, over the %s port', (backend) => {
  it('keeps both sides of every call in agreement, within the limits, and frees every line at the end', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ ann: limits, ben: limits, cat: limits, dan: limits }),
        fc.array(step, { minLength: 1, maxLength: 40 }),
        async (setup, steps) => {
          const world = new TestWorld(backend);
          for (const who of PEOPLE) await world.add(who, { ...setup[who], callTimeoutS: CALL_TIMEOUT_S });
          for (const s of steps) {
            await run(world, s);
            await world.settle();
            checkInvariants(world, setup);
          }
          for (const who of PEOPLE) await world.phone(who).manager.endAll();
          await world.settle();
          await world.advance(CALL_TIMEOUT_S * 1000);
          for (const who of PEOPLE) {
            expect(world.phone(who).manager.ongoing, `${who}'s lines at the end`).toBe(0);
            const { callList } = await world.phone(who).port.request('queryCallInvitationList', { config: { count: 100 } });
            for (const call of callList) expect(call.state, `call ${call.callID} on the hub`).toBe(CallState.Ended);
          }
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);
});
