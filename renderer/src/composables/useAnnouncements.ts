/**
 * Texts for a polite live region: each is read once when added, and leaves after a while so the
 * region stays short. Keyed, so a list can render them.
 */
import { onUnmounted, shallowRef, type ShallowRef } from 'vue';

/** How long an announcement stays in the live region. */
const ANNOUNCE_MS = 10_000;

export function useAnnouncements(): { items: ShallowRef<Array<{ id: string; text: string }>>; announce(id: string, text: string): void } {
  // A shallow ref: its items stay the plain objects the timers compare against (a deep ref would
  // hand back proxies, never equal to them, and every announcement would stay for good).
  const items = shallowRef<Array<{ id: string; text: string }>>([]);
  const timers = new Set<ReturnType<typeof setTimeout>>();
  onUnmounted(() => {
    for (const timer of timers) clearTimeout(timer);
  });
  function announce(id: string, text: string): void {
    const entry = { id, text };
    items.value = [...items.value, entry];
    const timer = setTimeout(() => {
      timers.delete(timer);
      items.value = items.value.filter((item) => item !== entry);
    }, ANNOUNCE_MS);
    timers.add(timer);
  }
  return { items, announce };
}
