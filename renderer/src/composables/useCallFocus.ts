/**
 * Where keyboard focus goes when a call changes under it: after Accept, to the new call's hang-up
 * button; after Decline, to the next ringing card, or the "Call user" box when none is left; after
 * a call ends with focus inside it (focus would fall to the page's body), to the "Call user" box.
 * The call panels, the cards and the dialer mark those targets with data attributes.
 */
import { nextTick } from 'vue';

const HANG_UP = '[data-hang-up]';
const DIALER = '[data-dialer]';
const CARD = '[data-incoming-card]';
/** Frames to wait for a panel to appear after the core's new state arrives. */
const MAX_FRAMES = 60;

export function useCallFocus(): { toHangUp(callID: string): void; toNextCard(answeredCallID: string): void; toDialer(): void } {
  async function focusWhenThere(find: () => HTMLElement | null): Promise<void> {
    for (let frame = 0; frame < MAX_FRAMES; frame++) {
      await nextTick();
      const target = find();
      if (target) return target.focus();
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }
  return {
    toHangUp: (callID) =>
      void focusWhenThere(() => document.querySelector<HTMLElement>(`[data-call-id="${CSS.escape(callID)}"] ${HANG_UP}`)),
    toNextCard: (answeredCallID) =>
      void focusWhenThere(
        () =>
          // Not a card that is leaving (inert, CallIncomingQueue.vue): it takes no focus, which would fall to the page.
          [...document.querySelectorAll<HTMLElement>(`${CARD}:not([data-incoming-card="${CSS.escape(answeredCallID)}"])`)].find(
            (card) => card.closest('[inert]') === null,
          ) ?? document.querySelector<HTMLElement>(DIALER),
      ),
    toDialer: () => void focusWhenThere(() => document.querySelector<HTMLElement>(DIALER)),
  };
}
