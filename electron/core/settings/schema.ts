/**
 * The desktop app's settings file: what the user chose last time (limits, do not disturb, who was
 * signed in) and what only the file sets (global shortcuts, the hub). Each top-level field is
 * checked on its own, so one bad value costs that value only.
 */
import { errorMessage } from '../../../shared/protocol/errors.js';
import * as z from '../../../shared/zod.js';
import { DEFAULT_INCOMING_LIMIT, DEFAULT_OUTGOING_LIMIT, LIMIT_MAX, LIMIT_MIN, PRIORITY_CALLERS_MAX } from '../../../shared/ipc/constants.js';
import { shortcutsSchema } from '../../../shared/ipc/contract.js';
import { audioSettingsSchema, DEFAULT_AUDIO_SETTINGS } from '../../../shared/ipc/media.js';
import { userIdSchema } from '../../../shared/protocol/hub.js';
import { describeIssue } from '../../../shared/protocol/issues.js';
import { parseHubUrl } from '../signaling/hubClient.js';
import { MAX_APP_ID } from '../signaling/zim/config.js';
import { parseTokenUrl } from '../signaling/zim/tokenProvider.js';

const limit = z.number().check(z.int(), z.gte(LIMIT_MIN), z.lte(LIMIT_MAX));

/** A string that `parse` accepts, with its error as the issue otherwise. */
function checkedBy(parse: (text: string) => unknown): z.ZodMiniType<string> {
  return z.string().check(
    z.maxLength(2048),
    z.superRefine((text: string, context) => {
      try {
        parse(text);
      } catch (error) {
        context.addIssue({ code: 'custom', message: errorMessage(error) });
      }
    }),
  );
}

export const settingsFields = {
  limits: z.strictObject({ incoming: limit, outgoing: limit }),
  dnd: z.boolean(),
  shortcuts: shortcutsSchema,
  /**
   * Microphone, speaker and ringtone device, what answering a second call does, and voice
   * processing (absent from files written before it existed: on, the default).
   */
  audio: z.strictObject({ ...audioSettingsSchema.shape, voiceProcessing: z._default(z.boolean(), DEFAULT_AUDIO_SETTINGS.voiceProcessing) }),
  /** Signed in again at start when no --user is given; null after an explicit sign-out. */
  lastUser: z.nullable(userIdSchema),
  /** The hub to use when neither --hub nor SWITCHBOARD_HUB_URL names one; null: an in-process hub. */
  hubUrl: z.nullable(checkedBy(parseHubUrl)),
  /** ZEGOCLOUD's ZIM instead of a hub, when no flag or environment variable chooses the backend. */
  zim: z.nullable(z.strictObject({ appID: z.number().check(z.int(), z.gte(1), z.lte(MAX_APP_ID)), tokenUrl: checkedBy(parseTokenUrl) })),
  /** The desktop app checks for updates at start and every few hours unless this is false. */
  autoUpdate: z.boolean(),
  /** Whose calls ring through do not disturb and full lines (AppState.priorityCallers). */
  priorityCallers: z.array(userIdSchema).check(z.maxLength(PRIORITY_CALLERS_MAX, `at most ${PRIORITY_CALLERS_MAX} priority callers`)),
};

export const settingsSchema = z.strictObject(settingsFields);
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  limits: { incoming: DEFAULT_INCOMING_LIMIT, outgoing: DEFAULT_OUTGOING_LIMIT },
  dnd: false,
  shortcuts: { accept: 'CommandOrControl+Shift+A', decline: 'CommandOrControl+Shift+D' },
  audio: DEFAULT_AUDIO_SETTINGS,
  lastUser: null,
  hubUrl: null,
  zim: null,
  autoUpdate: true,
  priorityCallers: [],
};

/** The settings found in a file's text, with a default for each field that is missing or wrong. */
export function parseSettings(text: string): { settings: Settings; problems: string[] } {
  const file = readObject(text);
  if (typeof file === 'string') return { settings: DEFAULT_SETTINGS, problems: [file] };
  const found = file;
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const problems: string[] = [];
  // A field that is absent was never saved (an older file): its default is no problem. Fields
  // this version does not know are ignored rather than reported: a newer version wrote them.
  for (const [name, schema] of Object.entries(settingsFields)) {
    if (!(name in found)) continue;
    const parsed = schema.safeParse(found[name]);
    if (parsed.success) settings[name] = parsed.data;
    else problems.push(`${name}: ${describeIssue(parsed.error.issues[0])}`);
  }
  return { settings: settingsSchema.parse(settings), problems };
}

/**
 * The top-level fields of a settings file that this version does not know: a newer version wrote
 * them, and the store writes them back with every save so that going back a version loses nothing.
 */
export function fieldsFromNewerVersions(text: string): Record<string, unknown> {
  const file = readObject(text);
  if (typeof file === 'string') return {};
  return Object.fromEntries(Object.entries(file).filter(([name]) => !Object.hasOwn(settingsFields, name)));
}

/** The file's JSON object, or what is wrong with it. */
function readObject(text: string): Record<string, unknown> | string {
  let data: unknown;
  try {
    // Editors on Windows may start the file with a byte order mark, which JSON.parse refuses.
    data = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    return `not valid JSON (${errorMessage(error)})`;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'not a JSON object';
  return data as Record<string, unknown>;
}
