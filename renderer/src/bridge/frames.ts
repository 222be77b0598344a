/**
 * Reads frames from the core in browser mode. The core is trusted, so this only checks the
 * shape enough that a garbled or unexpected frame is skipped instead of breaking the store.
 */
import type { AppState, CommandResult } from '../../../shared/ipc/contract.js';
import type { MediaToRenderer } from '../../../shared/ipc/media.js';
import type { WebServerFrame } from '../../../shared/ipc/web.js';

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAppState(value: unknown): value is AppState {
  return (
    isFields(value) &&
    typeof value.version === 'number' &&
    (value.user === null || typeof value.user === 'string') &&
    isFields(value.connection) &&
    isFields(value.limits) &&
    typeof value.dnd === 'boolean' &&
    Array.isArray(value.calls) &&
    Array.isArray(value.notices) &&
    Array.isArray(value.history)
  );
}

function isMediaMessage(value: unknown): value is MediaToRenderer {
  if (!isFields(value)) return false;
  if ('expressToken' in value) return typeof value.expressToken === 'string';
  if ('expressTokenError' in value) return typeof value.expressTokenError === 'string';
  return typeof value.callID === 'string' && typeof value.peer === 'string' && isFields(value.signal);
}

function isCommandResult(value: unknown): value is CommandResult {
  return isFields(value) && (value.ok === true || (value.ok === false && typeof value.error === 'string'));
}

/** The frame, or null when it is not one the contract describes. Never throws. */
export function parseServerFrame(data: unknown): WebServerFrame | null {
  if (typeof data !== 'string') return null;
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return null;
  }
  if (!isFields(frame)) return null;
  if ('challenge' in frame) return typeof frame.challenge === 'string' ? { challenge: frame.challenge } : null;
  if ('state' in frame) return isAppState(frame.state) ? { state: frame.state } : null;
  // The media engine checks each signal's shape as it applies it (renderer/src/media).
  if ('media' in frame) return isMediaMessage(frame.media) ? { media: frame.media } : null;
  if ('mediaCarrier' in frame) return typeof frame.mediaCarrier === 'boolean' ? { mediaCarrier: frame.mediaCarrier } : null;
  if (typeof frame.id === 'number' && isCommandResult(frame.result)) return { id: frame.id, result: frame.result };
  return null;
}
