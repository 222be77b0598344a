/**
 * A moment in which what just appeared or moved takes no pointer clicks (the `settling` class in
 * styles.css): a click already on its way, meant for what was under the pointer, must not land on
 * what took its place. The keyboard is not held back: it acts on what has the focus.
 */
import { onUnmounted, ref, type Ref } from 'vue';

/** Longer than a double click, short enough not to be noticed. */
export const SETTLE_MS = 600;

export function useSettling(): { settling: Readonly<Ref<boolean>>; settle(): void } {
  const settling = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  onUnmounted(() => clearTimeout(timer));
  return {
    settling,
    settle(): void {
      settling.value = true;
      clearTimeout(timer);
      timer = setTimeout(() => (settling.value = false), SETTLE_MS);
    },
  };
}
