/**
 * How a person's presence reads, in words (the People list and the dialer say the same), and the
 * initials of their avatar.
 */
import type { CallView, PersonView } from '../../shared/ipc/contract.js';

/**
 * Someone in a call with this user is described by that call first: their presence alone would
 * say "on 1 of 3 lines" of a person whose one line is this user's own call. Lines of theirs that
 * this user's calls do not take, do not disturb, or a lost connection still follow.
 */
export function presenceText(person: PersonView, calls: readonly CallView[] = []): string {
  const withYou = callsWithYou(person.userID, calls);
  if (withYou === null) return ownPresence(person);
  switch (person.presence) {
    case 'available':
      // Their status has not caught up with the call yet.
      return withYou.text;
    case 'busy': {
      const others = (person.lines?.inUse ?? 0) - withYou.lines;
      return others > 0 ? `${withYou.text}, and on ${others} other ${others === 1 ? 'line' : 'lines'}` : withYou.text;
    }
    default:
      return `${withYou.text}, ${ownPresence(person)}`;
  }
}

/**
 * How `userID` is in this user's calls — a conversation first, then a call ringing either way —
 * and how many of their lines those calls take; null when in none of them.
 */
function callsWithYou(userID: string, calls: readonly CallView[]): { text: string; lines: number } | null {
  let best: { text: string; rank: number } | null = null;
  let lines = 0;
  for (const call of calls) {
    const how = describeIn(call, userID);
    if (how === null) continue;
    lines += 1;
    if (best === null || how.rank > best.rank) best = how;
  }
  return best && { text: best.text, lines };
}

function describeIn(call: CallView, userID: string): { text: string; rank: number } | null {
  const state = call.participants.find((participant) => participant.userID === userID)?.state;
  if (state === 'joined' && call.phase === 'connected') return { text: 'in a call with you', rank: 3 };
  // Only the one who invited you is calling you: others who joined that invitation first are not.
  if (state === 'joined' && call.phase === 'ringing' && call.peer === userID) return { text: 'calling you', rank: 2 };
  if (state === 'ringing' && call.phase === 'connected') return { text: 'ringing to join your call', rank: 1 };
  // Someone else's invitation to a group rings them as it rings you: it says nothing of you.
  if (state === 'ringing' && call.direction === 'outgoing') return { text: 'your call is ringing', rank: 1 };
  return null;
}

function ownPresence(person: PersonView): string {
  switch (person.presence) {
    case 'available':
      return 'available';
    case 'busy':
      return person.lines ? `on ${person.lines.inUse} of ${person.lines.limit} lines` : 'busy';
    case 'dnd':
      return 'do not disturb';
    case 'offline':
      return 'offline';
    case 'unknown':
      return 'presence not known yet';
  }
}

/** Up to two letters: the first of each part of the name ("ann.lee" → "AL", a group "bob, carol" → "BC"), else its first two. */
export function initials(userID: string): string {
  const parts = userID.split(/[._@,\s-]+/).filter((part) => part !== '');
  const letters = parts.length > 1 ? parts[0]![0]! + parts[1]![0]! : userID.slice(0, 2);
  return letters.toUpperCase();
}

/** "carol", "carol and dave", "carol, dave and erin". */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
