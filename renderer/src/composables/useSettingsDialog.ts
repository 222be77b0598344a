/** Whether the Settings dialog is open: the header's button opens it, the dialog closes it. */
import { ref } from 'vue';

const open = ref(false);

export function useSettingsDialog(): { open: typeof open } {
  return { open };
}
