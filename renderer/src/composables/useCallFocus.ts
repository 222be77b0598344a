/**
 * Where keyboard focus goes when a call changes under it: after Accept, to the new call's panel
 * (not its Hang up: an Enter pressed twice would answer and hang up); after Decline, or when a caller gives up while their card has the focus, to the next
 * ringing card, or the "Call user" box when none is left; after Hold or Resume, which move the
 * call between the active call and "On hold", to its Resume or Hold; after a call ends with focus inside it
 * (focus would fall to the page's body), to the Resume of the call longest on hold when nobody is
 * left on the line, else to the "Call user" box; after a call placed here is
 * answered with focus in its "Calling" panel, to the call's panel.
 * The call panels, the cards and the dialer mark those targets with data attributes.
 */
import { nextTick, watch } from 'vue';
import type { CallView } from '../../../shared/ipc/contract.js';
import { onHold, onTheLine } from '../heldCalls.js';

const DIALER = '[data-dialer]';
const HOLD_TOGGLE = '[data-hold-toggle]';
const CARD = '[data-incoming-card]';
/** Frames to wait for a panel to appear after the core's new state arrives. */
const MAX_FRAMES = 60;

export function useCallFocus(): {
  toCall(callID: string): void;
  toHoldToggle(callID: string): void;
  toNextCard(answeredCallID: string): void;
  toDialer(): void;
} {
  async function focusWhenThere(find: () => HTMLElement | null): Promise<void> {
    for (let frame = 0; frame < MAX_FRAMES; frame++) {
      await nextTick();
      const target = find();
      if (target) return target.focus();
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }
  return {
    toCall: (callID) => void focusWhenThere(() => document.querySelector<HTMLElement>(`[data-call-id="${CSS.escape(callID)}"]`)),
    toHoldToggle: (callID) =>
      void focusWhenThere(() => document.querySelector<HTMLElement>(`[data-call-id="${CSS.escape(callID)}"] ${HOLD_TOGGLE}`)),
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

/**
 * Watches the calls for one that goes while the keyboard focus is in it, and hands the focus on:
 * from a ringing card whose caller gave up, to the next card (then the dialer); from a call panel
 * or a "Calling" panel, to the dialer, or to the call's panel when the call was answered. For the
 * main window, as long as it lives.
 */
export function followCallsWithFocus(calls: () => readonly CallView[]): void {
  const focus = useCallFocus();
  watch(
    // The phase too: a call placed here and answered leaves its "Calling" panel for a call panel.
    () => calls().map((call) => `${call.callID}:${call.phase}`).join(' '),
    async () => {
      const card = document.activeElement?.closest<HTMLElement>(CARD);
      const panelCall = document.activeElement?.closest<HTMLElement>('[data-call-id]')?.dataset.callId;
      await nextTick();
      // Inside a card that is leaving (inert) counts as lost: the browser blurs it a moment later.
      const active = document.activeElement;
      const lost = active === null || active === document.body || active.closest('[inert]') !== null;
      if ((card == null && panelCall === undefined) || !lost) return;
      const cardCall = card?.dataset.incomingCard;
      if (cardCall !== undefined) {
        // A card answered from the keyboard leaves too, but its call goes on: the queue sends focus to its panel.
        if (!calls().some((call) => call.callID === cardCall)) focus.toNextCard(cardCall);
        return;
      }
      if (calls().some((call) => call.callID === panelCall && call.phase === 'connected')) return focus.toCall(panelCall!);
      // The conversation ended with others on hold and nobody on the line: the next step is to resume one.
      const held = onHold(calls());
      if (held.length > 0 && onTheLine(calls()).length === 0) return focus.toHoldToggle(held[0]!.callID);
      focus.toDialer();
    },
  );
}
