import { onScopeDispose, ref, type Ref } from 'vue';

/** The current time (epoch ms), refreshed every second, for countdowns and call timers. */
export function useNow(): Readonly<Ref<number>> {
  const now = ref(Date.now());
  const timer = setInterval(() => {
    now.value = Date.now();
  }, 1000);
  onScopeDispose(() => clearInterval(timer));
  return now;
}
