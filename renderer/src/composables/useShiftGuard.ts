/**
 * Holds pointer clicks off for a moment when a new state changes what is under the pointer: a card
 * rings in above and pushes the calls and People down, a call moves under "On hold", a row moves.
 * A click the person was already making, meant for what was there, must not land on what took
 * its place (another caller's Accept, another person's Call). The keyboard is not held back.
 */
import { onUnmounted, watch, type Ref } from 'vue';
import { useSettling } from './useSettling.js';

const ACTIONABLE = 'button, input, select, textarea, a, [role="button"]';

export function useShiftGuard(state: () => unknown): Readonly<Ref<boolean>> {
  const { settling, settle } = useSettling();
  let pointer: { x: number; y: number } | null = null;
  const track = (event: PointerEvent): void => {
    pointer = { x: event.clientX, y: event.clientY };
  };
  const away = (): void => {
    pointer = null;
  };
  window.addEventListener('pointermove', track, { capture: true, passive: true });
  window.addEventListener('pointerdown', track, { capture: true, passive: true });
  document.documentElement.addEventListener('pointerleave', away);
  onUnmounted(() => {
    window.removeEventListener('pointermove', track, { capture: true });
    window.removeEventListener('pointerdown', track, { capture: true });
    document.documentElement.removeEventListener('pointerleave', away);
  });

  const underPointer = (): Element | null => (pointer ? (document.elementFromPoint(pointer.x, pointer.y)?.closest(ACTIONABLE) ?? null) : null);
  let before: Element | null = null;
  // Before the new state is rendered, and after: what the pointer was on, and what it is on now.
  watch(state, () => (before = underPointer()), { flush: 'pre' });
  watch(
    state,
    () => {
      if (underPointer() !== before) settle();
    },
    { flush: 'post' },
  );
  return settling;
}
