/**
 * The one contract between the core (Electron main, or the browser-mode server) and every
 * renderer: typed commands in, whole versioned AppState snapshots out. Electron carries it
 * over ipcMain/ipcRenderer, browser mode over a WebSocket; both validate with these schemas.
 */
import * as z from '../zod.js';
import { acceleratorProblem, sameAccelerator } from '../desktop/accelerator.js';
import { MAX_INVITEES, userIdSchema } from '../protocol/hub.js';

import { HISTORY_SEARCH_MAX, LIMIT_MAX, LIMIT_MIN } from './constants.js';
import { audioSettingsChangeSchema, type AudioSettings, type CallMediaView, type MediaApi, type MediaPath } from './media.js';

export {
  DEFAULT_INCOMING_LIMIT,
  DEFAULT_OUTGOING_LIMIT,
  DEFAULT_HISTORY_RETENTION,
  HISTORY_LIMIT,
  HISTORY_RETENTION_MAX,
  HISTORY_SEARCH_MAX,
  LIMIT_MAX,
  LIMIT_MIN,
  NOTICE_LIMIT,
  PRIORITY_CALLERS_MAX,
  ipcChannels,
} from './constants.js';

const callIdSchema = z.string().check(z.minLength(1), z.maxLength(20));

/** Which calls the History list shows: all, missed incoming ones, or those turned away. */
export const historyFilters = ['all', 'missed', 'turned-away'] as const;
export type HistoryFilter = (typeof historyFilters)[number];
const limitSchema = z.number({ error: 'a limit must be a number' }).check(
  z.int('a limit must be a whole number'),
  z.gte(LIMIT_MIN, `a limit must be between ${LIMIT_MIN} and ${LIMIT_MAX}`),
  z.lte(LIMIT_MAX, `a limit must be between ${LIMIT_MIN} and ${LIMIT_MAX}`),
);

/** An Electron accelerator for a global shortcut, or null to turn that shortcut off. */
const shortcutSchema = z.nullable(
  z.string().check(
    z.maxLength(100, 'a shortcut is at most 100 characters'),
    z.superRefine((accelerator: string, context) => {
      const problem = acceleratorProblem(accelerator);
      if (problem !== null) context.addIssue({ code: 'custom', message: problem });
    }),
  ),
);

/** One key combination cannot both accept and decline. */
const distinctShortcuts = {
  check: (shortcuts: { accept: string | null; decline: string | null }): boolean =>
    shortcuts.accept === null || shortcuts.decline === null || !sameAccelerator(shortcuts.accept, shortcuts.decline),
  issue: { message: 'accept and decline must be different shortcuts', path: ['decline'] },
};

export const shortcutsSchema = z
  .strictObject({ accept: shortcutSchema, decline: shortcutSchema })
  .check(z.refine(distinctShortcuts.check, distinctShortcuts.issue));

export const commandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('signIn'), userID: userIdSchema }),
  z.strictObject({ type: z.literal('signOut') }),
  z.strictObject({ type: z.literal('dial'), userID: userIdSchema }),
  z.strictObject({
    type: z.literal('dialGroup'),
    userIDs: z.array(userIdSchema).check(
      z.minLength(2, 'a group call needs at least two people'),
      z.maxLength(MAX_INVITEES, `a call invites at most ${MAX_INVITEES} people at once`),
    ),
  }),
  z.strictObject({ type: z.literal('invite'), callID: callIdSchema, userID: userIdSchema }),
  z.strictObject({ type: z.literal('leave'), callID: callIdSchema }),
  z.strictObject({ type: z.literal('cancel'), callID: callIdSchema }),
  z.strictObject({ type: z.literal('accept'), callID: callIdSchema }),
  z.strictObject({ type: z.literal('decline'), callID: callIdSchema }),
  z.strictObject({ type: z.literal('hangUp'), callID: callIdSchema }),
  z.strictObject({ type: z.literal('hold'), callID: callIdSchema }),
  z.strictObject({ type: z.literal('resume'), callID: callIdSchema }),
  z.strictObject({ type: z.literal('setMuted'), callID: callIdSchema, muted: z.boolean() }),
  z.strictObject({ type: z.literal('setAudio'), audio: audioSettingsChangeSchema }),
  z.strictObject({ type: z.literal('setLimits'), incoming: z.optional(limitSchema), outgoing: z.optional(limitSchema) }),
  z.strictObject({ type: z.literal('setDnd'), enabled: z.boolean() }),
  z.strictObject({ type: z.literal('dismissNotice'), id: z.number().check(z.int(), z.gte(0)) }),
  z.strictObject({ type: z.literal('block'), userID: userIdSchema }),
  z.strictObject({ type: z.literal('unblock'), userID: userIdSchema }),
  z.strictObject({ type: z.literal('setPriorityCaller'), userID: userIdSchema, priority: z.boolean() }),
  z.strictObject({
    type: z.literal('setHistoryView'),
    filter: z.enum(historyFilters, { error: `the history filter is one of ${historyFilters.join(', ')}` }),
    search: z.string().check(z.maxLength(HISTORY_SEARCH_MAX, `a history search is at most ${HISTORY_SEARCH_MAX} characters`)),
  }),
  z.strictObject({ type: z.literal('exportHistory') }),
  z.strictObject({ type: z.literal('callBack'), userID: userIdSchema }),
  z.strictObject({ type: z.literal('dismissCallback'), userID: userIdSchema }),
  z
    .strictObject({ type: z.literal('setShortcuts'), accept: shortcutSchema, decline: shortcutSchema })
    .check(z.refine(distinctShortcuts.check, distinctShortcuts.issue)),
  // The desktop app's updates (browser mode refuses them): automatic checks on or off, and the
  // "Restart to update" button, which waits for free lines.
  z.strictObject({ type: z.literal('setAutoUpdate'), enabled: z.boolean() }),
  z.strictObject({ type: z.literal('restartToUpdate') }),
]);
export type Command = z.infer<typeof commandSchema>;
export type CommandType = Command['type'];

export type CommandResult = { ok: true } | { ok: false; error: string };

/** The fields a person fills in, by the label they see, so that a refusal reads as theirs. */
const FIELD_LABELS: Record<string, string> = {
  userID: 'User',
  userIDs: 'Users',
  incoming: 'Incoming limit',
  outgoing: 'Outgoing limit',
  accept: 'Accept shortcut',
  decline: 'Decline shortcut',
};

/** Validates a command from a renderer; the error names what was wrong. */
export function parseCommand(input: unknown): { ok: true; command: Command } | { ok: false; error: string } {
  const parsed = commandSchema.safeParse(input);
  if (parsed.success) return { ok: true, command: parsed.data };
  const issue = parsed.error.issues[0];
  const message = issue?.message ?? 'malformed';
  const label = FIELD_LABELS[String(issue?.path[0])];
  if (label) return { ok: false, error: `${label}: ${message}` };
  // Not something a person typed: a renderer sent a command this core does not take.
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return { ok: false, error: `invalid command: ${where}${message}` };
}

// ---- AppState: everything a renderer shows, sent whole on every change ----

/**
 * connecting: signing in; online: connected; reconnecting: the connection dropped and is being
 * restored; offline: disconnected and not retrying (the error says why, e.g. an expired token);
 * signed-in-elsewhere: ZEGOCLOUD signed this device out because the user signed in on another.
 */
export type ConnectionStatus = 'signed-out' | 'connecting' | 'online' | 'reconnecting' | 'offline' | 'signed-in-elsewhere';

export interface ConnectionView {
  status: ConnectionStatus;
  /** Where the signaling server is, for display: the hub's ws://… URL, or ZEGOCLOUD and the AppID. */
  hubUrl: string;
  /** Why the last attempt failed, shown while offline. */
  error: string | null;
  /** When the next reconnect attempt happens (epoch ms), while offline. */
  retryAt: number | null;
}

export type CallDirection = 'incoming' | 'outgoing';
/**
 * dialing: the invitation is on its way; calling: the callee has it and may answer;
 * ringing: an incoming invitation waiting for this user; connected: answered.
 */
export type CallPhase = 'dialing' | 'calling' | 'ringing' | 'connected';

/**
 * How far another person in a call got: ringing (invited, not answered yet), joined, or one of
 * the ways of not being in it (busy is a decline that carried the busy reason).
 */
export type ParticipantState = 'ringing' | 'joined' | 'declined' | 'busy' | 'timed-out' | 'left' | 'cancelled';

export interface ParticipantView {
  userID: string;
  state: ParticipantState;
}

export interface CallView {
  /** The hub's callID, or a local id ("local-N") while dialing. */
  callID: string;
  direction: CallDirection;
  /**
   * Who the call is with, as shown in its name: the callee (or the callees, comma-separated) of
   * an outgoing call, the person who invited this user to an incoming one.
   */
  peer: string;
  /** The caller's display name, when the invitation carried one (ZEGO's call kits send it). */
  peerName?: string;
  /** Everyone else in the call, in the order they were invited; one entry for a 1v1 call. */
  participants: ParticipantView[];
  /** More than one other person is, or was, in the call. */
  group: boolean;
  /** Once connected, this user may add someone to the call (an advanced-mode call not from a call kit). */
  canAddPeople: boolean;
  /**
   * Leave (the call goes on for the others) and End for everyone are offered, not Hang up: a call
   * placed to several people, or one two others have joined.
   */
  canLeave: boolean;
  phase: CallPhase;
  /** When this call entered its current phase (epoch ms). */
  since: number;
  /** When an unanswered invitation times out (epoch ms); null once connected. */
  expiresAt: number | null;
  /** A call-back: placed from the Callbacks list, or (incoming) the caller calling back. */
  callback?: boolean;
  /** Incoming from a priority caller (AppState.priorityCallers) as it began to ring. */
  priority?: boolean;
  /** Still ringing, but this user's answer is on its way: it is theirs to end, not to miss. */
  answering?: boolean;
  /**
   * Kept while the connection to the hub is lost, for as long as the hub keeps this user in it
   * (30 s by default): a conversation's audio goes on (it needs no hub), an invitation rings on;
   * answering, declining, hold, resume and adding someone wait for the connection.
   */
  reconnecting?: boolean;
  /** Hold and mute; meaningful once connected. */
  media: CallMediaView;
}

/**
 * What the People list says of someone: available; busy (on some of their lines); dnd (do not
 * disturb); offline (not signed in); unknown (not heard yet).
 */
export type Presence = 'available' | 'busy' | 'dnd' | 'offline' | 'unknown';

export interface PersonView {
  userID: string;
  presence: Presence;
  /** Their lines in use and their incoming limit, when they publish them (Switchboard does). */
  lines: { inUse: number; limit: number } | null;
}

/** warning: something the app started or went on with anyway (a damaged settings file, a shortcut it could not take). */
export type NoticeKind = 'busy' | 'error' | 'warning' | 'info';
export interface Notice {
  id: number;
  kind: NoticeKind;
  text: string;
  at: number;
}

export type CallOutcome =
  | 'answered' // connected, then ended by either side
  | 'declined' // the callee declined (outgoing) or this user declined (incoming)
  | 'cancelled' // the caller cancelled before an answer
  | 'missed' // incoming, not answered before the caller cancelled or it timed out
  | 'no-answer' // outgoing, timed out
  | 'busy' // outgoing, the callee turned it away
  | 'turned-away' // incoming, turned away by this user's limit or do-not-disturb
  | 'failed'; // could not be placed, or the connection was lost

/**
 * How a call ended, shown where it was for a few seconds: one this user placed that went
 * unanswered, or a connected one that ended without this user ending it.
 */
export interface CallOutcomeView {
  callID: string;
  peer: string;
  kind: 'unanswered' | 'ended';
  /** "bob declined", "bob didn't answer", "bob is busy", "cancelled"; "bob hung up after 2:03", "the connection was lost", … */
  text: string;
  at: number;
}

export interface HistoryEntry {
  id: number;
  callID: string;
  direction: CallDirection;
  peer: string;
  outcome: CallOutcome;
  /** Human text, e.g. "turned away: line limit". */
  detail: string;
  startedAt: number;
  endedAt: number;
  /** The call was a call-back: placed from the Callbacks list, or (incoming) the caller's. */
  callback?: boolean;
}

/** A caller waiting for a call back: one per caller, however often they tried. */
export interface CallbackEntry {
  peer: string;
  /** How many times they called and were not answered. */
  attempts: number;
  firstAt: number;
  lastAt: number;
  /** Why the last try was not answered, e.g. "turned away: line limit". */
  reason: string;
  /** The last call back that did not reach them: when it ended, and how ("bob declined"). */
  calledBack?: { at: number; detail: string };
}

/** What the History list shows: its filter and search, and how many entries match in all. */
export interface HistoryView {
  filter: HistoryFilter;
  search: string;
  /** Entries that match, of which `history` holds the newest HISTORY_LIMIT. */
  matching: number;
  /** Entries kept in all. */
  stored: number;
}

/** Accelerators such as "CommandOrControl+Shift+A"; null: that shortcut is off. */
export interface Shortcuts {
  accept: string | null;
  decline: string | null;
}

export interface AppState {
  /** Increases by one on every change; renderers drop snapshots older than the one they have. */
  version: number;
  user: string | null;
  connection: ConnectionView;
  limits: { incoming: number; outgoing: number };
  dnd: boolean;
  /**
   * The global shortcuts that accept or decline the newest ringing call; null where there are
   * none (browser mode has no global shortcuts).
   */
  shortcuts: Shortcuts | null;
  /** Ongoing calls, both directions, ringing or connected: their number is the lines in use. */
  calls: CallView[];
  notices: Notice[];
  /** The entries of the History list that match historyView, newest first, at most HISTORY_LIMIT. */
  history: HistoryEntry[];
  /** Calls that just ended unanswered or without this user ending them, oldest first; each for a few seconds. */
  outcomes: CallOutcomeView[];
  /** Everyone this user called or was called by, with their presence, by name. */
  people: PersonView[];
  historyView: HistoryView;
  /** Callers waiting for a call back, the longest-waiting first. */
  callbacks: CallbackEntry[];
  /** Offered when a line frees while callbacks wait: the longest-waiting caller; null otherwise. */
  callbackOffer: CallbackEntry | null;
  /** Users whose calls are turned away as busy (the backend's block list), in the order blocked. */
  blocked: string[];
  /**
   * Priority callers, in the order added: their calls ring through do not disturb and full lines
   * (up to LIMIT_MAX calls in all), kept in the settings.
   */
  priorityCallers: string[];
  /** Audio devices and what answering a second call does. */
  audio: AudioSettings;
  /** How the audio travels: WebRTC over the hub, or ZEGO Express on the ZIM backend. */
  mediaPath: MediaPath;
  /** The desktop app's version and updates; absent in browser mode, which never updates itself. */
  updates?: UpdateView;
}

/**
 * unavailable: this run cannot update itself (not an installed app; `detail` says why);
 * idle: up to date, or not checked yet; checking, downloading: in the background;
 * ready: downloaded and verified, "Restart to update" offered; waiting: the user asked to
 * restart and it happens as soon as no call rings or is connected; error: the last check or
 * download failed (`detail`), and the next check tries again.
 */
export type UpdateStatus = 'unavailable' | 'idle' | 'checking' | 'downloading' | 'ready' | 'waiting' | 'error';

export interface UpdateView {
  /** The running app's version. */
  version: string;
  /** Checks at start and every few hours; the setting "Check for updates automatically". */
  autoCheck: boolean;
  status: UpdateStatus;
  /** The version being downloaded or ready to install. */
  available: string | null;
  detail: string | null;
}

/** The renderer-facing API, as the preload exposes it on window.softphone. */
export interface SoftphoneApi {
  command(command: Command): Promise<CommandResult>;
  getState(): Promise<AppState>;
  /** Calls back with every new snapshot; returns the unsubscribe function. */
  onState(listener: (state: AppState) => void): () => void;
  /** Media signaling for the window that carries the audio (shared/ipc/media.ts). */
  media: MediaApi;
}
