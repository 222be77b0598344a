/**
 * How a person's presence reads, in words (the People list and the dialer say the same), and the
 * initials of their avatar.
 */
import type { CallView, PersonView } from '../../shared/ipc/contract.js';

/**
 * Someone in a call with this user is described by that call first: their presence alone would
 * say "on 1 of 3 lines" of a person whose one line is this user's own call. Their other lines, do
 * not disturb or a lost connection still follow.
 */
export function presenceText(person: PersonView, calls: readonly CallView[] = []): string {
  const withYou = callWithYou(person.userID, calls);
  if (withYou === null) return ownPresence(person);
  const onlyYourCall = person.presence === 'available' || (person.presence === 'busy' && (person.lines?.inUse ?? 0) <= 1);
  return onlyYourCall ? withYou : `${withYou}, ${ownPresence(person)}`;
}

/** How `userID` is in one of this user's calls: a conversation first, then a call ringing either way. */
function callWithYou(userID: string, calls: readonly CallView[]): string | null {
  let ringing: string | null = null;
  for (const call of calls) {
    const state = call.participants.find((participant) => participant.userID === userID)?.state;
    if (state === 'joined' && call.phase === 'connected') return 'in a call with you';
    if (state === 'joined' && call.phase === 'ringing') ringing = 'calling you';
    // Someone else's invitation to a group rings them as it rings you: it says nothing of you.
    else if (state === 'ringing' && call.phase === 'connected') ringing ??= 'ringing to join your call';
    else if (state === 'ringing' && call.direction === 'outgoing') ringing ??= 'your call is ringing';
  }
  return ringing;
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

/** Up to two letters: the first of each part of the name ("ann.lee" → "AL"), else its first two. */
export function initials(userID: string): string {
  const parts = userID.split(/[._@-]+/).filter((part) => part !== '');
  const letters = parts.length > 1 ? parts[0]![0]! + parts[1]![0]! : userID.slice(0, 2);
  return letters.toUpperCase();
}

/** "carol", "carol and dave", "carol, dave and erin". */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
