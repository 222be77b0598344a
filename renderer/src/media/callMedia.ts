/**
 * The seam between the media store and the engine that carries the audio: WebRTC peer to peer
 * over the hub (engine.ts), or ZEGO Express rooms on the ZIM backend (express/expressEngine.ts).
 * The core says which (AppState.mediaPath); the store drives either through this interface.
 */
import type { CallView } from '../../../shared/ipc/contract.js';
import type { AudioSettings, MediaToCore, MediaToRenderer } from '../../../shared/ipc/audio.js';

/** What the call panel says about a call's audio beyond hold and mute. */
export interface CallAudioStatus {
  /** Why this side sends nothing (no microphone, permission refused, publishing failed); null when it sends. */
  listenOnly: string | null;
  /** Members whose audio could not be connected: "no audio — connection failed". */
  failed: string[];
}

export interface CallMediaEngine {
  /** Makes the audio match the connected calls in `calls`, held and muted as they say. */
  update(calls: readonly CallView[], audio: AudioSettings): void;
  /** A message from the core on the media stream. */
  receive(message: MediaToRenderer): void;
  status(callID: string): CallAudioStatus;
  /** Open connections (WebRTC) or rooms (Express): tests count them after a call ends. */
  readonly openConnections: number;
  dispose(): void;
}

export interface CallMediaOptions {
  self: string;
  send(message: MediaToCore): void;
  /** A call's status, or the notices, changed. */
  changed(): void;
  /** Something the user should know that belongs to no call (a device that went away). */
  notice(text: string): void;
  log(line: string): void;
}
