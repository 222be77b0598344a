import { onScopeDispose, ref, watch, type Ref } from 'vue';

/**
 * One clock per period, shared by every component that shows a live time: five ringing cards
 * re-render together once a second, not in five timers' turns. It runs while anyone uses it.
 */
interface Clock {
  now: Ref<number>;
  users: number;
  timer: ReturnType<typeof setInterval> | undefined;
}
const clocks = new Map<number, Clock>();

function clockFor(periodMs: number): Clock {
  let clock = clocks.get(periodMs);
  if (!clock) {
    clock = { now: ref(Date.now()), users: 0, timer: undefined };
    clocks.set(periodMs, clock);
  }
  return clock;
}

function join(clock: Clock, periodMs: number): void {
  clock.users += 1;
  if (clock.timer !== undefined) return;
  clock.now.value = Date.now();
  clock.timer = setInterval(() => {
    clock.now.value = Date.now();
  }, periodMs);
}

function leave(clock: Clock): void {
  clock.users -= 1;
  if (clock.users > 0) return;
  clearInterval(clock.timer);
  clock.timer = undefined;
}

/**
 * The current time (epoch ms) for countdowns and call timers, refreshed every `periodMs` — but
 * only while `live()` is true, i.e. while something on screen shows a live time. An idle window
 * runs no timer at all: nothing wakes the page while nothing rings.
 */
export function useNow(live: () => boolean = () => true, periodMs = 1000): Readonly<Ref<number>> {
  const clock = clockFor(periodMs);
  let joined = false;
  const stop = (): void => {
    if (joined) leave(clock);
    joined = false;
  };
  watch(
    live,
    (running) => {
      if (running && !joined) {
        join(clock, periodMs);
        joined = true;
      } else if (!running) stop();
    },
    { immediate: true },
  );
  onScopeDispose(stop);
  return clock.now;
}
