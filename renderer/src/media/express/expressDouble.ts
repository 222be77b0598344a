/**
 * A double of ZEGO Express for tests, as electron/core/signaling/zim/sdkDouble.ts is of ZIM: a
 * cloud of rooms shared by every engine created from it, with Express's rules as its typings and
 * documentation give them. One room per engine unless enableMultiRoom(true) came before the
 * first login, and then every publish names its room; loginRoom checks the token; a stream is published into one room and announced to
 * the others in it (roomStreamUpdate); logging out removes the user and their streams
 * (roomUserUpdate DELETE to those who asked for user updates, roomStreamUpdate DELETE). Room
 * members who are not Switchboard (a call kit's user) are driven with join/publish/leave.
 * Events arrive asynchronously, as from the network.
 */
import type { ExpressSdk, ExpressSdkFactory } from './sdk.js';

type Handler = (...args: never[]) => void;

/** What the SDK rejects with: an object with a code and a message. */
export interface ExpressError {
  code: number;
  msg: string;
}

interface Member {
  userID: string;
  sdk: ExpressSdkDouble | null;
  userUpdate: boolean;
}

interface Room {
  members: Map<string, Member>;
  /** streamID → who publishes it. */
  streams: Map<string, string>;
}

export class ExpressCloudDouble {
  readonly rooms = new Map<string, Room>();
  readonly engines: ExpressSdkDouble[] = [];
  /** The token loginRoom accepts. */
  validToken = 'token-04';
  /** Set: the next loginRoom is refused with this error. */
  refuseLogin: ExpressError | null = null;
  /** Sets up each engine as it is created (a microphone that fails, a publish refused). */
  setUp: (sdk: ExpressSdkDouble) => void = () => undefined;

  /** The factory the engine takes: each call creates one engine on this cloud. */
  readonly factory: ExpressSdkFactory = async (appID, server) => {
    const sdk = new ExpressSdkDouble(this, appID, server);
    this.setUp(sdk);
    this.engines.push(sdk);
    return sdk;
  };

  /** A user who is not Switchboard (a kit user) enters a room. */
  join(roomID: string, userID: string): void {
    this.#enter(roomID, { userID, sdk: null, userUpdate: false });
  }

  /** That user publishes a stream in the room. */
  publish(roomID: string, userID: string, streamID: string): void {
    this.#addStream(roomID, userID, streamID);
  }

  /** That user stops publishing, staying in the room. */
  unpublish(roomID: string, streamID: string): void {
    this.#removeStreams(roomID, (id) => id === streamID);
  }

  /** That user leaves the room, as a kit does when its user hangs up. */
  leave(roomID: string, userID: string): void {
    this.exit(roomID, userID);
  }

  streamsIn(roomID: string): string[] {
    return [...(this.rooms.get(roomID)?.streams.keys() ?? [])];
  }

  membersOf(roomID: string): string[] {
    return [...(this.rooms.get(roomID)?.members.keys() ?? [])];
  }

  enter(roomID: string, member: Member): void {
    this.#enter(roomID, member);
  }

  addStream(roomID: string, userID: string, streamID: string): void {
    this.#addStream(roomID, userID, streamID);
  }

  removeStream(roomID: string, streamID: string): void {
    this.#removeStreams(roomID, (id) => id === streamID);
  }

  exit(roomID: string, userID: string): void {
    const room = this.rooms.get(roomID);
    if (!room?.members.has(userID)) return;
    this.#removeStreams(roomID, (_, owner) => owner === userID);
    room.members.delete(userID);
    for (const member of room.members.values()) {
      if (member.userUpdate) member.sdk?.emit('roomUserUpdate', roomID, 'DELETE', [{ userID }]);
    }
    if (room.members.size === 0) this.rooms.delete(roomID);
  }

  #enter(roomID: string, member: Member): void {
    const room = this.rooms.get(roomID) ?? { members: new Map(), streams: new Map() };
    this.rooms.set(roomID, room);
    for (const other of room.members.values()) {
      if (other.userUpdate) other.sdk?.emit('roomUserUpdate', roomID, 'ADD', [{ userID: member.userID }]);
    }
    room.members.set(member.userID, member);
    // A newcomer is told of the streams already there, as Express does after login.
    const streams = [...room.streams].map(([streamID, userID]) => streamInfo(streamID, userID));
    if (streams.length > 0) member.sdk?.emit('roomStreamUpdate', roomID, 'ADD', streams, '');
  }

  #addStream(roomID: string, userID: string, streamID: string): void {
    const room = this.rooms.get(roomID);
    if (!room) throw new Error(`no room ${roomID} to publish ${streamID} in`);
    room.streams.set(streamID, userID);
    for (const member of room.members.values()) {
      if (member.userID !== userID) member.sdk?.emit('roomStreamUpdate', roomID, 'ADD', [streamInfo(streamID, userID)], '');
    }
  }

  #removeStreams(roomID: string, which: (streamID: string, userID: string) => boolean): void {
    const room = this.rooms.get(roomID);
    if (!room) return;
    for (const [streamID, owner] of [...room.streams]) {
      if (!which(streamID, owner)) continue;
      room.streams.delete(streamID);
      for (const member of room.members.values()) {
        if (member.userID !== owner) member.sdk?.emit('roomStreamUpdate', roomID, 'DELETE', [streamInfo(streamID, owner)], '');
      }
    }
  }
}

export class ExpressSdkDouble implements ExpressSdk {
  readonly cloud: ExpressCloudDouble;
  readonly appID: number;
  readonly server: string;
  multiRoom = false;
  /** The rooms this engine is logged in to, and as whom. */
  readonly rooms = new Map<string, string>();
  /** streamID → room, for what this engine publishes. */
  readonly published = new Map<string, string>();
  readonly playing = new Set<string>();
  readonly destroyed: MediaStream[] = [];
  /** What each createStream was asked for (the microphone and its processing). */
  readonly streamSources: Array<Parameters<ExpressSdk['createStream']>[0]> = [];
  microphoneMuted: boolean | null = null;
  /** Set: createStream waits for it, as a microphone that is slow to open. */
  streamOpening: Promise<void> | null = null;
  /** Set: startPlayingStream waits for it, as a stream that is slow to start over the network. */
  streamStarting: Promise<void> | null = null;
  /** The streams startPlayingStream was asked for, in order. */
  readonly playAsked: string[] = [];
  /** Set: createStream rejects with this error (no microphone, permission refused). */
  microphoneError: ExpressError | null = null;
  /** Set: startPublishingStream returns false. */
  refusePublish = false;
  readonly #handlers = new Map<string, Set<Handler>>();

  constructor(cloud: ExpressCloudDouble, appID: number, server: string) {
    this.cloud = cloud;
    this.appID = appID;
    this.server = server;
  }

  enableMultiRoom(enable: boolean): boolean {
    if (this.rooms.size > 0) return false;
    this.multiRoom = enable;
    return true;
  }

  async loginRoom(roomID: string, token: string, user: { userID: string }, config?: { userUpdate?: boolean }): Promise<boolean> {
    await Promise.resolve();
    const refusal = this.cloud.refuseLogin;
    if (refusal) {
      this.cloud.refuseLogin = null;
      throw refusal;
    }
    if (token !== this.cloud.validToken) throw { code: 1102016, msg: 'liveroom token error' } satisfies ExpressError;
    if (this.rooms.size > 0 && !this.multiRoom) throw { code: 1002001, msg: 'login room count limit: enable multi-room first' } satisfies ExpressError;
    this.rooms.set(roomID, user.userID);
    this.cloud.enter(roomID, { userID: user.userID, sdk: this, userUpdate: config?.userUpdate === true });
    return true;
  }

  logoutRoom(roomID?: string): void {
    for (const room of roomID === undefined ? [...this.rooms.keys()] : [roomID]) {
      const userID = this.rooms.get(room);
      if (userID === undefined) continue;
      for (const [streamID, where] of [...this.published]) if (where === room) this.published.delete(streamID);
      this.rooms.delete(room);
      this.cloud.exit(room, userID);
    }
  }

  async createStream(source?: Parameters<ExpressSdk['createStream']>[0]): Promise<MediaStream> {
    this.streamSources.push(source);
    await (this.streamOpening ?? Promise.resolve());
    if (this.microphoneError) throw this.microphoneError;
    return fakeStream();
  }

  destroyStream(localStream: MediaStream | object): void {
    this.destroyed.push(localStream as MediaStream);
  }

  startPublishingStream(streamID: string, _stream: unknown, option?: { roomID?: string }): boolean {
    const roomID = option?.roomID ?? [...this.rooms.keys()][0];
    if (this.refusePublish || roomID === undefined || !this.rooms.has(roomID)) return false;
    // With multi-room on, Express needs to be told which room the stream is for, even in one room.
    if (this.multiRoom && option?.roomID === undefined) return false;
    this.published.set(streamID, roomID);
    this.cloud.addStream(roomID, this.rooms.get(roomID)!, streamID);
    return true;
  }

  stopPublishingStream(streamID: string): boolean {
    const roomID = this.published.get(streamID);
    if (roomID === undefined) return false;
    this.published.delete(streamID);
    this.cloud.removeStream(roomID, streamID);
    return true;
  }

  async startPlayingStream(streamID: string): Promise<MediaStream> {
    this.playAsked.push(streamID);
    await (this.streamStarting ?? Promise.resolve());
    const exists = [...this.rooms.keys()].some((roomID) => this.cloud.streamsIn(roomID).includes(streamID));
    if (!exists) throw { code: 1104001, msg: `no stream ${streamID}` } satisfies ExpressError;
    this.playing.add(streamID);
    return fakeStream();
  }

  stopPlayingStream(streamID: string): void {
    this.playing.delete(streamID);
  }

  /**
   * Express gives up on a room: its reconnection failed, or the server put this user out (the
   * same user ID logged in to the room elsewhere, a token that expired unrenewed). The others in
   * the room see the user go; this engine is told with roomStateChanged and roomStateUpdate.
   */
  loseRoom(roomID: string, reason: 'RECONNECT_FAILED' | 'KICKOUT', errorCode: number): void {
    const userID = this.rooms.get(roomID);
    if (userID === undefined) return;
    for (const [streamID, where] of [...this.published]) if (where === roomID) this.published.delete(streamID);
    this.rooms.delete(roomID);
    this.cloud.exit(roomID, userID);
    this.emit('roomStateChanged', roomID, reason, errorCode, '');
    this.emit('roomStateUpdate', roomID, 'DISCONNECTED', errorCode, '');
  }

  /** Tokens renewed, by room. */
  readonly renewed: Array<{ roomID: string | undefined; token: string }> = [];

  renewToken(token: string, roomID?: string): boolean {
    if (roomID !== undefined && !this.rooms.has(roomID)) return false;
    this.renewed.push({ roomID, token });
    return true;
  }

  /** Express's warning that a room's token is about to expire. */
  tokenWillExpire(roomID: string): void {
    this.emit('tokenWillExpire', roomID);
  }

  muteMicrophone(mute: boolean): boolean {
    this.microphoneMuted = mute;
    return true;
  }

  on(event: string, callBack: Handler): boolean {
    const handlers = this.#handlers.get(event) ?? new Set();
    handlers.add(callBack);
    this.#handlers.set(event, handlers);
    return true;
  }

  off(event: string, callBack?: Handler): boolean {
    if (callBack) this.#handlers.get(event)?.delete(callBack);
    else this.#handlers.delete(event);
    return true;
  }

  /** Fires an event, after the current task, as the network would. */
  emit(event: string, ...args: unknown[]): void {
    setTimeout(() => {
      for (const handler of this.#handlers.get(event) ?? []) (handler as (...values: unknown[]) => void)(...args);
    }, 0);
  }

  /** A publisher state from Express's side, such as a publish that failed after it started. */
  publisherState(streamID: string, state: 'PUBLISHING' | 'NO_PUBLISH', errorCode: number): void {
    this.emit('publisherStateUpdate', { streamID, state, errorCode, extendedData: '' });
  }
}

function streamInfo(streamID: string, userID: string): { streamID: string; user: { userID: string; userName: string }; extraInfo: string } {
  return { streamID, user: { userID, userName: userID }, extraInfo: '' };
}

/** An empty stream: the engine only hands it on (to an audio element, or back to the SDK). */
function fakeStream(): MediaStream {
  return new MediaStream();
}
