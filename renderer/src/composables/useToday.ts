import { onScopeDispose, ref, type Ref } from 'vue';
import { startOfDay } from '../format.js';

/**
 * The start of today (local midnight, epoch ms), renewed as each day begins: what reads "14:02"
 * today must read "Yesterday 14:02" tomorrow even if nothing else on screen changes overnight.
 * One timer a day, and none once the component is gone.
 */
export function useToday(): Readonly<Ref<number>> {
  const today = ref(startOfDay(Date.now()));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (): void => {
    const tomorrow = new Date(today.value);
    // setDate, not 24 h: a day with a daylight-saving change is 23 or 25 hours long.
    tomorrow.setDate(tomorrow.getDate() + 1);
    timer = setTimeout(() => {
      today.value = startOfDay(Date.now());
      arm();
    }, Math.max(0, tomorrow.getTime() - Date.now()));
  };
  arm();
  onScopeDispose(() => clearTimeout(timer));
  return today;
}
