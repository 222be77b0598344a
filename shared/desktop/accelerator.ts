/**
 * Electron accelerators ("CommandOrControl+Shift+A") as the settings file may name them for the
 * global shortcuts. A global shortcut takes its keys away from every other application, so one
 * must hold a modifier other than Shift, unless its key is one nobody types (F-keys, media keys).
 */

const MODIFIERS = new Set(['command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta']);

const NAMED_KEYS = new Set([
  'plus', 'space', 'tab', 'capslock', 'numlock', 'scrolllock', 'backspace', 'delete', 'insert', 'return', 'enter',
  'up', 'down', 'left', 'right', 'home', 'end', 'pageup', 'pagedown', 'escape', 'esc', 'printscreen',
  'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
]);
const MEDIA_KEYS = new Set(['volumeup', 'volumedown', 'volumemute', 'medianexttrack', 'mediaprevioustrack', 'mediastop', 'mediaplaypause']);
const PUNCTUATION = ")!@#$%^&*(:;+=<,_->.?/~`{][|\\}\"'";

function keyKind(key: string): 'typed' | 'function' | null {
  const lower = key.toLowerCase();
  if (/^f([1-9]|1[0-9]|2[0-4])$/.test(lower) || MEDIA_KEYS.has(lower)) return 'function';
  if (/^[a-z0-9]$/.test(lower) || /^num[0-9]$/.test(lower) || NAMED_KEYS.has(lower)) return 'typed';
  if (key.length === 1 && PUNCTUATION.includes(key)) return 'typed';
  return null;
}

/** Why `accelerator` cannot be a global shortcut, or null when it can. */
export function acceleratorProblem(accelerator: string): string | null {
  const parts = accelerator.split('+');
  // "Plus" names the + key, so a literal "+" only ever separates parts.
  if (parts.some((part) => part === '')) return `"${accelerator}" has an empty part`;
  const key = parts.at(-1) ?? '';
  const modifiers = parts.slice(0, -1).map((part) => part.toLowerCase());
  const unknown = modifiers.find((modifier) => !MODIFIERS.has(modifier));
  if (unknown !== undefined) return `"${accelerator}": "${unknown}" is not a modifier`;
  if (new Set(modifiers).size !== modifiers.length) return `"${accelerator}" repeats a modifier`;
  const kind = keyKind(key);
  if (kind === null) return `"${accelerator}": "${key}" is not a key`;
  if (kind === 'typed' && !modifiers.some((modifier) => modifier !== 'shift')) {
    return `"${accelerator}" would take a key that is typed in every other application; add Ctrl, Alt or Command`;
  }
  return null;
}

const ALIASES: Record<string, string> = {
  cmd: 'command', ctrl: 'control', cmdorctrl: 'control', commandorcontrol: 'control', option: 'alt', meta: 'super',
  esc: 'escape', return: 'enter',
};

/**
 * Whether two accelerators name one key combination, however they are written: aliases resolved,
 * modifiers in any order, case ignored. CommandOrControl counts as Control, as it is everywhere
 * but macOS.
 */
export function sameAccelerator(a: string, b: string): boolean {
  const canonical = (accelerator: string): string => {
    const parts = accelerator.split('+').map((part) => ALIASES[part.toLowerCase()] ?? part.toLowerCase());
    const key = parts.pop() ?? '';
    return [...new Set(parts)].sort().concat(key).join('+');
  };
  return canonical(a) === canonical(b);
}
