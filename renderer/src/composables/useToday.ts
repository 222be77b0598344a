import { onScopeDispose, ref, type Ref } from 'vue';
import { startOfDay } from '../format.js';

/**
 * The start of today (local midnight, epoch ms), renewed as each day begins: what reads "14:02"
 * today must read "Yesterday 14:02" tomorrow even if nothing else on screen changes overnight.
 * A timer for midnight, and a look at the clock whenever the page shows again: timers do not
 * count the hours a machine sleeps, so after a night asleep the timer alone would be hours late.
 */
export function useToday(): Readonly<Ref<number>> {
  const today = ref(startOfDay(Date.now()));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const renew = (): void => {
    today.value = startOfDay(Date.now());
    clearTimeout(timer);
    const tomorrow = new Date(today.value);
    // setDate, not 24 h: a day with a daylight-saving change is 23 or 25 hours long.
    tomorrow.setDate(tomorrow.getDate() + 1);
    timer = setTimeout(renew, Math.max(0, tomorrow.getTime() - Date.now()));
  };
  renew();
  document.addEventListener('visibilitychange', renew);
  onScopeDispose(() => {
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', renew);
  });
  return today;
}
