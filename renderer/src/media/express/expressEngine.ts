/**
 * Audio through ZEGO Express, as ZEGO's call kits carry it (ZIM backend): each connected call is
 * an Express room named by the invitation's `call_id` (CallMediaView.room). Logged in to that
 * room, this side publishes its microphone and plays every other stream in it. Several calls may
 * be live, so multi-room is on; only the call that carries the audio (carriesAudio) publishes and
 * plays: hold stops both, resume starts them again. Mute is muteMicrophone. A member of the call
 * leaving the room is reported to the core, which decides whether that is a hang-up (a call kit
 * user's, docs/protocol.md "A kit user hangs up").
 */
import type { CallView } from '../../../../shared/ipc/contract.js';
import type { AudioSettings, MediaToRenderer } from '../../../../shared/ipc/audio.js';
import type { CallAudioStatus, CallMediaEngine, CallMediaOptions } from '../callMedia.js';
import type { ExpressSdk, ExpressSdkFactory } from './sdk.js';
import { ExpressToken } from './token.js';

export interface ExpressEngineOptions extends CallMediaOptions {
  appID: number;
  server: string;
  createSdk: ExpressSdkFactory;
}

interface RemoteStream {
  userID: string;
  /** Set while the stream plays: the element its audio plays through. */
  audio: HTMLAudioElement | null;
}

interface RoomCall {
  callID: string;
  room: string;
  held: boolean;
  muted: boolean;
  joined: Set<string>;
  /** logging-in until loginRoom answers; failed: the room refused us (the call shows no audio). */
  phase: 'logging-in' | 'in' | 'failed';
  /** This side's stream while it publishes. */
  published: { streamID: string; stream: MediaStream } | null;
  /** Set while a stream is being created, so that one update does not publish twice. */
  publishing: boolean;
  /** Why this call sends nothing: the microphone or publishing failed (not tried again until resume or a new microphone). */
  problem: string | null;
  remote: Map<string, RemoteStream>;
}

/** How soon a failed token renewal is tried again; Express warns 30 s before a token runs out. */
const RENEW_RETRY_MS = 3_000;

export class ExpressEngine implements CallMediaEngine {
  readonly #options: ExpressEngineOptions;
  readonly #calls = new Map<string, RoomCall>();
  readonly #token: ExpressToken;
  #sdk: Promise<ExpressSdk> | null = null;
  #microphone: string | null = null;
  #voiceProcessing = true;
  #speaker: string | null = null;
  #disposed = false;

  constructor(options: ExpressEngineOptions) {
    this.#options = options;
    this.#token = new ExpressToken(() => options.send({ expressToken: 'wanted' }));
  }

  update(calls: readonly CallView[], audio: AudioSettings): void {
    if (this.#disposed) return;
    const connected = calls.filter((call) => call.phase === 'connected' && call.media.room !== undefined);
    const wanted = new Set(connected.map((call) => call.callID));
    for (const call of [...this.#calls.values()]) if (!wanted.has(call.callID)) this.#leave(call);
    // Express opens the device, with its processing, when it creates the stream: either change is a new microphone.
    const microphoneChanged = audio.microphone !== this.#microphone || audio.voiceProcessing !== this.#voiceProcessing;
    this.#microphone = audio.microphone;
    this.#voiceProcessing = audio.voiceProcessing;
    if (audio.speaker !== this.#speaker) {
      this.#speaker = audio.speaker;
      for (const call of this.#calls.values()) for (const stream of call.remote.values()) if (stream.audio) this.#setSink(stream.audio);
    }
    for (const view of connected) {
      let call = this.#calls.get(view.callID);
      const joined = new Set(view.participants.filter((person) => person.state === 'joined').map((person) => person.userID));
      if (!call) {
        call = {
          callID: view.callID, room: view.media.room ?? view.callID, held: view.media.held, muted: view.media.muted, joined,
          phase: 'logging-in', published: null, publishing: false, problem: null, remote: new Map(),
        };
        this.#calls.set(view.callID, call);
        void this.#join(call);
        continue;
      }
      call.joined = joined;
      const changed = call.held !== view.media.held || call.muted !== view.media.muted;
      // A failed publish is tried again on resume or with another microphone, not on every event.
      if (call.held !== view.media.held || microphoneChanged) call.problem = null;
      call.held = view.media.held;
      call.muted = view.media.muted;
      // A new microphone is published afresh: Express takes the device when the stream is created.
      if (microphoneChanged && call.published) void this.#stopPublishing(call);
      if (changed || microphoneChanged) void this.#apply(call);
    }
  }

  receive(message: MediaToRenderer): void {
    if ('expressToken' in message) this.#token.resolve(message.expressToken);
    else if ('expressTokenError' in message) this.#token.reject(message.expressTokenError);
  }

  status(callID: string): CallAudioStatus {
    const call = this.#calls.get(callID);
    if (!call) return { listenOnly: null, failed: [] };
    return { listenOnly: call.problem, failed: call.phase === 'failed' ? [...call.joined] : [] };
  }

  /** The rooms this side is in or logging in to. */
  get openConnections(): number {
    return this.#calls.size;
  }

  dispose(): void {
    this.#disposed = true;
    for (const call of [...this.#calls.values()]) this.#leave(call);
    void this.#sdk?.then((sdk) => {
      sdk.off('roomStreamUpdate', this.#onStreams);
      sdk.off('roomUserUpdate', this.#onUsers);
      sdk.off('publisherStateUpdate', this.#onPublisher);
      sdk.off('tokenWillExpire', this.#onTokenWillExpire);
      sdk.off('roomStateChanged', this.#onRoomState);
    });
  }

  // ---- rooms ----

  async #join(call: RoomCall): Promise<void> {
    let sdk: ExpressSdk;
    let token: string;
    try {
      [sdk, token] = await Promise.all([this.#engine(), this.#token.get()]);
    } catch (error) {
      return this.#fail(call, `could not log in to room ${call.room}: ${describe(error)}`);
    }
    if (this.#calls.get(call.callID) !== call) return;
    let accepted: boolean;
    try {
      accepted = await sdk.loginRoom(call.room, token, { userID: this.#options.self, userName: this.#options.self }, { userUpdate: true });
    } catch (error) {
      // A refused token is not used again: the next login asks the core for a fresh one.
      this.#token.forget();
      return this.#fail(call, `room ${call.room} refused the login: ${describe(error)}`);
    }
    if (this.#calls.get(call.callID) !== call) {
      if (accepted) sdk.logoutRoom(call.room);
      return;
    }
    if (!accepted) return this.#fail(call, `room ${call.room} refused the login`);
    call.phase = 'in';
    this.#options.changed();
    await this.#apply(call);
  }

  #fail(call: RoomCall, reason: string): void {
    this.#options.log(`call ${call.callID}: ${reason}`);
    if (this.#calls.get(call.callID) !== call) return;
    call.phase = 'failed';
    this.#options.changed();
  }

  #leave(call: RoomCall): void {
    this.#calls.delete(call.callID);
    if (call.phase !== 'in') return;
    void this.#engine().then((sdk) => {
      this.#stopMedia(sdk, call);
      sdk.logoutRoom(call.room);
    });
  }

  /** Stops playing and publishing in a call's room, and lets its microphone stream go. */
  #stopMedia(sdk: ExpressSdk, call: RoomCall): void {
    for (const [streamID, stream] of call.remote) if (stream.audio) this.#stopPlaying(sdk, streamID, stream);
    if (call.published) {
      sdk.stopPublishingStream(call.published.streamID);
      sdk.destroyStream(call.published.stream);
      call.published = null;
    }
  }

  // ---- publishing and playing ----

  /** Publishes and plays in a call that carries the audio; stops both in a held one. */
  async #apply(call: RoomCall): Promise<void> {
    if (call.phase !== 'in' || this.#calls.get(call.callID) !== call) return;
    const sdk = await this.#engine();
    for (const [streamID, stream] of call.remote) {
      if (call.held && stream.audio) this.#stopPlaying(sdk, streamID, stream);
      else if (!call.held && !stream.audio) void this.#play(sdk, call, streamID, stream);
    }
    if (call.held) return this.#stopPublishing(call);
    if (call.published) {
      sdk.muteMicrophone(call.muted);
      return;
    }
    if (call.problem === null) await this.#publish(sdk, call);
  }

  async #publish(sdk: ExpressSdk, call: RoomCall): Promise<void> {
    if (call.publishing) return;
    call.publishing = true;
    const microphone = this.#microphone;
    const processing = this.#voiceProcessing;
    let stream: MediaStream;
    try {
      stream = await sdk.createStream({
        camera: { audio: true, video: false, AEC: processing, ANS: processing, AGC: processing, ...(microphone ? { audioInput: microphone } : {}) },
      });
    } catch (error) {
      call.problem = `the microphone could not be opened (${describe(error)})`;
      this.#options.changed();
      return;
    } finally {
      call.publishing = false;
    }
    // Held, ended or republished while the microphone opened: this stream is not wanted.
    if (this.#calls.get(call.callID) !== call || call.held || call.phase !== 'in' || call.published) {
      sdk.destroyStream(stream);
      return;
    }
    // Another microphone, or voice processing switched, while this one opened: open it as chosen now.
    if (microphone !== this.#microphone || processing !== this.#voiceProcessing) {
      sdk.destroyStream(stream);
      return this.#publish(sdk, call);
    }
    const streamID = streamIdFor(call.room, this.#options.self);
    if (!sdk.startPublishingStream(streamID, stream, { roomID: call.room })) {
      sdk.destroyStream(stream);
      call.problem = 'publishing the microphone failed';
      this.#options.changed();
      return;
    }
    call.published = { streamID, stream };
    call.problem = null;
    sdk.muteMicrophone(call.muted);
    this.#options.changed();
  }

  async #stopPublishing(call: RoomCall): Promise<void> {
    const published = call.published;
    if (!published) return;
    call.published = null;
    const sdk = await this.#engine();
    sdk.stopPublishingStream(published.streamID);
    sdk.destroyStream(published.stream);
  }

  async #play(sdk: ExpressSdk, call: RoomCall, streamID: string, stream: RemoteStream): Promise<void> {
    const audio = new Audio();
    audio.autoplay = true;
    stream.audio = audio;
    let source: MediaStream;
    try {
      source = await sdk.startPlayingStream(streamID);
    } catch (error) {
      if (stream.audio === audio) this.#stopPlaying(sdk, streamID, stream);
      this.#options.log(`call ${call.callID}: playing ${stream.userID}'s stream ${streamID} failed: ${describe(error)}`);
      return;
    }
    // Held, ended or gone while the stream started: stop it again. Its stop, if it came meanwhile,
    // came before the start was done; a newer play of the same stream (resumed since) keeps it.
    if (stream.audio !== audio || call.held || call.remote.get(streamID) !== stream || this.#calls.get(call.callID) !== call) {
      if (stream.audio === audio) this.#stopPlaying(sdk, streamID, stream);
      else if (stream.audio === null) sdk.stopPlayingStream(streamID);
      return;
    }
    // Only now: an autoplaying element plays whatever it is given, in the DOM or not.
    audio.srcObject = source;
    this.#setSink(audio);
    audio.play().catch((error: unknown) => this.#options.log(`playing ${stream.userID}'s audio failed: ${String(error)}`));
  }

  #stopPlaying(sdk: ExpressSdk, streamID: string, stream: RemoteStream): void {
    sdk.stopPlayingStream(streamID);
    stream.audio?.pause();
    if (stream.audio) stream.audio.srcObject = null;
    stream.audio = null;
  }

  #setSink(audio: HTMLAudioElement): void {
    audio.setSinkId(this.#speaker ?? '').catch((error: unknown) => this.#options.log(`choosing the speaker failed: ${String(error)}`));
  }

  // ---- the SDK and its events ----

  #engine(): Promise<ExpressSdk> {
    this.#sdk ??= this.#options.createSdk(this.#options.appID, this.#options.server).then((sdk) => {
      // Before the first login: one room per call, several calls at once (one held).
      sdk.enableMultiRoom(true);
      sdk.on('roomStreamUpdate', this.#onStreams);
      sdk.on('roomUserUpdate', this.#onUsers);
      sdk.on('publisherStateUpdate', this.#onPublisher);
      sdk.on('tokenWillExpire', this.#onTokenWillExpire);
      sdk.on('roomStateChanged', this.#onRoomState);
      return sdk;
    });
    return this.#sdk;
  }

  #callInRoom(roomID: string): RoomCall | undefined {
    for (const call of this.#calls.values()) if (call.room === roomID && call.phase === 'in') return call;
    return undefined;
  }

  readonly #onStreams = (roomID: string, updateType: 'ADD' | 'DELETE', streams: Array<{ streamID: string; user: { userID: string } }>): void => {
    const call = this.#callInRoom(roomID);
    if (!call) return;
    for (const { streamID, user } of streams) {
      if (user.userID === this.#options.self) continue;
      if (updateType === 'ADD') {
        if (!call.remote.has(streamID)) call.remote.set(streamID, { userID: user.userID, audio: null });
        continue;
      }
      const stream = call.remote.get(streamID);
      if (!stream) continue;
      call.remote.delete(streamID);
      if (stream.audio) void this.#engine().then((sdk) => this.#stopPlaying(sdk, streamID, stream));
    }
    if (updateType === 'ADD') void this.#apply(call);
  };

  /** A member who left the room may have hung up; the core knows whether this call can tell. */
  readonly #onUsers = (roomID: string, updateType: 'ADD' | 'DELETE', users: Array<{ userID: string }>): void => {
    const call = this.#callInRoom(roomID);
    if (!call || updateType !== 'DELETE') return;
    for (const { userID } of users) {
      if (call.joined.has(userID)) this.#options.send({ roomLeft: { callID: call.callID, userID } });
    }
  };

  /** Express warns before a room's token expires: a fresh one from the core renews it in place. */
  readonly #onTokenWillExpire = (roomID: string): void => void this.#renewToken(roomID);

  /**
   * Express warns once: a renewal that fails is tried again while the call is in the room, until
   * it works or the old token runs out (Express then puts this user out: #onRoomState).
   */
  async #renewToken(roomID: string): Promise<void> {
    this.#token.forget();
    try {
      const [sdk, token] = await Promise.all([this.#engine(), this.#token.get()]);
      if (!this.#callInRoom(roomID) || sdk.renewToken(token, roomID)) return;
      this.#options.log(`renewing the token of room ${roomID} failed`);
    } catch (error) {
      this.#options.log(`no fresh token for room ${roomID}: ${describe(error)}`);
    }
    setTimeout(() => {
      if (!this.#disposed && this.#callInRoom(roomID)) void this.#renewToken(roomID);
    }, RENEW_RETRY_MS);
  }

  /**
   * Express gave up on a room: its own reconnection failed, or its server put this user out (the
   * same user ID in the room elsewhere, a token that expired). The call has no audio any more:
   * it says so, as for a refused login, and the microphone is let go.
   */
  readonly #onRoomState = (roomID: string, reason: string, errorCode: number): void => {
    if (reason !== 'RECONNECT_FAILED' && reason !== 'KICKOUT') return;
    const call = this.#callInRoom(roomID);
    if (!call) return;
    this.#fail(call, `ZEGO Express left room ${roomID} (${reason}, ZEGO error ${errorCode})`);
    void this.#engine().then((sdk) => this.#stopMedia(sdk, call));
  };

  readonly #onPublisher = (result: { streamID: string; state: string; errorCode: number }): void => {
    const call = [...this.#calls.values()].find((candidate) => candidate.published?.streamID === result.streamID);
    if (!call || result.state !== 'NO_PUBLISH' || result.errorCode === 0) return;
    call.problem = `publishing the microphone failed (ZEGO error ${result.errorCode})`;
    this.#options.log(`call ${call.callID}: ${call.problem}`);
    this.#options.changed();
  };
}

/**
 * This user's stream in a room: `<room>_<user>_main`, with what Express does not take in a
 * stream ID (letters, digits, `_` and `-` only) turned into `_`. The kits play every stream in
 * the room, whatever its ID.
 */
export function streamIdFor(room: string, userID: string): string {
  return `${room}_${userID}_main`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256);
}

function describe(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    const { code, msg } = error as { code?: unknown; msg?: unknown };
    if (code !== undefined || msg !== undefined) return `${String(msg ?? 'error')} (ZEGO error ${String(code ?? '?')})`;
  }
  return String(error);
}
