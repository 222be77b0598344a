/**
 * How a person's presence reads, in words (the People list and the dialer say the same), and the
 * initials of their avatar.
 */
import type { PersonView } from '../../shared/ipc/contract.js';

export function presenceText(person: PersonView): string {
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
