/**
 * A held key presses a button once. A key held down repeats, and each repeat of Enter presses the
 * focused button again; the main window's buttons move the focus as they act (Hold hands it to the
 * call's Resume under "On hold", Hang up to the next call), so a key held a little long would undo
 * what it did or act on the next call. The incoming-call cards already ignore repeats
 * (shared/desktop/cardKeys.ts); this does the same for every button of the window.
 */
import { onUnmounted } from 'vue';

export function useHeldKeyGuard(): void {
  const ignoreRepeat = (event: KeyboardEvent): void => {
    if (event.repeat && (event.key === 'Enter' || event.key === ' ') && event.target instanceof HTMLButtonElement) event.preventDefault();
  };
  window.addEventListener('keydown', ignoreRepeat, { capture: true });
  onUnmounted(() => window.removeEventListener('keydown', ignoreRepeat, { capture: true }));
}
