/**
 * What changed in the calls, in words, for screen readers: what a sighted user sees happen in a
 * call panel (an answer, someone joining or leaving, a hand-over, hold) and the lines filling up.
 * New rings are told by the incoming queue, and ended calls by their outcome cards.
 */
import type { CallView } from '../../shared/ipc/contract.js';

type Seen = Pick<CallView, 'callID' | 'direction' | 'peer' | 'phase' | 'participants' | 'media'>;

export function callNews(before: readonly Seen[], after: readonly Seen[], lineLimit: number): string[] {
  const news: string[] = [];
  const earlier = new Map(before.map((call) => [call.callID, call]));
  for (const call of after) {
    const was = earlier.get(call.callID);
    if (!was) continue;
    if (call.phase === 'connected' && was.phase !== 'connected' && call.direction === 'outgoing') news.push(`${call.peer} answered`);
    if (call.phase !== 'connected' || was.phase !== 'connected') continue;
    const wasState = new Map(was.participants.map((person) => [person.userID, person.state]));
    for (const { userID, state } of call.participants) {
      if (state === wasState.get(userID)) continue;
      if (state === 'joined') news.push(`${userID} joined your call with ${was.peer}`);
      else if (state === 'left' && wasState.get(userID) === 'joined') news.push(`${userID} left the call`);
    }
    if (call.peer !== was.peer) news.push(`Your call is now with ${call.peer}`);
    if (call.media.held !== was.media.held) news.push(call.media.held ? `Call with ${call.peer} on hold` : `Call with ${call.peer} resumed`);
    for (const userID of call.media.heldBy) if (!was.media.heldBy.includes(userID)) news.push(`${userID} put you on hold`);
    for (const userID of was.media.heldBy) if (!call.media.heldBy.includes(userID)) news.push(`${userID} took you off hold`);
  }
  // The lines only when they fill up or free again: not with every ring.
  const full = (calls: readonly Seen[]): boolean => calls.length >= lineLimit;
  if (full(after) && !full(before)) news.push(`All ${lineLimit} lines in use: new calls are turned away`);
  if (!full(after) && full(before)) news.push('A line is free again');
  return news;
}
