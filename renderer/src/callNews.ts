/**
 * What changed in the calls, in words, for screen readers: what a sighted user sees happen in a
 * call panel (an answer, someone joining, leaving or turning it down, a hand-over, hold), the
 * lines filling up, and how a call ended (its outcome card). New rings are told by the incoming queue.
 */
import type { CallbackEntry, CallOutcomeView, CallView, Notice, ParticipantState } from '../../shared/ipc/contract.js';
import { peerLabel } from '../../shared/ipc/peer.js';
import { onHold, onTheLine } from './heldCalls.js';
import { listNames } from './presence.js';

type Seen = Pick<CallView, 'callID' | 'direction' | 'peer' | 'phase' | 'participants' | 'media' | 'reconnecting'>;

/** What someone who was ringing did, said of them. */
const unanswered: Partial<Record<ParticipantState, string>> = { declined: 'declined', busy: 'is busy', 'timed-out': 'did not answer' };

export function callNews(before: readonly Seen[], after: readonly Seen[], lines: { before: number; after: number }): string[] {
  const news: string[] = [];
  const earlier = new Map(before.map((call) => [call.callID, call]));
  // Said once for all the calls a lost connection keeps, not once per call.
  const adrift: string[] = [];
  const back: string[] = [];
  // A swap (one call resumed, the other held) is said as one line.
  const resumed: string[] = [];
  const heldNow: string[] = [];
  for (const call of after) {
    const was = earlier.get(call.callID);
    if (!was) continue;
    const wasState = new Map(was.participants.map((person) => [person.userID, person.state]));
    const joinedNow = call.participants.filter(({ userID, state }) => state === 'joined' && wasState.get(userID) !== 'joined').map((person) => person.userID);
    if (call.phase === 'connected' && was.phase !== 'connected') {
      // Only those who just answered: in a call placed to several people, the others may still ring.
      if (call.direction === 'outgoing') news.push(`${listNames(joinedNow.length > 0 ? joinedNow : [call.peer])} answered`);
      continue;
    }
    if (call.phase !== 'connected' || was.phase !== 'connected') continue;
    const alreadyIn = was.participants.filter((person) => person.state === 'joined').map((person) => person.userID);
    for (const userID of joinedNow) news.push(alreadyIn.length > 0 ? `${userID} joined your call with ${listNames(alreadyIn)}` : `${userID} joined your call`);
    for (const { userID, state } of call.participants) {
      const previously = wasState.get(userID);
      if (state === previously) continue;
      if (state === 'left' && previously === 'joined') news.push(`${userID} left the call`);
      else if (previously === 'ringing' && unanswered[state]) news.push(`${userID} ${unanswered[state]}`);
    }
    if (call.reconnecting && !was.reconnecting) adrift.push(call.peer);
    if (!call.reconnecting && was.reconnecting) back.push(call.peer);
    if (call.peer !== was.peer) news.push(`Your call is now with ${call.peer}`);
    if (call.media.held !== was.media.held) (call.media.held ? heldNow : resumed).push(call.peer);
    for (const userID of call.media.heldBy) if (!was.media.heldBy.includes(userID)) news.push(`${userID} put you on hold`);
    for (const userID of was.media.heldBy) if (!call.media.heldBy.includes(userID)) news.push(`${userID} took you off hold`);
  }
  if (resumed.length === 1 && heldNow.length > 0) news.push(`Now with ${resumed[0]}; ${listNames(heldNow)} on hold`);
  else {
    for (const peer of heldNow) news.push(`Call with ${peer} on hold`);
    for (const peer of resumed) news.push(`Call with ${peer} resumed`);
  }
  // The conversation ended and only calls on hold are left: nothing else would say so.
  const ended = onTheLine(before).filter((call) => !after.some((one) => one.callID === call.callID));
  const waitingOnHold = onHold(after);
  if (ended.length > 0 && onTheLine(after).length === 0 && waitingOnHold.length > 0) {
    // Two calls with one person on hold name them once.
    news.push(`Nobody on the line: ${listNames([...new Set(waitingOnHold.map((call) => call.peer))])} on hold`);
  }
  if (adrift.length > 0) news.push(`Connection lost: ${yourCalls(adrift)} ${adrift.length === 1 ? 'is' : 'are'} kept while Switchboard reconnects`);
  if (back.length > 0) news.push(`Reconnected: ${yourCalls(back)} ${back.length === 1 ? 'goes' : 'go'} on`);
  // The lines only when they fill up or free again: not with every ring.
  const wasFull = before.length >= lines.before;
  const isFull = after.length >= lines.after;
  if (isFull && !wasFull) news.push(lines.after === 1 ? 'Your line is in use: new calls are turned away' : `All ${lines.after} lines in use: new calls are turned away`);
  if (!isFull && wasFull) news.push('A line is free again');
  return news;
}

/** An outcome card's name. Not "Call with …": that is the live call's name while it lasts. */
export function outcomeTitle(outcome: Pick<CallOutcomeView, 'kind' | 'peer'>): string {
  return outcome.kind === 'ended' ? `${outcome.peer}: call ended` : `Call to ${outcome.peer}`;
}

/** The outcomes shown and the notices, as one state has them. */
export interface Told {
  outcomes: readonly CallOutcomeView[];
  notices: readonly Notice[];
}

/**
 * How the calls that just ended went, said with whom ("Call to bob: bob declined"): the outcome
 * cards are put in the page with their text, which a screen reader may not read out, so the
 * window's news region says it. A callee who is busy is said once, by the busy alert that comes
 * with it ("bob is busy …").
 */
export function outcomeNews(before: Told, after: Told): string[] {
  const shown = new Set(before.outcomes.map((outcome) => outcome.callID));
  const noticed = new Set(before.notices.map((notice) => notice.id));
  const busyAlerts = after.notices.filter((notice) => notice.kind === 'busy' && !noticed.has(notice.id)).map((notice) => notice.text);
  return after.outcomes
    .filter((outcome) => !shown.has(outcome.callID) && !busyAlerts.some((text) => text.startsWith(`${outcome.peer} is busy`)))
    .map((outcome) => `${outcomeTitle(outcome)}: ${outcome.text}`);
}

/** The calls and the Callbacks list, as one state has them. */
export interface Waiting {
  calls: readonly Pick<CallView, 'callID' | 'direction' | 'phase' | 'peer' | 'peerName'>[];
  callbacks: readonly Pick<CallbackEntry, 'peer' | 'lastAt'>[];
}

/**
 * Callers whose call stopped ringing here unanswered, gone to Callbacks ("Missed call from cat: in
 * Callbacks"): a card that goes is not heard. Only a call that rang here and a Callbacks entry new
 * or with a later try together say so (a call declined here goes to no list; a caller turned away
 * never rang); once per caller, however many of their calls went at once.
 */
export function missedNews(before: Waiting, after: Waiting): string[] {
  const stillHere = new Set(after.calls.map((call) => call.callID));
  const lastTry = new Map(before.callbacks.map((entry) => [entry.peer, entry.lastAt]));
  const triedAgain = new Set(after.callbacks.filter((entry) => entry.lastAt > (lastTry.get(entry.peer) ?? -Infinity)).map((entry) => entry.peer));
  const gone = before.calls.filter((call) => call.direction === 'incoming' && call.phase === 'ringing' && !stillHere.has(call.callID) && triedAgain.has(call.peer));
  return [...new Map(gone.map((call) => [call.peer, `Missed call from ${peerLabel(call)}: in Callbacks`])).values()];
}

function yourCalls(peers: string[]): string {
  return peers.length === 1 ? `your call with ${peers[0]}` : `your ${peers.length} calls`;
}
