import { describe, expect, it } from 'vitest';
import type { CallOutcomeView, Notice } from '../../shared/ipc/contract.js';
import { callNews, missedNews, outcomeNews } from './callNews.js';
import { makeCall } from './testing/fixtures.js';

const connected = (call: Omit<Parameters<typeof makeCall>[0], 'phase'>) => makeCall({ ...call, phase: 'connected' });
const lines = { before: 3, after: 3 };

describe('callNews', () => {
  it('tells an answer, someone joining or leaving, a hand-over, and hold both ways', () => {
    const calling = makeCall({ callID: 'c1', peer: 'bob', phase: 'calling', direction: 'outgoing' });
    expect(callNews([calling], [connected({ callID: 'c1', peer: 'bob', direction: 'outgoing' })], lines)).toEqual(['bob answered']);

    const withAlice = connected({ callID: 'c2', peer: 'alice', participants: [{ userID: 'alice', state: 'joined' }, { userID: 'carol', state: 'ringing' }] });
    const joined = connected({ callID: 'c2', peer: 'alice', participants: [{ userID: 'alice', state: 'joined' }, { userID: 'carol', state: 'joined' }] });
    expect(callNews([withAlice], [joined], lines)).toEqual(['carol joined your call with alice']);

    const handedOver = connected({ callID: 'c2', peer: 'carol', participants: [{ userID: 'alice', state: 'left' }, { userID: 'carol', state: 'joined' }] });
    expect(callNews([joined], [handedOver], lines)).toEqual(['alice left the call', 'Your call is now with carol']);

    const held = connected({ callID: 'c3', peer: 'dave', media: { held: true, muted: false, heldBy: [] } });
    const live = connected({ callID: 'c3', peer: 'dave' });
    expect(callNews([live], [held], lines)).toEqual(['Call with dave on hold']);
    expect(callNews([held], [live], lines)).toEqual(['Call with dave resumed']);
    const heldByDave = connected({ callID: 'c3', peer: 'dave', media: { held: false, muted: false, heldBy: ['dave'] } });
    expect(callNews([live], [heldByDave], lines)).toEqual(['dave put you on hold']);
    expect(callNews([heldByDave], [live], lines)).toEqual(['dave took you off hold']);
  });

  it('tells a swap as one line: who you are with now, and who waits on hold', () => {
    const bob = connected({ callID: 'c1', peer: 'bob' });
    const carolHeld = connected({ callID: 'c2', peer: 'carol', media: { held: true, muted: false, heldBy: [] } });
    const bobHeld = connected({ callID: 'c1', peer: 'bob', media: { held: true, muted: false, heldBy: [] } });
    const carol = connected({ callID: 'c2', peer: 'carol' });
    expect(callNews([bob, carolHeld], [bobHeld, carol], lines)).toEqual(['Now with carol; bob on hold']);
  });

  it('tells when the conversation ends and nobody is left on the line but callers on hold, longest-waiting first', () => {
    const onHold = (callID: string, peer: string, heldSince: number) => connected({ callID, peer, media: { held: true, muted: false, heldBy: [], heldSince } });
    const ann = onHold('c1', 'ann', 2000);
    const boss = onHold('c2', 'boss', 1000);
    const dan = connected({ callID: 'c3', peer: 'dan' });
    // (Five lines: none frees that was full.)
    const five = { before: 5, after: 5 };
    expect(callNews([ann, boss, dan], [ann, boss], five)).toEqual(['Nobody on the line: boss and ann on hold']);
    // Two calls with ann on hold name her once.
    const annAgain = onHold('c5', 'ann', 2500);
    expect(callNews([ann, annAgain, dan], [ann, annAgain], five)).toEqual(['Nobody on the line: ann on hold']);
    // Put on hold rather than ended: said as a hold, as before.
    expect(callNews([ann, dan], [ann, onHold('c3', 'dan', 3000)], five)).toEqual(['Call with dan on hold']);
    // Another conversation still on the line: nothing to say.
    const eve = connected({ callID: 'c4', peer: 'eve' });
    expect(callNews([ann, dan, eve], [ann, eve], five)).toEqual([]);
  });

  it('tells once, for all the calls it keeps, that the connection was lost and that it is back', () => {
    const bob = connected({ callID: 'c1', peer: 'bob' });
    const carol = connected({ callID: 'c2', peer: 'carol', media: { held: true, muted: false, heldBy: [] } });
    const adrift = [{ ...bob, reconnecting: true }, { ...carol, reconnecting: true }];
    expect(callNews([bob, carol], adrift, lines)).toEqual(['Connection lost: your 2 calls are kept while Switchboard reconnects']);
    expect(callNews(adrift, [bob, carol], lines)).toEqual(['Reconnected: your 2 calls go on']);
    expect(callNews([bob], [{ ...bob, reconnecting: true }], lines)).toEqual(['Connection lost: your call with bob is kept while Switchboard reconnects']);
    expect(callNews(adrift, adrift, lines)).toEqual([]);
  });

  it('in a call placed to several people, names only who answered, and who joined after them', () => {
    const ringingBoth = [{ userID: 'bob', state: 'ringing' as const }, { userID: 'carol', state: 'ringing' as const }];
    const calling = makeCall({ callID: 'g1', peer: 'bob, carol', phase: 'calling', direction: 'outgoing', group: true, participants: ringingBoth });
    const bobIn = connected({ callID: 'g1', peer: 'bob, carol', direction: 'outgoing', group: true, participants: [{ userID: 'bob', state: 'joined' }, { userID: 'carol', state: 'ringing' }] });
    expect(callNews([calling], [bobIn], lines)).toEqual(['bob answered']);
    const bothIn = connected({ callID: 'g1', peer: 'bob, carol', direction: 'outgoing', group: true, participants: [{ userID: 'bob', state: 'joined' }, { userID: 'carol', state: 'joined' }] });
    expect(callNews([bobIn], [bothIn], lines)).toEqual(['carol joined your call with bob']);
  });

  it('tells when someone added turns it down, is busy or does not answer', () => {
    const ringing = connected({ callID: 'c4', peer: 'alice', participants: [{ userID: 'alice', state: 'joined' }, { userID: 'carol', state: 'ringing' }] });
    for (const [state, text] of [['declined', 'carol declined'], ['busy', 'carol is busy'], ['timed-out', 'carol did not answer']] as const) {
      const after = connected({ callID: 'c4', peer: 'alice', participants: [{ userID: 'alice', state: 'joined' }, { userID: 'carol', state }] });
      expect(callNews([ringing], [after], lines)).toEqual([text]);
    }
  });

  it('tells the lines only when they fill up or free again, also when the limit changes', () => {
    const ringing = (n: number) => Array.from({ length: n }, (_, index) => makeCall({ callID: `r${index}`, peer: `p${index}`, phase: 'ringing' }));
    expect(callNews(ringing(1), ringing(2), lines)).toEqual([]);
    expect(callNews(ringing(2), ringing(3), lines)).toEqual(['All 3 lines in use: new calls are turned away']);
    expect(callNews(ringing(3), ringing(3), lines)).toEqual([]);
    expect(callNews(ringing(3), ringing(2), lines)).toEqual(['A line is free again']);
    // The limit lowered to the calls in progress, and to one line.
    expect(callNews(ringing(2), ringing(2), { before: 3, after: 2 })).toEqual(['All 2 lines in use: new calls are turned away']);
    expect(callNews(ringing(0), ringing(1), { before: 1, after: 1 })).toEqual(['Your line is in use: new calls are turned away']);
  });
});

describe('outcomeNews', () => {
  const outcome = (callID: string, peer: string, text: string, kind: 'unanswered' | 'ended' = 'unanswered') => ({ callID, peer, kind, text, at: 0 });
  const busyAlert = (id: number, text: string) => ({ id, kind: 'busy' as const, text, at: 0 });
  const told = (outcomes: CallOutcomeView[], notices: Notice[] = []) => ({ outcomes, notices });

  it('tells each call that just ended, once, with whom it was', () => {
    const declined = outcome('c1', 'bob', 'bob declined');
    const lost = outcome('c2', 'ann', 'the connection was lost', 'ended');
    expect(outcomeNews(told([]), told([declined]))).toEqual(['Call to bob: bob declined']);
    expect(outcomeNews(told([declined]), told([declined, lost]))).toEqual(['ann: call ended: the connection was lost']);
    expect(outcomeNews(told([declined, lost]), told([lost]))).toEqual([]);
  });

  it('leaves a busy callee to the busy alert that comes with it, and only that callee', () => {
    const busy = outcome('c1', 'bob', 'bob is busy');
    const cancelled = outcome('c2', 'carol', 'cancelled');
    expect(outcomeNews(told([]), told([busy, cancelled], [busyAlert(7, "bob is busy — you're 1st in bob's callback list")]))).toEqual(['Call to carol: cancelled']);
    expect(outcomeNews(told([]), told([busy]))).toEqual(['Call to bob: bob is busy']);
  });
});

describe('missedNews', () => {
  const cat = makeCall({ callID: 'c-cat', peer: 'cat', phase: 'ringing' });
  const dan = makeCall({ callID: 'c-dan', peer: 'dan', phase: 'ringing' });
  const waiting = (peer: string, lastAt: number) => ({ peer, lastAt });

  it('says a caller whose call stopped ringing unanswered went to Callbacks, once, however they got there', () => {
    // cat gives up: her card goes and she waits in Callbacks; dan rings on.
    expect(missedNews({ calls: [cat, dan], callbacks: [] }, { calls: [dan], callbacks: [waiting('cat', 1000)] })).toEqual(['Missed call from cat: in Callbacks']);
    // Missed again: a later try, said again.
    expect(missedNews({ calls: [cat], callbacks: [waiting('cat', 1000)] }, { calls: [], callbacks: [waiting('cat', 2000)] })).toEqual(['Missed call from cat: in Callbacks']);
    // A miss from before a sign-out that rang again and was missed again counts no new try, but is a later one.
    expect(missedNews({ calls: [cat], callbacks: [waiting('cat', 1000)] }, { calls: [], callbacks: [waiting('cat', 3000)] })).toEqual(['Missed call from cat: in Callbacks']);
    // Two of cat's calls going at once: said once.
    const catAgain = makeCall({ callID: 'c-cat-2', peer: 'cat', phase: 'ringing' });
    expect(missedNews({ calls: [cat, catAgain], callbacks: [] }, { calls: [], callbacks: [waiting('cat', 1000)] })).toEqual(['Missed call from cat: in Callbacks']);
  });

  it('says nothing of a call declined or answered here, of a caller turned away, nor of a call placed', () => {
    // Declined: gone, but to no list.
    expect(missedNews({ calls: [cat], callbacks: [] }, { calls: [], callbacks: [] })).toEqual([]);
    // Answered: still there, connected.
    expect(missedNews({ calls: [cat], callbacks: [] }, { calls: [{ ...cat, phase: 'connected' }], callbacks: [] })).toEqual([]);
    // Turned away at the line limit: in Callbacks, but it never rang here.
    expect(missedNews({ calls: [dan], callbacks: [] }, { calls: [dan], callbacks: [waiting('cat', 1000)] })).toEqual([]);
    // A call this user placed to cat that went unanswered is the outcome card's to tell.
    const placed = makeCall({ callID: 'c-out', peer: 'cat', phase: 'calling' });
    expect(missedNews({ calls: [placed], callbacks: [] }, { calls: [], callbacks: [waiting('cat', 1000)] })).toEqual([]);
  });
});
