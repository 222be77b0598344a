import { onScopeDispose, ref, watch, type Ref } from 'vue';

/**
 * The current time (epoch ms) for countdowns and call timers, refreshed every `periodMs` — but
 * only while `live()` is true, i.e. while something on screen shows a live time. An idle window
 * runs no timer at all: nothing wakes the page while nothing rings.
 */
export function useNow(live: () => boolean = () => true, periodMs = 1000): Readonly<Ref<number>> {
  const now = ref(Date.now());
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = (): void => {
    clearInterval(timer);
    timer = undefined;
  };
  watch(
    live,
    (running) => {
      stop();
      if (!running) return;
      now.value = Date.now();
      timer = setInterval(() => {
        now.value = Date.now();
      }, periodMs);
    },
    { immediate: true },
  );
  onScopeDispose(stop);
  return now;
}
