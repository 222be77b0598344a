/**
 * Which keys an incoming-call card answers. A card opens without focus, but a compositor may
 * focus it anyway (Wayland does, where windows cannot refuse focus): someone typing in another
 * application would then accept a call with Enter. So a card answers keys only after the person
 * aimed at it, by clicking in it; it forgets that when it loses focus. Until then Enter, Space
 * and Esc do nothing at all, not even press a focused button.
 */

/** What the card does with a key: answer the call, leave the key to the page, or swallow it. */
export type CardKeyAction = 'accept' | 'decline' | 'default' | 'block';

export interface CardKey {
  key: string;
  repeat: boolean;
  /** The key went to a button, which Enter and Space press by themselves. */
  onButton: boolean;
}

const ANSWER_KEYS = new Set(['Enter', 'Escape', ' ']);

/** @param aimed the person clicked in this card since it last lost focus */
export function cardKeyAction(aimed: boolean, key: CardKey): CardKeyAction {
  if (!ANSWER_KEYS.has(key.key)) return 'default';
  if (!aimed) return 'block';
  // A held key must not answer twice.
  if (key.repeat) return 'block';
  if (key.key === 'Escape') return 'decline';
  if (key.onButton) return 'default';
  return key.key === 'Enter' ? 'accept' : 'default';
}
