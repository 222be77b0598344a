/**
 * Which settings an AppState change updates: only what the user changed while the app ran. The
 * first snapshot is no change, so limits given as flags for one run (--incoming-limit) are not
 * saved over the user's own. The caller stops listening before quitting signs the user out, so
 * only an explicit sign-out forgets the last user.
 */
import type { AppState } from '../../../shared/ipc/contract.js';
import type { Settings } from './schema.js';

export type SettingsState = Pick<AppState, 'limits' | 'dnd' | 'user' | 'shortcuts' | 'updates' | 'audio' | 'priorityCallers'> & {
  connection: Pick<AppState['connection'], 'error'>;
};

/** The settings after `prev` became `next`: the same object when nothing worth saving changed. */
export function settingsAfter(settings: Settings, prev: SettingsState, next: SettingsState): Settings {
  let updated = settings;
  // Each limit on its own: the other may be a flag's, for this run only.
  if (next.limits.incoming !== prev.limits.incoming) updated = { ...updated, limits: { ...updated.limits, incoming: next.limits.incoming } };
  if (next.limits.outgoing !== prev.limits.outgoing) updated = { ...updated, limits: { ...updated.limits, outgoing: next.limits.outgoing } };
  if (next.dnd !== prev.dnd) updated = { ...updated, dnd: next.dnd };
  // Signed out by the backend (a refusal, with its reason), the user is still the one to sign in
  // as next time, once what was refused is put right.
  const refused = next.user === null && next.connection.error !== null;
  if (next.user !== prev.user && !refused) updated = { ...updated, lastUser: next.user };
  if (next.shortcuts && next.shortcuts !== prev.shortcuts) updated = { ...updated, shortcuts: next.shortcuts };
  if (next.updates && prev.updates && next.updates.autoCheck !== prev.updates.autoCheck) updated = { ...updated, autoUpdate: next.updates.autoCheck };
  if (next.audio !== prev.audio) updated = { ...updated, audio: next.audio };
  if (next.priorityCallers !== prev.priorityCallers) updated = { ...updated, priorityCallers: next.priorityCallers };
  return updated;
}
